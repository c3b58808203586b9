/** `?ids=a,b,c` → ['a','b','c'], blanks dropped, duplicates kept once, capped so one call cannot ask for everything. */
export function parseIdList(value: string | undefined, max = 100): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return ids.slice(0, max);
}

/** A non-negative integer query parameter within [min, max], or `fallback` when absent; `null` when malformed. */
export function parseIntParam(
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | null {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n < min || n > max ? null : n;
}

/** Identity headers may carry a list separated by spaces or commas (`x-user-roles: admin customer`). */
export function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.split(/[\s,]+/).filter(Boolean);
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.trim() ? v.trim() : undefined;
}
