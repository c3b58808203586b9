export { aggregate } from './lib/aggregate';
export type { AggregateResult, Parts } from './lib/aggregate';
