// The target ratios measured side by side: both rows of a target loaded at the same moments, sharing core 1,
// and each proxy's own CPU time per request compared. Rows measured one after the other see different
// machines: on a virtual machine the cost of the same system calls drifts by up to 2× within seconds (a loop
// of `write`s to /dev/null, 1 s slices: 102–157 ms; @fastify/http-proxy alone, 2 s slices: 69–139 µs of CPU
// per request), while a pure computation stays within ±5 %. Two proxies loaded together pay the same drift,
// so the ratio of their CPU times per request holds still where the ratio of two rows' req/s does not. What
// it adds: two processes sharing a core slow each other (each pays the other's wake-ups in caches and
// context switches), not always equally — nginx's 30,000 a second cost a gateway beside it ~40 % — so the
// pairs are Node proxies of like weight, and the targets are still judged by the rows' req/s.
import { watchCpu } from './cpu.mjs';
import { load } from './load.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Loads `a` and `b` (each { url, headers, pids, unique? }) at the same moments: their req/s, each one's CPU
 * time per request, the non-2xx and socket errors, and `ratio`: how many requests `a` serves per CPU second
 * relative to `b` (b's CPU time per request over a's).
 */
export async function loadTogether(a, b, connections, seconds) {
  const cpuA = watchCpu(a.pids);
  const cpuB = watchCpu(b.pids);
  const loads = await Promise.all(
    [a, b].map((row) =>
      load({ url: row.url, headers: row.headers, connections, seconds, unique: row.unique }),
    ),
  );
  const usPerRequest = [cpuA.stop(), cpuB.stop()].map(
    ({ processSeconds }, i) => (processSeconds * 1e6) / (loads[i].rps * seconds),
  );
  return {
    rps: loads.map((l) => l.rps),
    usPerRequest,
    failures: loads.map((l) => l.non2xx + l.socketErrors),
    ratio: usPerRequest[1] / usPerRequest[0],
  };
}

/**
 * For each [a, b] of `pairs` (row keys) whose rows both exist: the median over `rounds` of a's requests per
 * CPU second relative to b's, the pairs' order rotated from round to round. Returns { 'a:b': { ratio,
 * ratios, failures } }.
 */
export async function measureSideBySide({ pairs, rows, rounds, connections, seconds, log }) {
  const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
  const present = pairs.filter(([a, b]) => byKey[a]?.pids.length && byKey[b]?.pids.length);
  const results = {};
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < present.length; i++) {
      const [a, b] = present[(i + round) % present.length];
      const once = await loadTogether(byKey[a], byKey[b], connections, seconds);
      const entry = (results[`${a}:${b}`] ??= { ratios: [], failures: 0 });
      entry.ratios.push(once.ratio);
      entry.failures += once.failures[0] + once.failures[1];
      const [usA, usB] = once.usPerRequest.map(Math.round);
      log(`  side by side, ${a} ${usA} µs/req : ${b} ${usB} µs/req → ${once.ratio.toFixed(2)}`);
    }
  }
  for (const entry of Object.values(results)) entry.ratio = median(entry.ratios);
  return results;
}
