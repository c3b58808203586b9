import { IDENTITY_HEADERS } from '@concierge/shared/util-http';

/** Who made the request, as established by a verified credential. */
export interface Principal {
  /** `user`: a person's token; `client`: a client-credentials token; `device`: a device key or device token. */
  kind: 'user' | 'device' | 'client';
  /** `sub` of the token (the client id for client tokens without one, the device id for device keys). */
  subject: string;
  scopes: string[];
  roles: string[];
  deviceId?: string;
  clientId?: string;
  /** The verified claims (for a device key: `device_id` and `key_id`). Read-only. */
  claims: Readonly<Record<string, unknown>>;
}

/** Thrown when verified claims cannot describe a principal safely. */
export class InvalidClaimsError extends Error {}

// Printable ASCII without leading/trailing blanks: values must survive as HTTP header values upstream.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;
// RFC 6749 §3.3 scope-token.
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/;

/**
 * How a client-credentials token is told from a user's, by configuration rather than by guessing:
 * `claim` — a client when that claim equals `sub` (RFC 9068 §2.2: with no resource owner, `sub` is the
 * client's id); `claim=value` — a client when the claim has that value (e.g. `gty=client-credentials`);
 * `claim=*` — a client when the claim is present at all (Keycloak's `client_id`, only in service-account tokens).
 */
export type ClientRule = string;

/** The default rule: `client_id` equal to `sub`. */
const DEFAULT_CLIENT_RULE: ClientRule = 'client_id';

/**
 * The principal a verified JWT describes. Scopes come from RFC 9068's space-separated `scope` or an `scp`
 * array; roles from `roles`; a token carrying `device_id` and the `device` role is a device's; a token
 * matching `clientRule` is a client's; any other is a user's. `sub` is required (RFC 9068 §2.2).
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  clientRule: ClientRule = DEFAULT_CLIENT_RULE,
): Principal {
  const scopes = scopesOf(claims);
  const roles = listOf(claims['roles'], 'roles');
  const clientId = optionalString(claims['client_id'] ?? claims['azp'] ?? claims['cid'], 'client_id');
  const sub = optionalString(claims['sub'], 'sub');
  const deviceId = optionalString(claims['device_id'], 'device_id');
  const frozen = Object.freeze({ ...claims });
  if (sub === undefined) throw new InvalidClaimsError('sub is required');

  if (deviceId !== undefined && roles.includes('device')) {
    return { kind: 'device', subject: sub, scopes, roles, deviceId, clientId, claims: frozen };
  }
  if (isClient(claims, sub, clientRule)) {
    return { kind: 'client', subject: sub, scopes, roles, clientId: clientId ?? sub, claims: frozen };
  }
  return { kind: 'user', subject: sub, scopes, roles, clientId, claims: frozen };
}

function isClient(claims: Record<string, unknown>, sub: string, rule: ClientRule): boolean {
  const eq = rule.indexOf('=');
  if (eq < 0) return claims[rule] === sub;
  const value = claims[rule.slice(0, eq)];
  const expected = rule.slice(eq + 1);
  return expected === '*' ? typeof value === 'string' && value !== '' : value === expected;
}

/** The principal of a device key the devices service vouched for. */
export function devicePrincipal(deviceId: string, scopes: readonly string[] = [], keyId?: string): Principal {
  const id = optionalString(deviceId, 'deviceId');
  if (id === undefined) throw new InvalidClaimsError('deviceId is missing');
  return {
    kind: 'device',
    subject: id,
    deviceId: id,
    scopes: unique([...scopes], 'scopes', SCOPE_TOKEN),
    roles: ['device'],
    claims: Object.freeze({ device_id: id, ...(keyId !== undefined ? { key_id: keyId } : {}) }),
  };
}

/** The principal of an API key the verifier vouched for: a `client` (a third-party app). */
export function apiKeyPrincipal(
  clientId: string,
  answer: {
    keyId?: string;
    scopes?: readonly string[];
    roles?: readonly string[];
    claims?: Record<string, string>;
  },
): Principal {
  const id = optionalString(clientId, 'clientId');
  if (id === undefined) throw new InvalidClaimsError('clientId is missing');
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.claims ?? {}))
    extra[name] = optionalString(value, name) ?? '';
  return {
    kind: 'client',
    subject: id,
    clientId: id,
    scopes: unique([...(answer.scopes ?? [])], 'scopes', SCOPE_TOKEN),
    roles: unique([...(answer.roles ?? [])], 'roles', HEADER_SAFE),
    claims: Object.freeze({
      ...extra,
      client_id: id,
      ...(answer.keyId !== undefined ? { key_id: answer.keyId } : {}),
    }),
  };
}

/**
 * The identity headers services read for this principal (`x-user-id`, `x-user-scopes`, `x-user-roles`,
 * `x-device-id`, `x-client-id`), built only from verified data; empty values are left out.
 */
export function identityHeadersOf(principal: Principal): Record<string, string> {
  const headers: Record<string, string> = {};
  if (principal.kind === 'user') headers[IDENTITY_HEADERS.userId] = principal.subject;
  if (principal.kind === 'device' && principal.deviceId)
    headers[IDENTITY_HEADERS.deviceId] = principal.deviceId;
  if (principal.kind === 'client' && principal.clientId)
    headers[IDENTITY_HEADERS.clientId] = principal.clientId;
  if (principal.scopes.length > 0) headers[IDENTITY_HEADERS.scopes] = principal.scopes.join(' ');
  if (principal.roles.length > 0) headers[IDENTITY_HEADERS.roles] = principal.roles.join(' ');
  return headers;
}

function scopesOf(claims: Record<string, unknown>): string[] {
  const scope = claims['scope'];
  if (typeof scope === 'string') return unique(scope.split(' ').filter(Boolean), 'scope', SCOPE_TOKEN);
  if (scope !== undefined && !Array.isArray(scope)) throw new InvalidClaimsError('scope is malformed');
  const list = Array.isArray(scope) ? scope : claims['scp'];
  if (typeof list === 'string') return unique(list.split(' ').filter(Boolean), 'scp', SCOPE_TOKEN);
  return unique(listOf(list, 'scp'), 'scp', SCOPE_TOKEN);
}

function listOf(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new InvalidClaimsError(`${name} is malformed`);
  return unique(value, name, HEADER_SAFE);
}

function unique(values: string[], name: string, pattern: RegExp): string[] {
  for (const v of values)
    if (!pattern.test(v) || v.includes(' ')) throw new InvalidClaimsError(`${name} is malformed`);
  return [...new Set(values)];
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !HEADER_SAFE.test(value))
    throw new InvalidClaimsError(`${name} is malformed`);
  return value;
}
