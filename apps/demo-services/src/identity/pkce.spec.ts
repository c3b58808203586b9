import { isS256Challenge, verifierMatches } from './pkce';

describe(verifierMatches.name, () => {
  // RFC 7636 Appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('accepts the verifier of the RFC example', () => {
    expect(verifierMatches(verifier, challenge)).toBe(true);
  });

  it('refuses another verifier, a verifier sent as the challenge itself (plain), and a short one', () => {
    expect(verifierMatches(verifier.replace('d', 'e'), challenge)).toBe(false);
    expect(verifierMatches(challenge, challenge)).toBe(false);
    expect(verifierMatches('short', challenge)).toBe(false);
  });

  it('recognises only base64url SHA-256 challenges', () => {
    expect(isS256Challenge(challenge)).toBe(true);
    expect(isS256Challenge('plain-challenge')).toBe(false);
    expect(isS256Challenge(`${challenge.slice(0, 42)}=`)).toBe(false);
  });
});
