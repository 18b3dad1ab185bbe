/**
 * The renderer never sees a buyer's real address (R5, contract.ts): every text the app
 * returns about a conversation passes through its scrubber, which puts the alias address
 * where a raw message, a quoted reply, a file name or a smarthost error named the buyer's own address,
 * in every form the relay's rewrite reads (mail/address-forms.ts: letter case, HTML entities, percent escapes).
 */
import { scrubber, type Scrub } from '../mail/scrub.js';

// The scrubber itself is the mail layer's: the store's search index reads texts through it too (store/db.ts).
export { scrubber, type Scrub };

// A word of a search snippet: anything between spaces and the delimiters an address cannot contain.
const SNIPPET_WORD = /[^\s<>"'(),;:[\]{}=\\]+/g;
// Characters: a shorter piece of an address at the snippet's cut edge is left alone (it could be any word).
const MIN_PIECE = 3;

/**
 * A search snippet scrubbed (R5): FTS5 wraps the words it matched in «…» and cuts the text with '…', so an address
 * can be split by marks (`anna.«mueller»@example.de`) or cut at the snippet's edge (`…mueller@example.de`). Each word
 * is read without the marks; a word holding the address, or one at a cut edge that is a piece of it, becomes the
 * replacement (marked when the word was).
 */
export function snippetScrubber(addresses: (string | null | undefined)[], replacement: string): Scrub {
  const scrub = scrubber(addresses, replacement);
  const list = [...new Set(addresses.filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase()))];
  if (list.length === 0) return (text) => text;
  return (snippet) =>
    scrub(snippet).replace(SNIPPET_WORD, (word) => {
      const bare = word.replace(/[«»…]/g, '');
      const lower = scrub(bare).toLowerCase();
      const whole = lower !== bare.toLowerCase();
      const cutPiece = (a: string): boolean =>
        bare.length >= MIN_PIECE &&
        ((word.startsWith('…') && a.endsWith(lower)) || (word.endsWith('…') && a.startsWith(lower)));
      if (!whole && !list.some(cutPiece)) return word;
      const body = whole ? scrub(bare) : replacement;
      const shown = word.includes('«') ? body.replace(replacement, `«${replacement}»`) : body;
      return `${word.startsWith('…') ? '…' : ''}${shown}${word.endsWith('…') ? '…' : ''}`;
    });
}

/** How a buyer is shown: the name the buyer gave, else the alias; never an address. */
export function buyerLabel(name: string | null | undefined, alias: string): string {
  const trimmed = name?.trim();
  return trimmed && !trimmed.includes('@') ? trimmed : alias;
}
