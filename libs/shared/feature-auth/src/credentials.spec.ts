import { credentialFrom } from './credentials';

describe(credentialFrom.name, () => {
  it('reads bearer tokens, case-insensitively', () => {
    expect(credentialFrom({ authorization: 'bearer abc' }, 100)).toEqual({ kind: 'bearer', token: 'abc' });
  });

  it('reads device keys from ApiKey and X-Device-Key, preferring Authorization', () => {
    expect(credentialFrom({ authorization: 'ApiKey k1' }, 100)).toEqual({ kind: 'device-key', key: 'k1' });
    expect(credentialFrom({ 'x-device-key': 'k2' }, 100)).toEqual({ kind: 'device-key', key: 'k2' });
    expect(credentialFrom({ authorization: 'Bearer t', 'x-device-key': 'k2' }, 100)).toEqual({
      kind: 'bearer',
      token: 't',
    });
  });

  it('refuses oversized tokens without looking inside', () => {
    expect(credentialFrom({ authorization: `Bearer ${'a'.repeat(101)}` }, 100)).toEqual({
      kind: 'malformed',
      scheme: 'bearer',
      tooLarge: true,
    });
  });

  it('calls duplicated or empty values malformed, and other schemes none', () => {
    expect(credentialFrom({ 'x-device-key': ['a', 'b'] }, 100)).toMatchObject({
      kind: 'malformed',
      scheme: 'device-key',
    });
    expect(credentialFrom({ 'x-device-key': 'a, b' }, 100)).toMatchObject({ kind: 'malformed' });
    expect(credentialFrom({ authorization: 'Bearer' }, 100)).toMatchObject({
      kind: 'malformed',
      scheme: 'bearer',
    });
    expect(credentialFrom({ authorization: 'Basic dTpw' }, 100)).toEqual({ kind: 'none' });
  });
});
