/**
 * The bridge's secret: whoever can open the printed URL may act as the seller, so the token is
 * 32 random bytes and is compared in constant time (no byte-by-byte timing oracle).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hashing first gives equal lengths, so neither the length nor the content leaks through timing. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
