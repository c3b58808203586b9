import { createHash } from 'node:crypto';
import { IDENTITY_HEADERS } from '@concierge/shared/util-http';
import type { HeaderMap } from './cache.types';

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 32);
}

/**
 * What a key names: the `Host` the request was made to, then its path and query. The host is part of it
 * because it reaches the upstream (as `X-Forwarded-Host`) and can shape the answer (absolute links):
 * without it, one caller's `Host: evil.example` would fill the entry everyone else is served.
 */
export function cacheTarget(url: string, host: string | string[] | undefined): string {
  const name = Array.isArray(host) ? host[0] : host;
  return name ? `//${name.toLowerCase()}${url}` : url;
}

/**
 * The primary cache key: method and target (`cacheTarget`), plus (for per-principal entries) a digest of the verified
 * principal, so a principal's id never appears in a store and no other caller can ever compute the key.
 */
export function primaryKey(method: string, target: string, principal?: string): string {
  const base = `${method.toUpperCase()} ${target}`;
  return principal === undefined ? base : `${base} @${digest(principal)}`;
}

/**
 * The verified principal of a request, from the identity the auth layer put in the request context
 * (never from a header the client sent: the gateway strips those). Undefined for an anonymous request.
 */
export function principalOf(identity: Record<string, string> | undefined): string | undefined {
  if (!identity) return undefined;
  const parts = [
    ['u', identity[IDENTITY_HEADERS.userId]],
    ['d', identity[IDENTITY_HEADERS.deviceId]],
    ['c', identity[IDENTITY_HEADERS.clientId]],
  ].filter(([, value]) => value);
  return parts.length ? parts.map(([kind, value]) => `${kind}:${value}`).join('|') : undefined;
}

/** The request header names a `Vary` value nominates, lower-case; `*` is kept and never matches. */
export function varyFields(vary: string | string[] | undefined): string[] {
  const value = Array.isArray(vary) ? vary.join(',') : vary;
  if (!value) return [];
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

function headerValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value?.trim();
}

/** The secondary key of one variant: the primary key, the generation of its variants, and the nominated values. */
export function variantKey(
  primary: string,
  generation: string,
  fields: string[],
  headers: HeaderMap,
): string {
  const values = fields.map((name) => {
    const value = headerValue(headers, name);
    return value === undefined ? '\u0000' : value;
  });
  return `${primary} #${generation}:${digest(values.join('\u001f'))}`;
}

/** RFC 9111 §4.1: do the headers `Vary` nominates carry the same values in both requests? */
export function varyMatches(fields: string[], stored: HeaderMap, presented: HeaderMap): boolean {
  return fields.every((name) => name !== '*' && headerValue(stored, name) === headerValue(presented, name));
}
