/**
 * Structured MIME header values: `type/subtype; key=value; key="quoted"`, with RFC 2231
 * parameter continuations and charsets. A single left-to-right scan: linear on any input, and
 * tolerant of the usual breakage (missing quotes, stray semicolons, unquoted spaces).
 */
import { decodeCharset, decodeHeaderValue } from './encoded-words.js';

export interface StructuredValue {
  /** Lowercased main value ('text/plain', 'attachment'); '' when absent. */
  value: string;
  /** Lowercased keys; RFC 2231 values joined and decoded, RFC 2047 words decoded. */
  params: Record<string, string>;
}

/** Splits on `;` outside quoted strings, unquoting values as it goes. */
function scan(text: string): { main: string; pairs: [string, string, boolean][] } {
  const pairs: [string, string, boolean][] = [];
  let i = text.indexOf(';');
  const main = i === -1 ? text : text.slice(0, i);
  if (i === -1) return { main, pairs };
  i++;
  let eq = -1; // cached: recomputing it for every stray ';' would make the scan quadratic
  while (i < text.length) {
    if (eq < i) eq = text.indexOf('=', i);
    if (eq === -1) break;
    const semi = text.indexOf(';', i);
    if (semi !== -1 && semi < eq) {
      // A parameter without '=': nothing to keep.
      i = semi + 1;
      continue;
    }
    const key = text.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    let value = '';
    let quoted = false;
    if (text[j] === '"') {
      quoted = true;
      j++;
      // Slices between escapes, not a string grown by one character at a time: a quoted value of megabytes (a
      // boundary repeated by a hostile sender) cost seconds of garbage collection.
      const pieces: string[] = [];
      let from = j;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) {
          pieces.push(text.slice(from, j));
          from = ++j;
        }
        j++;
      }
      pieces.push(text.slice(from, j));
      value = pieces.join('');
      const next = text.indexOf(';', j);
      j = next === -1 ? text.length : next;
    } else {
      const next = text.indexOf(';', j);
      const stop = next === -1 ? text.length : next;
      value = text.slice(j, stop).trim();
      j = stop;
    }
    if (key) pairs.push([key, value, quoted]);
    i = j + 1;
  }
  return { main, pairs };
}

function percentDecode(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

interface Continuation {
  index: number;
  extended: boolean;
  value: string;
}

/** Joins RFC 2231 pieces (`name*0*=utf-8''a%20; name*1=b`) into one decoded string. */
function joinContinuations(pieces: Continuation[]): string {
  pieces.sort((a, b) => a.index - b.index);
  let charset = '';
  const bytes: Buffer[] = [];
  pieces.forEach((piece, n) => {
    let text = piece.value;
    if (piece.extended && n === 0) {
      const match = /^([^']*)'[^']*'(.*)$/s.exec(text);
      if (match) {
        charset = match[1];
        text = match[2];
      }
    }
    bytes.push(piece.extended ? percentDecode(text) : Buffer.from(text, 'latin1'));
  });
  const all = Buffer.concat(bytes);
  if (charset) return decodeCharset(all, charset) ?? decodeCharset(all, 'utf-8') ?? all.toString('latin1');
  return decodeHeaderValue(all.toString('latin1'));
}

/** Parses a Content-Type or Content-Disposition value (latin1 as in HeaderField.value). */
export function parseStructured(text: string): StructuredValue {
  const { main, pairs } = scan(text);
  const params: Record<string, string> = Object.create(null);
  const continued = new Map<string, Continuation[]>();
  for (const [key, value, quoted] of pairs) {
    const match = /^([^*]+)\*(\d*)(\*?)$/.exec(key);
    if (match && !quoted) {
      const [, name, index, star] = match;
      const extended = index === '' || star === '*';
      const list = continued.get(name) ?? [];
      list.push({ index: index === '' ? 0 : Number(index), extended, value });
      continued.set(name, list);
    } else if (match) {
      // Quoted pieces are not percent-encoded (RFC 2231), but some senders quote an extended
      // value anyway (`boundary*="us-ascii''abc"`); readers accept it, and so must we, or the
      // multipart goes unsplit and its parts unseen.
      const [, name, index, star] = match;
      const extended = (index === '' || star === '*') && /^[\w.:-]*'[^']*'/.test(value);
      const list = continued.get(name) ?? [];
      list.push({ index: index === '' ? 0 : Number(index), extended, value });
      continued.set(name, list);
    } else if (!(key in params)) {
      params[key] = decodeHeaderValue(value);
    }
  }
  // The RFC 2231 form wins over a plain one of the same name (senders give both for old readers).
  for (const [name, pieces] of continued) params[name] = joinContinuations(pieces);
  const value = main
    .replace(/\([^()]*\)/g, '')
    .trim()
    .toLowerCase();
  return { value, params };
}
