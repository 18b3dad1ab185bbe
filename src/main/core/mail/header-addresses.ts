/**
 * An address replaced in every header field of a message or a MIME part (R5, R6), in every form address-forms.ts
 * reads, also where the raw bytes do not spell it: inside a run of adjacent RFC 2047 encoded-words (one word may end
 * in the middle of the address), in RFC 2231 parameters (`filename*0*=utf-8''jane%40exa; filename*1=mple.com`) and
 * in raw UTF-8 (RFC 6532). Only fields that hold the address change; every other field keeps its bytes.
 */
import { containsAddressForm, mayHoldAddress, replaceAddressForms } from './address-forms.js';
import { decodeWords, encodeWord, foldField, isPlainHeaderText } from './encoded-words.js';
import { fieldFromRaw, type Eol, type HeaderField } from './header-block.js';
import { parseStructured } from './mime-params.js';
import { decodeBase64 } from './transfer-encoding.js';

const ENCODED_WORD = /=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=/g;

/** Decodes each run of adjacent encoded-words; re-encodes a run only when it held an address. */
function replaceInEncodedWords(text: string, addresses: readonly string[], replacement: string): string {
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
    const replaced = replaceAddressForms(decoded, addresses, replacement);
    if (replaced === decoded) continue;
    out += text.slice(last, run.start) + encodeWord(replaced);
    last = run.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** A parameter value written back: a token or a quoted string when it is ASCII, RFC 2231 UTF-8 otherwise. */
function renderParam(key: string, value: string): string {
  if (isPlainHeaderText(value) && !/["\\\r\n]/.test(value)) {
    return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value) ? `${key}=${value}` : `${key}="${value}"`;
  }
  const encoded = [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9!#$&+\-.^_`|~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : '%' + b.toString(16).toUpperCase().padStart(2, '0'),
    )
    .join('');
  return `${key}*=utf-8''${encoded}`;
}

/**
 * Content-Type and Content-Disposition whose decoded parameters (a file name, most often) still name an address
 * after the byte-level pass: written again from the parsed parameters, each one whole.
 */
function replaceInParams(field: HeaderField, addresses: readonly string[], replacement: string): HeaderField {
  const { params } = parseStructured(field.value);
  if (!Object.values(params).some((v) => containsAddressForm(v, addresses))) return field;
  const main = field.value.split(';')[0].trim();
  const rendered = Object.entries(params).map(([key, value]) =>
    renderParam(key, replaceAddressForms(value, addresses, replacement)),
  );
  const eol: Eol = field.raw.toString('latin1').endsWith('\r\n') ? '\r\n' : '\n';
  return fieldFromRaw(Buffer.from(foldField(field.name, [main, ...rendered].join('; '), eol), 'latin1'));
}

/** An Autocrypt header that names the address, in `addr=` or inside its key: a key cannot be rewritten. */
function namesAddressInKey(field: HeaderField, addresses: readonly string[]): boolean {
  if (containsAddressForm(field.value, addresses)) return true;
  const keydata = /keydata=([A-Za-z0-9+/=\s]+)/i.exec(field.value)?.[1];
  return keydata !== undefined && containsAddressForm(decodeBase64(Buffer.from(keydata)).toString('latin1'), addresses);
}

const AUTOCRYPT = new Set(['autocrypt', 'autocrypt-gossip']);

/**
 * The fields with each of `addresses` replaced by `replacement`; an Autocrypt field that names one is dropped. Fields
 * without one are returned as the same objects (untouched bytes).
 */
export function replaceAddressesInFields(
  fields: readonly HeaderField[],
  addresses: readonly string[],
  replacement: string,
): HeaderField[] {
  const wanted = addresses.map((a) => a.trim()).filter(Boolean);
  if (wanted.length === 0) return [...fields];
  // Raw 8-bit headers hold an internationalised address as UTF-8 bytes, read here as latin1.
  const all = [...new Set([...wanted, ...wanted.map((a) => Buffer.from(a, 'utf8').toString('latin1'))])];
  const out: HeaderField[] = [];
  for (const field of fields) {
    if (AUTOCRYPT.has(field.lowerName) && namesAddressInKey(field, all)) continue;
    const text = field.raw.toString('latin1');
    const rewritten = replaceAddressForms(replaceInEncodedWords(text, wanted, replacement), all, replacement);
    let next = rewritten === text ? field : fieldFromRaw(Buffer.from(rewritten, 'latin1'));
    // Parameters hide an address only behind an at sign in some spelling, or inside an encoded-word.
    const params = next.lowerName === 'content-type' || next.lowerName === 'content-disposition';
    if (params && (mayHoldAddress(next.value) || next.value.includes('=?')))
      next = replaceInParams(next, wanted, replacement);
    out.push(next);
  }
  return out;
}

/** `example.com` and its subdomains as a host name, not inside a longer name or an address. */
export function hostPattern(domains: readonly string[]): RegExp | undefined {
  // A name longer than DNS allows (253) is no host name, and a sender's garbage domain of 50,000 dots made the pattern
  // too large to compile: a SyntaxError out of the rewrite (found by MIME fuzzing).
  const list = [...new Set(domains.map((d) => d.trim().toLowerCase()).filter((d) => d && d.length <= 253))];
  if (list.length === 0) return undefined;
  const names = list.map((d) => d.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  return new RegExp(`(?<![A-Za-z0-9\\-.@])(?:[A-Za-z0-9\\-]+\\.)*(?:${names})(?![A-Za-z0-9\\-]|\\.[A-Za-z0-9])`, 'gi');
}

/** Host names under one of `domains` replaced by `replacement` (User-Agent, X-Mailer: a client names its host). */
export function replaceHostNames(fields: readonly HeaderField[], domains: readonly string[], replacement: string) {
  const pattern = hostPattern(domains);
  if (!pattern) return [...fields];
  return fields.map((field) => {
    if (field.lowerName !== 'user-agent' && field.lowerName !== 'x-mailer') return field;
    const text = field.raw.toString('latin1');
    const rewritten = text.replace(pattern, replacement);
    return rewritten === text ? field : fieldFromRaw(Buffer.from(rewritten, 'latin1'));
  });
}

/** The domain of an address, lowercased ('' without one). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}
