import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'prom-client';
import { promCacheMetrics } from '@concierge/shared/feature-cache';
import { RATE_LIMIT_DECISIONS_METRIC } from '@concierge/shared/feature-rate-limit';
import { HttpMetrics } from './http-metrics';
import { collectProcessMetrics } from './prom-metrics';
import { UpstreamMetrics } from './upstream-metrics';

const DASHBOARD = join(__dirname, '../../../../../../deploy/grafana/concierge-dashboard.json');

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/** The metric names a PromQL expression reads (functions, keywords, labels, strings and ranges left out). */
function metricNamesOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w$:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (match[2] || PROMQL_WORDS.has(match[1].toLowerCase())) continue;
    names.add(match[1]);
  }
  return [...names];
}

interface Panel {
  title?: string;
  type: string;
  targets?: Array<{ expr?: string }>;
  panels?: Panel[];
}

function queriesOf(dashboard: {
  panels: Panel[];
  templating: { list: Array<{ query?: unknown }> };
}): string[] {
  const exprs: string[] = [];
  const walk = (panels: Panel[]) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) if (target.expr) exprs.push(target.expr);
      walk(panel.panels ?? []);
    }
  };
  walk(dashboard.panels);
  for (const variable of dashboard.templating.list) {
    const query =
      typeof variable.query === 'string' ? variable.query : (variable.query as { query?: string })?.query;
    const labelValues = query && /^label_values\(\s*([^,]+),/.exec(query);
    if (labelValues) exprs.push(labelValues[1]);
  }
  return exprs;
}

/** Every series name a scrape of a gateway can show, from the metrics as the libraries register them. */
function exportedNames(): Set<string> {
  new HttpMetrics('spec');
  new UpstreamMetrics();
  collectProcessMetrics('spec');
  promCacheMetrics();
  const names = new Set<string>([RATE_LIMIT_DECISIONS_METRIC]);
  for (const metric of register.getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  const exprs = queriesOf(dashboard);

  it('reads metric names out of PromQL', () => {
    expect(
      metricNamesOf(
        'histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{job=~"$job", x="a(b)"}[$__rate_interval]))) / on (route) group_left foo_total',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'foo_total']);
  });

  it('queries only metrics a gateway exports', () => {
    const exported = exportedNames();
    const queried = new Set(exprs.flatMap(metricNamesOf));
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !exported.has(name))).toEqual([]);
  });

  it('covers requests, upstreams, breakers, rate limits, the cache, event-loop lag and memory', () => {
    const queried = new Set(exprs.flatMap(metricNamesOf));
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'upstream_requests_total',
      'upstream_request_duration_seconds_bucket',
      'upstream_retries_total',
      'circuit_breaker_state',
      RATE_LIMIT_DECISIONS_METRIC,
      'concierge_cache_lookups_total',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
    ]) {
      expect(queried).toContain(name);
    }
  });

  it('is an importable dashboard: unique panel ids, a datasource on every query panel', () => {
    const panels: Panel[] = dashboard.panels;
    const ids = panels.map((panel: Panel & { id?: number }) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      expect(panel).toMatchObject({ datasource: { type: 'prometheus' }, targets: expect.any(Array) });
    }
    expect(dashboard.uid).toBe('concierge-gateways');
  });
});
