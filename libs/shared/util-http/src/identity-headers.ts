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

const identityNames: ReadonlySet<string> = new Set(Object.values(IDENTITY_HEADERS));

/** Any header a client may use to claim an identity, including `x-user-*` and `x-device-*` look-alikes. */
export function isIdentityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return identityNames.has(lower) || lower.startsWith('x-user-') || lower.startsWith('x-device-') || lower === 'x-client-id';
}
