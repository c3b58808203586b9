export { aggregate } from './lib/aggregate';
export type {
  AggregateMeta,
  AggregateOptions,
  AggregateResult,
  Part,
  PartContext,
  Parts,
} from './lib/aggregate';
export { AggregateTimeoutError, MissingDependencyError, NoValueError } from './lib/aggregate-errors';
export { createMemo } from './lib/memo';
export type { Memo } from './lib/memo';
export { createBatcher } from './lib/batcher';
export type { Batcher } from './lib/batcher';
