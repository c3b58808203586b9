import { DEVICE_KEY_HEADER, isIdentityHeader, isLowerCaseIdentityHeader } from './identity-headers';

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

describe(isLowerCaseIdentityHeader.name, () => {
  it.each([
    ['x-user-id', true],
    ['x-device-owner', true],
    ['x-client-id', true],
    [DEVICE_KEY_HEADER, false],
    ['authorization', false],
  ])('answers %s as isIdentityHeader does (%s)', (name, expected) => {
    expect(isLowerCaseIdentityHeader(name)).toBe(expected);
    expect(isIdentityHeader(name)).toBe(expected);
  });
});
