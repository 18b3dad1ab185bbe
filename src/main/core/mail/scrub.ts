/**
 * The seller's view of a text (R5): the buyer's address, in every spelling the relay's rewrite reads, becomes the
 * alias address. One function for every place the seller reads it: the app's views (app/privacy.ts) and the search
 * index (store/db.ts), so the search box finds exactly the words the seller can see.
 */
import { replaceAddressForms } from './address-forms.js';

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
