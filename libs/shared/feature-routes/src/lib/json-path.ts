/** Dot paths over parsed JSON, `*` meaning every element of an array (`items.*.price`). */
export type JsonPath = readonly string[];

type Json = unknown;
type Tree = { [key: string]: Tree | true };

export function splitPath(path: string): JsonPath {
  return path.split('.').filter(Boolean);
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value at `path` (several when it crosses a `*`). */
export function valuesAt(value: Json, path: JsonPath): Json[] {
  if (path.length === 0) return value === undefined ? [] : [value];
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (isObject(value) && Object.hasOwn(value, head)) return valuesAt(value[head], rest);
  return [];
}

/** Only the given paths of `value`, in a new value (arrays crossed by `*` keep their length). */
export function pickPaths(value: Json, paths: readonly JsonPath[]): Json {
  const tree: Tree = {};
  for (const path of paths) {
    let node = tree;
    path.forEach((key, i) => {
      if (node[key] === true) return;
      if (i === path.length - 1) node[key] = true;
      else node = (node[key] = typeof node[key] === 'object' ? (node[key] as Tree) : {}) as Tree;
    });
  }
  return project(value, tree);
}

function project(value: Json, tree: Tree): Json {
  if (Array.isArray(value)) {
    const each = tree['*'];
    return each === undefined ? undefined : value.map((item) => (each === true ? item : project(item, each)));
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, Json> = {};
  for (const [key, sub] of Object.entries(tree)) {
    if (key === '*' || !Object.hasOwn(value, key)) continue;
    const picked = sub === true ? value[key] : project(value[key], sub);
    if (picked !== undefined) out[key] = picked;
  }
  return out;
}

/** `value` without `path`, in a new value; untouched branches are shared, not copied. */
export function withoutPath(value: Json, path: JsonPath): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (head === '*') {
    if (!Array.isArray(value)) return value;
    return rest.length === 0 ? [] : value.map((item) => withoutPath(item, rest));
  }
  if (!isObject(value) || !Object.hasOwn(value, head)) return value;
  const { [head]: inner, ...others } = value;
  return rest.length === 0 ? others : { ...others, [head]: withoutPath(inner, rest) };
}

/** `value` with `path` set to `next` (objects created on the way); `*` is not allowed here. */
export function withPath(value: Json, path: JsonPath, next: Json): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const base = isObject(value) ? value : {};
  return { ...base, [head]: withPath(base[head], rest, next) };
}

/**
 * `value` with the field at `from` moved to `to`. When both paths cross arrays with `*` at the same
 * places, the move happens inside every element (`items.*.sku` → `items.*.id`).
 */
export function movePath(value: Json, from: JsonPath, to: JsonPath): Json {
  const star = from.indexOf('*');
  if (
    star !== -1 &&
    to.indexOf('*') === star &&
    from.slice(0, star).join('.') === to.slice(0, star).join('.')
  ) {
    const prefix = from.slice(0, star);
    const [array] = valuesAt(value, prefix);
    if (!Array.isArray(array)) return value;
    const moved = array.map((item) => movePath(item, from.slice(star + 1), to.slice(star + 1)));
    return withPath(value, prefix, moved);
  }
  const found = valuesAt(value, from);
  if (found.length !== 1 || from.includes('*') || to.includes('*')) return value;
  return withPath(withoutPath(value, from), to, found[0]);
}
