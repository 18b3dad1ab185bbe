import crypto from 'node:crypto';

// scrypt cost: N=2^15 takes ~50 ms here, once per SMTP AUTH; r=8, p=1 are the usual choices.
const N = 32768;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024; // bytes: scrypt needs 128 * N * r = 32 MiB at N=2^15

/** On libuv's thread pool: setting a password from the app or the CLI never stalls the relay's event loop. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(password, salt, KEYLEN, { N, r: 8, p: 1, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
  return format(salt, hash);
}

/** On the event loop: for `SellerRepo.add`, which tests and scripts use; the app and the CLI use the one above. */
export function hashPasswordSync(password: string): string {
  const salt = crypto.randomBytes(16);
  return format(salt, crypto.scryptSync(password, salt, KEYLEN, { N, r: 8, p: 1, maxmem: MAXMEM }));
}

function format(salt: Buffer, hash: Buffer): string {
  return `scrypt$${N}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Hashed on libuv's thread pool, not the event loop: a wrong password costs the relay no answer time elsewhere. An
 * unknown login is checked against DUMMY_HASH so it takes as long as a wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(
      password,
      Buffer.from(saltB64, 'base64'),
      expected.length,
      { N: Number(n), r: 8, p: 1, maxmem: MAXMEM },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
  return crypto.timingSafeEqual(actual, expected);
}

/** A well-formed hash no password matches (random bytes, not a hash of anything): the work for an unknown login. */
export const DUMMY_HASH = `scrypt$${N}$${crypto.randomBytes(16).toString('base64')}$${crypto.randomBytes(KEYLEN).toString('base64')}`;

export function randomPassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}
