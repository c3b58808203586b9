// What the gateway's own /metrics (on its admin listener) says after the run: the counters an operator would watch, summed.
const WATCHED = [
  'http_requests_total',
  'upstream_requests_total',
  'concierge_rate_limit_decisions_total',
  'concierge_cache_lookups_total',
];

export async function metricTotals(adminBase) {
  const text = await (await fetch(`${adminBase}/metrics`)).text();
  const totals = Object.fromEntries(WATCHED.map((name) => [name, 0]));
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.e+]+)$/.exec(line);
    if (match && match[1] in totals) totals[match[1]] += Number(match[2]);
  }
  return totals;
}

/** The cache gateway's lookups by outcome (`hit`, `miss`, …): proof the hit row hit. */
export async function cacheOutcomes(adminBase) {
  const text = await (await fetch(`${adminBase}/metrics`)).text();
  const outcomes = {};
  for (const match of text.matchAll(
    /^concierge_cache_lookups_total\{[^}]*outcome="([^"]+)"[^}]*\} ([0-9.e+]+)$/gm,
  )) {
    outcomes[match[1]] = (outcomes[match[1]] ?? 0) + Number(match[2]);
  }
  return outcomes;
}
