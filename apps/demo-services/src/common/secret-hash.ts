import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 is right for secrets we generate ourselves (device keys, client secrets): they carry enough
 * entropy that a slow hash adds nothing, and verification sits on the gateway's hot path.
 */
export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Compares a presented secret with a stored SHA-256 hash in constant time. */
export function matchesSha256(secret: string, storedHash: Buffer): boolean {
  return timingSafeEqual(sha256(secret), storedHash);
}

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

const SCRYPT_KEYLEN = 32;
// Below scrypt's default cost: test suites sign in many times, and these demo passwords are public anyway.
const SCRYPT_COST = { N: 4096, r: 8, p: 1 };

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT_KEYLEN, SCRYPT_COST, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Passwords are chosen by people, so they get a salted, deliberately slow hash. */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, hash: await scryptAsync(password, salt) };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  return timingSafeEqual(await scryptAsync(password, stored.salt), stored.hash);
}
