/**
 * The renderer never sees a buyer's real address (R5, contract.ts): every text the app
 * returns about a conversation passes through its scrubber, which puts the alias address
 * where a raw message, a quoted reply, a file name or a smarthost error named the buyer's own address,
 * in every form the relay's rewrite reads (mail/address-forms.ts: letter case, HTML entities, percent escapes).
 */
import { replaceAddressForms } from '../mail/address-forms.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type Scrub = (text: string) => string;

/** Replaces each of `addresses` (any letter case, any spelling) by `replacement`. */
export function scrubber(addresses: (string | null | undefined)[], replacement: string): Scrub {
  const list = [...new Set(addresses.filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase()))];
  if (list.length === 0) return (text) => text;
  // Then the plain address inside a longer one too (`xanna@example.de`): here nothing is worth more than hiding it.
  const plain = new RegExp(list.map(escape).join('|'), 'gi');
  return (text) => {
    const replaced = replaceAddressForms(text, list, replacement);
    return replaced && replaced.includes('@') ? replaced.replace(plain, replacement) : replaced;
  };
}

/** How a buyer is shown: the name the buyer gave, else the alias; never an address. */
export function buyerLabel(name: string | null | undefined, alias: string): string {
  const trimmed = name?.trim();
  return trimmed && !trimmed.includes('@') ? trimmed : alias;
}
