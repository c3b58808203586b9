import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** An http(s) URL (the gateways' upstreams and issuers). */
export const urlVariable = (options: { default?: string } = {}) =>
  Type.String({ pattern: '^https?://[^\\s/$.?#][^\\s]*$', ...options });

/** A TCP port. */
export const portVariable = (options: { default?: number } = {}) =>
  Type.Integer({ minimum: 0, maximum: 65535, ...options });

/**
 * One of a few words. A JSON Schema `enum` (not TypeBox's union of literals), so a bad value is reported
 * as "must be equal to one of the allowed values" rather than once per alternative.
 */
export function oneOf<const T extends readonly string[]>(
  values: T,
  options: { default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** The properties of an environment schema: one per variable. */
export type EnvironmentProperties = Record<string, TSchema>;
