/**
 * Headers by which the gateway tells a service who the verified caller is. A client must never be able
 * to set them: the gateway removes every one of them from what the client sent before anything else.
 */
export const IDENTITY_HEADERS = {
  userId: 'x-user-id',
  scopes: 'x-user-scopes',
  roles: 'x-user-roles',
  deviceId: 'x-device-id',
  clientId: 'x-client-id',
} as const;

/**
 * A device's API key (`X-Device-Key: <key>`): a credential the gateway checks, not a claim. It is kept on
 * the way in and, like any credential meant for the gateway, never relayed to a service.
 */
export const DEVICE_KEY_HEADER = 'x-device-key';

const identityNames: ReadonlySet<string> = new Set(Object.values(IDENTITY_HEADERS));

/** Any header a client may use to claim an identity, including `x-user-*` and `x-device-*` look-alikes. */
export function isIdentityHeader(name: string): boolean {
  return isLowerCaseIdentityHeader(name.toLowerCase());
}

/** {@link isIdentityHeader} for a name already in lower case (as Node parses them): no copy is made. */
export function isLowerCaseIdentityHeader(lower: string): boolean {
  if (lower === DEVICE_KEY_HEADER) return false;
  return (
    identityNames.has(lower) ||
    lower.startsWith('x-user-') ||
    lower.startsWith('x-device-') ||
    lower === 'x-client-id'
  );
}
