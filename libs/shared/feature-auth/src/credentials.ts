/** Request headers as Node and Fastify hand them over. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** What a request presents to prove who it is. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'device-key'; key: string }
  /** Something was sent but cannot be a credential (duplicated, empty, oversized). */
  | { kind: 'malformed'; scheme: 'bearer' | 'device-key'; tooLarge?: boolean };

const DEVICE_KEY_HEADER = 'x-device-key';
/** Where third-party apps put their API key (the `Authorization: ApiKey` scheme works too). */
const API_KEY_HEADER = 'x-api-key';
const MAX_DEVICE_KEY_LENGTH = 512;

/**
 * Reads the credential from `Authorization: Bearer …`, `Authorization: ApiKey …`, `X-Device-Key: …` or
 * `X-Api-Key: …` (the `Authorization` header wins). A key is a key: whether device keys or client API keys
 * are accepted is the gateway's configuration. Oversized values are refused here, before anything parses them.
 */
export function credentialFrom(headers: RequestHeaders, maxTokenBytes: number): Credential {
  const authorization = headers['authorization'];
  if (authorization !== undefined) {
    if (typeof authorization !== 'string') return { kind: 'malformed', scheme: 'bearer' };
    const space = authorization.indexOf(' ');
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'bearer') {
      if (value.length > maxTokenBytes) return { kind: 'malformed', scheme: 'bearer', tooLarge: true };
      return value ? { kind: 'bearer', token: value } : { kind: 'malformed', scheme: 'bearer' };
    }
    if (scheme === 'apikey') return deviceKey(value);
  }
  const header = headers[DEVICE_KEY_HEADER] ?? headers[API_KEY_HEADER];
  if (header !== undefined)
    return typeof header === 'string'
      ? deviceKey(header.trim())
      : { kind: 'malformed', scheme: 'device-key' };
  return { kind: 'none' };
}

function deviceKey(key: string): Credential {
  return key && key.length <= MAX_DEVICE_KEY_LENGTH && !/[\s,]/.test(key)
    ? { kind: 'device-key', key }
    : { kind: 'malformed', scheme: 'device-key' };
}
