// Prints the bench as two tables: every row with its ratios, then DESIGN.md's targets, met or not.
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (a, b) => (a && b ? a / b : NaN);

function table(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const row = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}

export function targets({ rows, streaming }) {
  const r = (key) => rows[key]?.rps;
  const nginx = r('nginx');
  return [
    ['declared route with auth + rate limit vs nginx', ratio(r('declared'), nginx), '≥ 0.35'],
    ['BFF endpoint via service client vs nginx', ratio(r('webClient'), nginx), '≥ 0.15'],
    ['service client (undici) vs @nestjs/axios as it comes', ratio(r('webClient'), r('webStockAxios')), '≥ 2.00'],
    ['three-part aggregate vs raw Promise.all + undici', ratio(r('webAggregate20ms'), r('rawAggregate20ms')), '≥ 0.75'],
    ['three-part aggregate p50 (ms), 3 × 20 ms services', rows.webAggregate20ms?.p50, '≤ 22'],
    ['three-part aggregate p99 (ms), 3 × 20 ms services', rows.webAggregate20ms?.p99, '≤ 26'],
    ['cache hit vs miss, same route', ratio(r('cacheHit'), r('cacheMiss')), '≥ 1.50'],
    ['rate limiter in process: throughput kept', ratio(r('declared'), r('declaredRlOff')), '≥ 0.90'],
    ['rate limiter on Redis: throughput kept', ratio(r('declaredRlRedis'), r('declaredRlOff')), '≥ 0.75'],
    ['200 MB down + up: gateway RSS growth (MB)', streaming?.rssPeakGrowthMb, '< 50'],
  ].map(([name, value, goal]) => {
    const [op, bound] = goal.split(' ');
    const n = Number(bound);
    const met = !Number.isFinite(value) ? '?' : (op === '≥' ? value >= n : op === '≤' ? value <= n : value < n) ? 'yes' : 'NO';
    return [name, fmt(value, 2), goal, met];
  });
}

export function printTables(result) {
  const { rows, machine, streaming } = result;
  const direct = rows.direct?.rps;
  const nginx = rows.nginx?.rps;
  const lines = Object.values(rows).map((row) => [
    row.label,
    fmt(row.rps),
    fmt(row.p50, 2),
    fmt(row.p99, 2),
    fmt(ratio(row.rps, direct), 2),
    nginx ? fmt(ratio(row.rps, nginx), 2) : '–',
    row.non2xx ? `${row.non2xx} non-2xx` : '',
  ]);
  process.stdout.write(
    `\nConcierge benchmark — ${machine.loader}, ${machine.connections} connections (aggregate rows: 10), ` +
      `${machine.rounds} rounds × ${machine.seconds} s, medians; ${machine.pinned ? 'gateway on core 1, load on core 0' : 'not pinned'}\n\n`,
  );
  process.stdout.write(table(['row', 'req/s', 'p50 ms', 'p99 ms', '× direct', '× nginx', ''], lines) + '\n');
  if (streaming) {
    process.stdout.write(
      `\nstreaming 200 MB through a declared route: down ${streaming.downMBps} MB/s, up ${streaming.upMBps} MB/s, ` +
        `gateway RSS ${streaming.rssBeforeMb} MB, peak growth ${streaming.rssPeakGrowthMb} MB\n`,
    );
  }
  if (result.metrics) {
    const counters = Object.entries(result.metrics).map(([name, total]) => `${name} ${Math.round(total)}`);
    process.stdout.write(`\nweb gateway's /metrics after the run: ${counters.join(', ')}\n`);
  }
  process.stdout.write('\nTargets (DESIGN.md)\n\n' + table(['target', 'measured', 'goal', 'met'], targets(result)) + '\n');
}
