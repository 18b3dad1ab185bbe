/**
 * RFC 2047 encoded-words and header folding for the few header values we write ourselves.
 * Our own code: we need the exact same rules on the way in (filenames, display names) and out,
 * and they are short.
 */
import { decodeBase64 } from './transfer-encoding.js';

const MAX_WORD = 75; // chars: RFC 2047 §2 limit of one encoded-word
const Q_PREFIX = '=?UTF-8?Q?';
const B_PREFIX = '=?UTF-8?B?';
const WORD_PAYLOAD = MAX_WORD - Q_PREFIX.length - 2;
// Bytes per B word: 4 chars per 3 bytes must fit the payload.
const B_BYTES = Math.floor(WORD_PAYLOAD / 4) * 3;

// No nested quantifiers: linear on any input.
const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** Printable ASCII plus tab: safe to write in a header as it is. */
export function isPlainHeaderText(text: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(text);
}

/** Characters Q-encoding may leave literal in every context, phrases included (RFC 2047 §5(3)). */
function isQSafe(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x21 ||
    byte === 0x2a ||
    byte === 0x2b ||
    byte === 0x2d ||
    byte === 0x2f
  );
}

function qToken(byte: number): string {
  if (byte === 0x20) return '_';
  if (isQSafe(byte)) return String.fromCharCode(byte);
  return '=' + byte.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Encodes `text` as one or more UTF-8 encoded-words separated by spaces (which decoders drop
 * between words). Words split on code-point boundaries so each decodes on its own.
 */
export function encodeWord(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let unsafe = 0;
  for (const byte of bytes) if (!isQSafe(byte) && byte !== 0x20) unsafe++;
  const useQ = unsafe * 2 < bytes.length; // Q stays readable when most of it is ASCII
  const words: string[] = [];
  let current: number[] = [];
  let currentLength = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    const chunk = Buffer.from(current);
    words.push(useQ ? Q_PREFIX + [...chunk].map(qToken).join('') + '?=' : B_PREFIX + chunk.toString('base64') + '?=');
    current = [];
    currentLength = 0;
  };
  for (const char of text) {
    const charBytes = [...Buffer.from(char, 'utf8')];
    const cost = useQ ? charBytes.reduce((sum, b) => sum + qToken(b).length, 0) : charBytes.length;
    const fits = useQ ? currentLength + cost <= WORD_PAYLOAD : current.length + cost <= B_BYTES;
    if (!fits) flush();
    current.push(...charBytes);
    currentLength += cost;
  }
  flush();
  return words.join(' ');
}

/**
 * Unstructured text (Subject and the like) made 7-bit: the span from the first to the last
 * word that needs it is encoded, the plain words around it stay readable.
 */
export function encodeWords(text: string): string {
  if (isPlainHeaderText(text)) return text;
  const words = text.split(' ');
  const needs = (w: string): boolean => !isPlainHeaderText(w) || /=\?/.test(w);
  const first = words.findIndex(needs);
  let last = words.length - 1;
  while (last > first && !needs(words[last])) last--;
  const encoded = encodeWord(words.slice(first, last + 1).join(' '));
  return [...words.slice(0, first), encoded, ...words.slice(last + 1)].join(' ');
}

function decodeQ(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') out.push(0x20);
    else if (ch === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/** Decodes bytes in a named charset; undefined when the runtime does not know the charset. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | undefined {
  const label = charset
    .trim()
    .toLowerCase()
    .replace(/^(x-|cp-?)(?=\d)/, 'windows-');
  let decoder = DECODERS.get(label);
  if (decoder === undefined && !DECODERS.has(label)) {
    try {
      decoder = new TextDecoder(label || 'utf-8');
    } catch {
      decoder = undefined;
    }
    // A message of 50,000 parts must not build 50,000 decoders; labels come from mail, so the cache is bounded.
    if (DECODERS.size < 256) DECODERS.set(label, decoder);
  }
  return decoder?.decode(bytes);
}

// Label → decoder (undefined: the runtime does not know the charset). A decoder without `stream` keeps no state.
const DECODERS = new Map<string, InstanceType<typeof TextDecoder> | undefined>();

/**
 * Decodes RFC 2047 encoded-words. Whitespace between adjacent words is dropped and adjacent
 * words of one charset are decoded together, as senders split multi-byte characters across
 * words. A word in an unknown charset is left as written.
 */
export function decodeWords(text: string): string {
  if (!text.includes('=?')) return text;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = (): void => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset) ?? '';
    pending = undefined;
  };
  for (const match of text.matchAll(ENCODED_WORD)) {
    const gap = text.slice(last, match.index);
    const charset = match[1].split('*')[0].toLowerCase(); // RFC 2231 §5 language suffix
    const bytes = match[2].toLowerCase() === 'b' ? decodeBase64(Buffer.from(match[3], 'latin1')) : decodeQ(match[3]);
    const known = decodeCharset(Buffer.alloc(0), charset) !== undefined;
    const adjacent = pending !== undefined && /^[ \t\r\n]*$/.test(gap);
    if (!adjacent) {
      flush();
      out += gap;
    }
    if (!known) {
      flush();
      out += match[0];
    } else if (pending && pending.charset === charset) pending.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + text.slice(last);
}

/**
 * A header value as a reader sees it: raw 8-bit bytes read as UTF-8 when they are valid UTF-8
 * (RFC 6532), as latin1 otherwise, then encoded-words decoded. `latin1Value` is a
 * HeaderField value.
 */
export function decodeHeaderValue(latin1Value: string): string {
  let text = latin1Value;
  if (/[\x80-\xff]/.test(text)) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
    } catch {
      // Not UTF-8: latin1 is the best guess left and never fails.
    }
  }
  return decodeWords(text);
}

/** Makes a value safe to write: no line breaks (header injection), no control characters. */
export function sanitizeHeaderValue(value: string): string {
  return (
    value
      .replace(/\r\n|[\r\n]/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ')
      .trim()
  );
}

/**
 * Renders `Name: value` with line breaks inserted before whitespace so lines stay within 78
 * characters where a break exists. Unfolding only removes the inserted line breaks, so the
 * value reads the same. `value` must already be 7-bit.
 */
export function foldField(name: string, value: string, eol: string, width = 78): string {
  const segments = value.match(/[ \t]*[^ \t]+|[ \t]+$/g) ?? [];
  let out = `${name}:`;
  let lineLength = out.length;
  let first = true;
  for (const segment of segments) {
    // The first segment is always separated from the colon by a single space.
    const piece = first ? ' ' + segment.replace(/^[ \t]+/, '') : segment;
    first = false;
    if (lineLength + piece.length > width && lineLength > name.length + 1 && /^[ \t]/.test(piece)) {
      out += eol;
      lineLength = 0;
    }
    out += piece;
    lineLength += piece.length;
  }
  return out + eol;
}
