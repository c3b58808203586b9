import type { Static, TObject } from '@sinclair/typebox';
import Ajv, { type ErrorObject } from 'ajv';

/** A JSON Schema for environment variables (a TypeBox object): every property is one variable. */
export type EnvironmentSchema = TObject;

/** Thrown once at start-up; its message names every bad variable and what was wrong with it. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = InvalidEnvironmentError.name;
  }
}

const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });

function describe(error: ErrorObject, env: Record<string, unknown>, schema: EnvironmentSchema): string {
  const variable = error.instancePath.replace(/^\//, '') || String(error.params['missingProperty'] ?? '');
  const value = env[variable];
  // A secret (`writeOnly` in its schema) is named but never echoed into logs.
  const secret = schema.properties[variable]?.['writeOnly'] === true;
  const shown = value === undefined || secret ? '' : ` (got ${JSON.stringify(value).slice(0, 60)})`;
  return `${variable} ${error.message ?? 'is invalid'}${shown}`;
}

/**
 * Validates `env` against `schema` once: types coerced (PORT "3000" → 3000), defaults applied, unknown
 * variables ignored (the environment holds much more than ours). Throws `InvalidEnvironmentError`.
 */
export function validateEnvironment<S extends EnvironmentSchema>(
  schema: S,
  env: Record<string, unknown>,
): Static<S> {
  const known = Object.keys(schema.properties);
  const picked: Record<string, unknown> = {};
  for (const name of known) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  const validate = ajv.compile(schema);
  if (!validate(picked)) {
    throw new InvalidEnvironmentError(
      (validate.errors ?? []).map((error) => describe(error, picked, schema)),
    );
  }
  return picked as Static<S>;
}
