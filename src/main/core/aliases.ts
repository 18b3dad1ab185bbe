import crypto from 'node:crypto';

/** R1: alias local parts are 15 characters of [a-z0-9]. */
export const ALIAS_LENGTH = 15;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
// Largest multiple of 36 below 256: bytes at or above it are dropped so every character is uniform.
const UNBIASED_LIMIT = 252;

export const ALIAS_PATTERN = /^[a-z0-9]{15}$/;

// Cryptographic random bytes drawn 4 KiB at a time: one call per message id showed in profiles.
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomByte(): number {
  if (poolAt >= pool.length) {
    pool = crypto.randomBytes(4096);
    poolAt = 0;
  }
  return pool[poolAt++];
}

/** 15 uniform characters from a cryptographic source: 36^15 ≈ 2^77.5, unguessable. */
export function randomLocalPart(length = ALIAS_LENGTH): string {
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) out += ALPHABET[byte % 36];
  }
  return out;
}

export function isAlias(localPart: string): boolean {
  return ALIAS_PATTERN.test(localPart);
}

/**
 * Draws a local part that `taken` does not know yet. Uniqueness is finally guaranteed by the
 * UNIQUE constraint in the store; with 2^77 values a retry is practically never needed.
 */
export function newUniqueLocalPart(taken: (candidate: string) => boolean, length = ALIAS_LENGTH): string {
  for (let attempt = 0; attempt < 16; attempt++) {
    const candidate = randomLocalPart(length);
    if (!taken(candidate)) return candidate;
  }
  throw new Error('could not draw an unused alias');
}
