import { SecretBox } from './secret-box';

describe(SecretBox.name, () => {
  const secret = 'a-session-secret-of-at-least-32-characters';
  const sut = new SecretBox(secret, 'store');

  it('opens what it sealed, and the sealed form does not show the plaintext', () => {
    const sealed = sut.seal('{"refresh_token":"rt-123"}', 'id-1');
    expect(sealed).not.toContain('rt-123');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('rt-123');
    expect(sut.open(sealed, 'id-1')).toBe('{"refresh_token":"rt-123"}');
  });

  it('refuses a value moved to another context, tampered with, or sealed for another purpose or secret', () => {
    const sealed = sut.seal('x', 'id-1');
    expect(sut.open(sealed, 'id-2')).toBeUndefined();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(sut.open(bytes.toString('base64url'), 'id-1')).toBeUndefined();
    expect(new SecretBox(secret, 'cookie').open(sealed, 'id-1')).toBeUndefined();
    expect(new SecretBox(`${secret}!`, 'store').open(sealed, 'id-1')).toBeUndefined();
    expect(sut.open('short', 'id-1')).toBeUndefined();
  });
});
