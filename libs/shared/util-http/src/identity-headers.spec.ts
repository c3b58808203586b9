import { DEVICE_KEY_HEADER, isIdentityHeader } from './identity-headers';

describe(isIdentityHeader.name, () => {
  it.each(['x-user-id', 'X-User-Scopes', 'x-user-anything', 'x-device-id', 'x-device-owner', 'x-client-id'])(
    'treats %s as a claim a client may not make',
    (name) => expect(isIdentityHeader(name)).toBe(true),
  );

  it.each([DEVICE_KEY_HEADER, 'X-Device-Key', 'authorization', 'x-request-id', 'accept'])(
    'leaves %s alone (a credential to check, or no identity at all)',
    (name) => expect(isIdentityHeader(name)).toBe(false),
  );
});
