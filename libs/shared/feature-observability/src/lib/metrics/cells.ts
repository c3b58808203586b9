import { register } from 'prom-client';

/*
 * prom-client hashes the label values of every `inc`/`observe` (even through a bound child), about 3 µs for
 * a request's counter and histogram: several percent of a gateway's CPU at its target rates. These metrics
 * keep plain numbers per series instead; a caller looks its series up once (in nested maps, by label value)
 * and then only adds to numbers. prom-client formats them at scrape time like its own metrics.
 */

type Labels = Record<string, string>;

interface MetricValue {
  labels: Labels;
  value: number;
  metricName?: string;
}

/** What prom-client's registry reads of a metric (`Registry.registerMetric`). */
abstract class CellMetric<C extends { labels: Labels }> {
  readonly aggregator = 'sum';
  private readonly cells = new Map<string, C>();

  protected constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'histogram',
  ) {}

  /** The series with these label values, created on first use. Slow path: callers keep what it returns. */
  series(labels: Labels): C {
    const key = JSON.stringify(labels);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = this.create(labels);
      this.cells.set(key, cell);
    }
    return cell;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    const values: MetricValue[] = [];
    for (const cell of this.cells.values()) this.expand(cell, values);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    for (const cell of this.cells.values()) this.clear(cell);
  }

  protected abstract create(labels: Labels): C;
  protected abstract expand(cell: C, into: MetricValue[]): void;
  protected abstract clear(cell: C): void;
}

/** One counter series. */
export interface CounterCell {
  readonly labels: Labels;
  value: number;
}

/** A counter whose series are plain numbers (`cell.value++`). */
export class CellCounter extends CellMetric<CounterCell> {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }

  protected create(labels: Labels): CounterCell {
    return { labels, value: 0 };
  }

  protected expand(cell: CounterCell, into: MetricValue[]): void {
    into.push({ labels: cell.labels, value: cell.value });
  }

  protected clear(cell: CounterCell): void {
    cell.value = 0;
  }
}

/** One histogram series: per-bucket counts (not cumulative until scraped), sum and count. */
export class HistogramCell {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
    this.count++;
  }
}

/** A histogram whose series are {@link HistogramCell}s. */
export class CellHistogram extends CellMetric<HistogramCell> {
  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }

  protected create(labels: Labels): HistogramCell {
    return new HistogramCell(labels, this.bounds);
  }

  protected expand(cell: HistogramCell, into: MetricValue[]): void {
    let cumulative = 0;
    const bucket = `${this.name}_bucket`;
    this.bounds.forEach((bound, i) => {
      cumulative += cell.counts[i];
      into.push({ metricName: bucket, labels: { le: String(bound), ...cell.labels }, value: cumulative });
    });
    into.push({ metricName: bucket, labels: { le: '+Inf', ...cell.labels }, value: cell.count });
    into.push({ metricName: `${this.name}_sum`, labels: cell.labels, value: cell.sum });
    into.push({ metricName: `${this.name}_count`, labels: cell.labels, value: cell.count });
  }

  protected clear(cell: HistogramCell): void {
    cell.counts.fill(0);
    cell.sum = 0;
    cell.count = 0;
  }
}

/** The metric `name` of the default registry, registered by `create` if no one has yet. */
export function registered<M extends CellCounter | CellHistogram>(name: string, create: () => M): M {
  const existing = register.getSingleMetric(name) as unknown;
  if (existing) {
    if (existing instanceof CellCounter || existing instanceof CellHistogram) return existing as M;
    throw new Error(`${name} is already registered as another kind of metric`);
  }
  const metric = create();
  register.registerMetric(metric as never);
  return metric;
}
