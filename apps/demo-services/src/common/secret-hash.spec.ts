import { hashPassword, matchesSha256, sha256, verifyPassword } from './secret-hash';

describe(matchesSha256.name, () => {
  it('accepts the secret whose hash is stored and nothing else', () => {
    const stored = sha256('iot-demo-secret-0001');
    expect(matchesSha256('iot-demo-secret-0001', stored)).toBe(true);
    expect(matchesSha256('iot-demo-secret-0002', stored)).toBe(false);
    expect(matchesSha256('', stored)).toBe(false);
  });
});

describe(verifyPassword.name, () => {
  it('verifies against a salted hash that differs per call', async () => {
    const a = await hashPassword('wonderland');
    const b = await hashPassword('wonderland');
    expect(a.hash.equals(b.hash)).toBe(false);
    expect(await verifyPassword('wonderland', a)).toBe(true);
    expect(await verifyPassword('Wonderland', a)).toBe(false);
  });
});
