import { exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { randomBytes } from 'node:crypto';

export const SIGNING_ALG = 'RS256';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/**
 * The identity service's signing keys, newest first. Tokens are signed with the newest; the JWKS
 * publishes the newest `retain` keys, so a token signed just before a rotation still verifies until it expires.
 */
export class KeyRing {
  private keys: SigningKey[] = [];
  private jwksCache: { keys: JWK[] } = { keys: [] };

  private constructor(private readonly retain: number) {}

  static async create(retain = 3): Promise<KeyRing> {
    if (retain < 2) throw new Error('a key ring must retain at least two keys to survive a rotation');
    const ring = new KeyRing(retain);
    await ring.rotate();
    return ring;
  }

  /** Generates a new key, makes it the signing key and returns its kid. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, {
      modulusLength: 2048,
      extractable: true,
    });
    const kid = `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString('base64url')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    this.keys = [{ kid, privateKey, publicJwk }, ...this.keys].slice(0, this.retain);
    this.jwksCache = { keys: this.keys.map((k) => k.publicJwk) };
    return kid;
  }

  get current(): { kid: string; privateKey: KeyLike } {
    return this.keys[0];
  }

  /** The public JWK Set (RFC 7517) of every retained key. */
  jwks(): { keys: JWK[] } {
    return this.jwksCache;
  }
}
