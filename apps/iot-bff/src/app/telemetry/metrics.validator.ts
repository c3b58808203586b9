import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { MAX_METRICS_PER_READING } from './telemetry.limits';

const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Why `value` is not a map of metric names to finite numbers, or undefined when it is one. */
export function metricsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be an object of metric name to number';
  const entries = Object.entries(value);
  if (entries.length === 0) return 'must name at least one metric';
  if (entries.length > MAX_METRICS_PER_READING) return `must have at most ${MAX_METRICS_PER_READING} metrics`;
  for (const [name, reading] of entries) {
    if (!METRIC_NAME.test(name)) return `has an invalid metric name "${name.slice(0, 64)}"`;
    if (typeof reading !== 'number' || !Number.isFinite(reading)) return `.${name} must be a finite number`;
  }
  return undefined;
}

/** A reading's `metrics`: `{ name: number }`, names short and plain, at most 64 of them. */
export function IsMetrics(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMetrics',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => metricsProblem(value) === undefined,
        defaultMessage: ({ property, value }: ValidationArguments) => `${property} ${metricsProblem(value)}`,
      },
    });
}
