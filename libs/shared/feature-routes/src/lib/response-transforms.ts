import { movePath, pickPaths, splitPath, valuesAt, withoutPath, withPath } from './json-path';
import type { BodyTransforms, ResponseTransforms } from './routes.types';

/**
 * A JSON body shaped as a route declares (KrakenD's set): `target`, `flatten`, `allow`, `deny`, `rename`,
 * `wrap`, in that order. A top-level array is shaped element by element. Pure: the input is not changed.
 */
export function transformBody(body: unknown, rules: BodyTransforms): unknown {
  let value = body;
  if (rules.target) {
    const [found] = valuesAt(value, splitPath(rules.target));
    value = found ?? null;
  }
  if (rules.flatten) {
    const collected = valuesAt(value, splitPath(rules.flatten.path)).flatMap((v) =>
      Array.isArray(v) ? v : [v],
    );
    value = withPath(value, splitPath(rules.flatten.as), collected);
  }
  value = Array.isArray(value) ? value.map((item) => shapeOne(item, rules)) : shapeOne(value, rules);
  return rules.wrap ? { [rules.wrap]: value } : value;
}

function shapeOne(value: unknown, rules: BodyTransforms): unknown {
  let out = value;
  if (rules.allow) out = pickPaths(out, rules.allow.map(splitPath)) ?? {};
  for (const path of rules.deny ?? []) out = withoutPath(out, splitPath(path));
  for (const [from, to] of Object.entries(rules.rename ?? {}))
    out = movePath(out, splitPath(from), splitPath(to));
  return out;
}

/** True when a route's response body must be buffered and reshaped. */
export function hasBodyTransforms(transforms: ResponseTransforms | undefined): boolean {
  const body = transforms?.body;
  return !!body && Object.keys(body).length > 0;
}

/** Response headers with a route's `set` and `remove` applied (names lower-cased). Pure. */
export function transformResponseHeaders<T>(
  headers: Record<string, T | string>,
  rules: ResponseTransforms['headers'],
): Record<string, T | string> {
  if (!rules) return headers;
  const out = { ...headers };
  for (const name of rules.remove ?? []) delete out[name.toLowerCase()];
  for (const [name, value] of Object.entries(rules.set ?? {})) out[name.toLowerCase()] = value;
  return out;
}
