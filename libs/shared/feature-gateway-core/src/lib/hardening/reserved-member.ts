import { types } from 'node:util';

/** Member names Nest's ValidationPipe deletes from every value it validates (prototype-pollution guard). */
const RESERVED_MEMBER_NAMES = ['__proto__', 'constructor', 'prototype'] as const;

/** Values the pipe leaves as they are, so never looked into here either. */
const OPAQUE_TYPES = [Date, RegExp, Error, Map, Set, WeakMap, WeakSet];

/**
 * The dotted path (`readings.0.metrics.constructor`, as validation messages name fields) of the first own
 * member named `__proto__`, `constructor` or `prototype` anywhere in `value`, or undefined when none is.
 * Walks what the ValidationPipe's own stripping walks: arrays' items and objects' enumerable members.
 */
export function reservedMemberPath(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object' || types.isTypedArray(value)) return undefined;
  if (OPAQUE_TYPES.some((type) => value instanceof type)) return undefined;
  const prefix = path ? `${path}.` : '';
  if (Array.isArray(value)) {
    for (const [index, item] of Object.entries(value)) {
      const found = reservedMemberPath(item, `${prefix}${index}`);
      if (found) return found;
    }
    return undefined;
  }
  const reserved = RESERVED_MEMBER_NAMES.find((name) => Object.hasOwn(value, name));
  if (reserved) return `${prefix}${reserved}`;
  for (const key in value) {
    const found = reservedMemberPath((value as Record<string, unknown>)[key], `${prefix}${key}`);
    if (found) return found;
  }
  return undefined;
}
