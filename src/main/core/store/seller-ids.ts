/**
 * What a seller id may be. The id is the local part of the seller's public relay address, so it must not collide with
 * the other local parts of the relay domain (relay/address-book.ts): a buyer alias (R1) or a name the relay or mail
 * software needs for itself. SellerRepo.add enforces this for every front door; first-run setup derives ids that pass.
 */
import { isAlias } from '../aliases.js';
import { ParleyError, type ErrorDetail } from '../errors.js';

/** Lower-case letters, digits and '-', 3–40 characters, starting with a letter. */
export const SELLER_ID_PATTERN = /^[a-z][a-z0-9-]{2,39}$/;
export const SELLER_ID_MAX = 40;

/** Local parts the relay domain needs for itself, or that mail software treats specially. */
export const RESERVED_SELLER_IDS: ReadonlySet<string> = new Set([
  'postmaster',
  'abuse',
  'bounce',
  'action',
  'mailer-daemon',
  'noreply',
  'no-reply',
  'hostmaster',
  'webmaster',
]);

type Problem = { message: string; detail: ErrorDetail };

/** What is wrong with `id`, in English and as the UI's message key. */
function problemOf(id: string): Problem | null {
  if (!SELLER_ID_PATTERN.test(id))
    return {
      message: `the seller id "${id}" must be 3–40 characters of a–z, 0–9 and "-", starting with a letter`,
      detail: { key: 'sellerId.shape', params: { id } },
    };
  if (isAlias(id))
    return {
      message: `the seller id "${id}" is 15 letters and digits, the shape of a buyer alias (R1): add a "-" or change its length`,
      detail: { key: 'sellerId.aliasShape', params: { id } },
    };
  if (RESERVED_SELLER_IDS.has(id)) {
    const reserved = [...RESERVED_SELLER_IDS].join(', ');
    return {
      message: `the seller id "${id}" is reserved for the relay domain itself (${reserved})`,
      detail: { key: 'sellerId.reserved', params: { id, reserved } },
    };
  }
  return null;
}

/** Why `id` cannot be a seller id, or null when it can. */
export function sellerIdProblem(id: string): string | null {
  return problemOf(id)?.message ?? null;
}

export function isValidSellerId(id: string): boolean {
  return sellerIdProblem(id) === null;
}

/** Throws EBADINPUT naming what is wrong with `id`. */
export function checkSellerId(id: string): void {
  const problem = problemOf(id);
  if (problem) throw new ParleyError('EBADINPUT', problem.message, { detail: problem.detail });
}
