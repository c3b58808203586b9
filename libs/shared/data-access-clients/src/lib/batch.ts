/** A batch endpoint may answer a bare array or a page-like `{ items }`; either way, the items. */
export function itemsOf<T>(body: T[] | { items: T[] } | null | undefined): T[] {
  if (Array.isArray(body)) return body;
  return body?.items ?? [];
}

/** `a,b,c` without duplicates or empties, for `?ids=`. */
export function idList(ids: readonly string[]): string {
  return [...new Set(ids.filter((id) => id))].join(',');
}
