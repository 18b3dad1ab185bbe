/**
 * The seller's copy of a dispute record (R21) never shows the buyer's real address (R5): every
 * message, attachment, file name and line of the transcript shows the alias where the address
 * was. Buyer mail goes through the relay's own rewrite (relay/rewrite.ts), so it reads as the
 * seller's inbox copy did; then every message, whatever its direction, is searched part by part
 * (bodies decoded) and rewritten where the address is still found. What cannot be rewritten (a
 * binary attachment holding the address) is withheld from the seller's copy, never shipped with
 * the address in it; the export for a dispute authority holds the originals.
 */
import { decodeCharset, decodeWords } from '../mail/encoded-words.js';
import { replaceAddressesInFields } from '../mail/header-addresses.js';
import { HeaderEditor, joinMessage, splitMessage } from '../mail/header-block.js';
import { allParts, decodeBody, walkMime, type MimePart } from '../mail/mime-tree.js';
import { removeParts } from '../mail/part-surgery.js';
import { encodeBase64Lines } from '../mail/transfer-encoding.js';
import { rewriteForSeller, type ForSellerOptions } from '../relay/rewrite.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways an `@` is written in mail and HTML: `&#64;`, `&#x40;`, `&commat;`, `%40` in a URL or RFC 2231 value. */
const AT_FORMS = '(?:@|&#0*64;?|&#x0*40;?|&commat;|%40)';
const AT_FORM = new RegExp(AT_FORMS, 'gi');

/** Replaces `address` in any letter case and any of the `@` forms above by `replacement`. */
export function addressReplacer(address: string, replacement: string): (text: string) => string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return (text) => text;
  const pattern = new RegExp(`${escape(address.slice(0, at))}${AT_FORMS}${escape(address.slice(at + 1))}`, 'gi');
  return (text) => (text ? text.replace(pattern, replacement) : text);
}

/** True when `text` holds `address` in any letter case or `@` form. */
export function holdsAddress(text: string, address: string): boolean {
  return text.replace(AT_FORM, '@').toLowerCase().includes(address.toLowerCase());
}

/** Bytes as they could be read: Latin-1 (which keeps every ASCII byte of UTF-8 too) and UTF-16. */
export function bytesHoldAddress(data: Buffer, address: string): boolean {
  return holdsAddress(data.toString('latin1'), address) || holdsAddress(data.toString('utf16le'), address);
}

/** Every header value decoded (RFC 2047), every part body decoded (base64, QP) and read in its charset. */
export function messageHoldsAddress(raw: Buffer, address: string): boolean {
  if (bytesHoldAddress(raw, address)) return true;
  const tree = walkMime(raw);
  return allParts(tree).some((part) => {
    if (part.fields.some((f) => holdsAddress(decodeWords(f.value), address))) return true;
    if (part.filename && holdsAddress(part.filename, address)) return true;
    if (part.children.length > 0) return false;
    const body = decodeBody(raw, part);
    return bytesHoldAddress(body, address) || holdsAddress(readText(body, part), address);
  });
}

export interface SellerCopyInput {
  raw: Buffer;
  /** The buyer's real address and the alias that stands for it at this seller (R1). */
  buyerAddress: string;
  aliasAddress: string;
  /** Buyer mail: the relay's own rewrite for the seller, as the inbox copy was made (no action footer). */
  forSeller?: Omit<ForSellerOptions, 'aliasAddress' | 'buyerAddress' | 'removals' | 'actions'>;
}

export interface SellerCopy {
  data: Buffer;
  /** MIME parts replaced by a note: binary content that holds the address and cannot be rewritten. */
  withheldParts: string[];
  /** True when nothing of the message could be kept: the copy is only a note (the transcript still has its text). */
  replaced: boolean;
}

const withheldNote = (part: MimePart) =>
  `Parley: "${part.filename ?? part.contentType}" is withheld from the seller's copy of this record: ` +
  "it holds the buyer's real address, which cannot be rewritten in it (R5). " +
  'The export for a dispute authority holds the original.';

