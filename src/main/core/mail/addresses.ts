/**
 * Addresses in header fields: parsing lists, formatting a mailbox safely, and replacing a real
 * address by its alias everywhere in the header (R5), rewriting only the fields that hold it.
 *
 * What replaceAddressInHeaders finds: the address in any field (From, Reply-To, Received
 * "for <…>", List-* mailto links, opaque lines), in any letter case, bare, in angle brackets,
 * inside quoted display names, and inside RFC 2047 encoded display names (a run of adjacent
 * encoded-words is decoded, searched, and re-encoded only when it holds the address).
 * Limits: percent-encoded (`john%40example.com`) or obsolete forms with comments/whitespace
 * around the `@`, and an address split across an encoded-word and plain text, are not found.
 * The body is never searched (headers only; quoted replies may still contain the address).
 */
import addressparser from 'nodemailer/lib/addressparser';
import { decodeHeaderValue, decodeWords, encodeWord, isPlainHeaderText, sanitizeHeaderValue } from './encoded-words.js';
import { fieldFromRaw, type HeaderField } from './header-block.js';

export interface Mailbox {
  /** Display name, decoded (RFC 2047, UTF-8); '' when none. */
  name: string;
  address: string;
}

/** Parses an address list field value (HeaderField.value); groups are flattened. Never throws. */
export function parseAddressList(value: string): Mailbox[] {
  try {
    return addressparser(value, { flatten: true })
      .filter((m) => m.address)
      .map((m) => ({ name: decodeHeaderValue(m.name ?? '').trim(), address: decodeHeaderValue(m.address).trim() }));
  } catch {
    return [];
  }
}

// RFC 5322 atext: a display name made of these and spaces needs no quotes.
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/** `Name <address>`, quoting or encoding the name as needed; the result is 7-bit. */
export function formatAddress(mailbox: Mailbox): string {
  const address = mailbox.address.replace(/[\s<>"(),;:\\[\]]/g, '');
  const name = sanitizeHeaderValue(mailbox.name).replace(/\s+/g, ' ');
  if (!name) return address;
  if (!isPlainHeaderText(name) || name.includes('=?')) return `${encodeWord(name)} <${address}>`;
  if (ATEXT.test(name)) return `${name} <${address}>`;
  return `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

export function formatAddressList(mailboxes: Mailbox[]): string {
  return mailboxes.map(formatAddress).join(', ');
}

/** ASCII-only lowercase: keeps length and offsets, unlike toLowerCase on latin1 text. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const ATEXT_CHAR = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/;

/** The match is a whole address, not part of a longer one (`xjohn@a.b`, `john@a.b.evil`). */
function standsAlone(text: string, start: number, end: number): boolean {
  if (start > 0 && ATEXT_CHAR.test(text[start - 1])) return false;
  const next = text[end];
  if (next === undefined) return true;
  if (/[A-Za-z0-9\-_]/.test(next)) return false;
  return !(next === '.' && /[A-Za-z0-9]/.test(text[end + 1] ?? ''));
}

/** Replaces each stand-alone occurrence of `needle` (any ASCII case) in `text`. */
export function replaceAddressInText(text: string, needle: string, replacement: string): string {
  if (!needle) return text;
  const hay = asciiLower(text);
  const lowerNeedle = asciiLower(needle);
  let out = '';
  let last = 0;
  let at = hay.indexOf(lowerNeedle);
  while (at !== -1) {
    if (standsAlone(text, at, at + needle.length)) {
      out += text.slice(last, at) + replacement;
      last = at + needle.length;
      at = hay.indexOf(lowerNeedle, last);
    } else {
      at = hay.indexOf(lowerNeedle, at + 1);
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

const ENCODED_WORD = /=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=/g;

/** Decodes each run of adjacent encoded-words; re-encodes a run only when it held the address. */
function replaceInEncodedWords(text: string, real: string, alias: string): string {
  if (!text.includes('=?')) return text;
  const runs: { start: number; end: number }[] = [];
  for (const match of text.matchAll(ENCODED_WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const previous = runs[runs.length - 1];
    if (previous && /^[ \t\r\n]*$/.test(text.slice(previous.end, start))) previous.end = end;
    else runs.push({ start, end });
  }
  let out = '';
  let last = 0;
  for (const run of runs) {
    const decoded = decodeWords(text.slice(run.start, run.end));
    const replaced = replaceAddressInText(decoded, real, alias);
    if (replaced === decoded) continue;
    out += text.slice(last, run.start) + encodeWord(replaced);
    last = run.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Returns the fields with every occurrence of `realAddress` replaced by `alias`. Fields without
 * it are returned as the same objects (untouched bytes); a rewritten field keeps its folding
 * and every other byte, only the address changes.
 */
export function replaceAddressInHeaders(
  fields: readonly HeaderField[],
  realAddress: string,
  alias: string,
): HeaderField[] {
  const real = realAddress.trim();
  if (!real) return [...fields];
  // Raw 8-bit headers hold an internationalised address as UTF-8 bytes, read here as latin1.
  const realAsRaw = Buffer.from(real, 'utf8').toString('latin1');
  return fields.map((field) => {
    const text = field.raw.toString('latin1');
    const rewritten = replaceAddressInText(replaceInEncodedWords(text, real, alias), realAsRaw, alias);
    return rewritten === text ? field : fieldFromRaw(Buffer.from(rewritten, 'latin1'));
  });
}