export function sellerCopyOfMessage(input: SellerCopyInput): SellerCopy {
  const { buyerAddress: address, aliasAddress: alias } = input;
  const replace = addressReplacer(address, alias);
  let data = input.raw;
  if (input.forSeller) {
    try {
      data = rewriteForSeller(data, { ...input.forSeller, aliasAddress: alias, buyerAddress: address, removals: [] });
    } catch {
      // Mail the rewrite cannot take apart is still searched below, and replaced whole if need be.
    }
  }
  const withheldParts: string[] = [];
  try {
    const rewritten = rewriteParts(data, address, replace);
    data = rewritten.data;
    if (rewritten.withhold.length > 0) {
      data = removeParts(data, rewritten.withhold, withheldNote);
      withheldParts.push(...rewritten.withhold);
    }
    const { header, body, eol } = splitMessage(data);
    const editor = new HeaderEditor(header, eol);
    const fields = replaceAddressesInFields(editor.list(), [address], alias);
    editor.list().forEach((field, i) => editor.replaceField(field, fields[i]));
    // What is left in plain bytes (a 7bit or 8bit body, a part header, an `&#64;` form): ASCII, so Latin-1 is exact.
    data = Buffer.from(replace(joinMessage(editor.toBuffer(), body, eol).toString('latin1')), 'latin1');
  } catch {
    data = Buffer.from(replace(data.toString('latin1')), 'latin1');
  }
  if (!messageHoldsAddress(data, address)) return { data, withheldParts, replaced: false };
  return { data: replacementMessage(alias), withheldParts, replaced: true };
}

/** Text parts holding the address are decoded, rewritten and sent as UTF-8 base64; other parts are to be withheld. */
function rewriteParts(
  raw: Buffer,
  address: string,
  replace: (text: string) => string,
): { data: Buffer; withhold: string[] } {
  const tree = walkMime(raw);
  const { eol } = splitMessage(raw);
  const pieces: Buffer[] = [];
  const withhold: string[] = [];
  let last = 0;
  for (const part of allParts(tree)) {
    if (part.children.length > 0) continue;
    const body = decodeBody(raw, part);
    const text = readText(body, part);
    const inBody = bytesHoldAddress(body, address) || holdsAddress(text, address);
    if (!inBody) continue;
    const editor = new HeaderEditor(raw.subarray(part.headerStart, part.headerEnd), eol);
    if (!part.unsplit && PLAIN_STRUCTURED.test(part.contentType)) {
      // A report or calendar in plain bytes: the pass over the whole message rewrites it. Encoded: decoded to 8bit,
      // as RFC 2046 wants message/* anyway; the address is ASCII, so Latin-1 keeps every other byte.
      if (!['base64', 'quoted-printable'].includes(part.transferEncoding)) continue;
      editor.set('Content-Transfer-Encoding', '8bit');
      pieces.push(
        raw.subarray(last, part.headerStart),
        editor.toBuffer(),
        Buffer.from(eol + replace(body.toString('latin1')) + (part.bodyEnd >= raw.length ? eol : ''), 'latin1'),
      );
      last = part.bodyEnd;
      continue;
    }
    if (part.unsplit || !part.contentType.startsWith('text/')) {
      if (part.path !== '') withhold.push(part.path);
      continue;
    }
    const params = Object.entries(part.params)
      .filter(([key]) => key !== 'charset')
      .map(([key, value]) => `; ${key}="${replace(value).replace(/["\\\r\n]/g, '_')}"`)
      .join('');
    editor.set('Content-Type', `${part.contentType}; charset=utf-8${params}`);
    editor.set('Content-Transfer-Encoding', 'base64');
    const encoded = encodeBase64Lines(Buffer.from(replace(text), 'utf8'), eol);
    const atEnd = part.bodyEnd >= raw.length;
    pieces.push(
      raw.subarray(last, part.headerStart),
      editor.toBuffer(),
      Buffer.from(eol + encoded + (atEnd ? eol : ''), 'latin1'),
    );
    last = part.bodyEnd;
  }
  if (last === 0) return { data: raw, withhold };
  pieces.push(raw.subarray(last));
  return { data: Buffer.concat(pieces), withhold };
}

/** Text in all but name: delivery and read reports, a message in a message, a calendar entry. */
const PLAIN_STRUCTURED = /^(?:message\/|application\/ics$|text\/calendar$)/;

function readText(body: Buffer, part: MimePart): string {
  return decodeCharset(body, part.params.charset ?? 'utf-8') ?? body.toString('utf8');
}

/** The last resort: a message whose address hides in a form we cannot rewrite is not shipped at all. */
function replacementMessage(alias: string): Buffer {
  return Buffer.from(
    [
      `From: <${alias}>`,
      "Subject: (withheld from the seller's copy)",
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 7bit',
      '',
      "Parley: this message holds the buyer's real address in a form that cannot be rewritten, so the seller's",
      'copy of the record shows only its text, in transcript.txt, with the alias in place of the address (R5).',
      'The export for a dispute authority holds the original.',
      '',
    ].join('\r\n'),
    'latin1',
  );
}
