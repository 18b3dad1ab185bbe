/**
 * An address replaced in a whole message (R5, R6): every header field of the message and of each MIME part
 * (header-addresses.ts: display names, file names, encoded-words, RFC 2231), and the content of every text part
 * (text/plain, text/html, text/calendar, vCards …) in any charset the runtime decodes and any transfer encoding. A
 * text part is decoded, searched and written again only when it names the address: its own charset when the new
 * text fits (ASCII, latin1), UTF-8 otherwise, and its own transfer encoding (7bit becomes quoted-printable when the
 * text is no longer ASCII). Every other part keeps its bytes. An attached message (message/rfc822) is rewritten the
 * same way inside. What cannot be rewritten — the bytes of a binary attachment — is searched (address-forms.ts
 * bytesContainAddress) and reported, so that the seller can be told.
 */
import { bytesContainAddress, bytesMayHoldAddress, replaceAddressForms } from './address-forms.js';
import { decodeCharset } from './encoded-words.js';
import { detectEol, findHeaderEnd, parseFields, renderField, type Eol, type HeaderField } from './header-block.js';
import { replaceAddressesInFields } from './header-addresses.js';
import { parseStructured } from './mime-params.js';
import { allParts, decodeBody, walkMime, type MimePart } from './mime-tree.js';
import { encodeBase64Lines } from './transfer-encoding.js';

// Levels of message/rfc822 inside message/rfc822 that are rewritten; deeper ones are searched like binary content.
const MAX_NESTED = 4;

export interface UnrewritablePart {
  path: string;
  filename: string;
}

export interface AddressRewrite {
  raw: Buffer;
  /** Parts whose content names an address and could not be rewritten (binary attachments). */
  unrewritable: UnrewritablePart[];
}

interface Edit {
  start: number;
  end: number;
  bytes: Buffer;
}

/** Quoted-printable of bytes in lines of at most 76 characters; a leading '-' is encoded (never a boundary line). */
function encodeQuotedPrintableBytes(bytes: Buffer, eol: Eol): string {
  const lines = bytes.toString('latin1').split(/\r?\n/);
  return lines
    .map((line) => {
      let out = '';
      let current = '';
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        const last = i === line.length - 1;
        const literal =
          ((code >= 0x21 && code <= 0x7e && code !== 0x3d) || ((code === 0x20 || code === 0x09) && !last)) &&
          !(i === 0 && code === 0x2d);
        const token = literal ? line[i] : '=' + code.toString(16).toUpperCase().padStart(2, '0');
        if (current.length + token.length > 75) {
          out += current + '=' + eol;
          current = '';
        }
        current += token;
      }
      return out + current;
    })
    .join(eol);
}

const SINGLE_BYTE = new Set(['us-ascii', 'ascii', 'iso-8859-1', 'latin1', 'iso_8859-1', 'windows-1252', 'cp1252']);

/** The text in its own charset when it still fits there, else UTF-8. */
function encodeText(text: string, charset: string): { bytes: Buffer; charset: string } {
  const ascii = !/[^\p{ASCII}]/u.test(text);
  if (ascii && charset !== 'utf-16' && !charset.startsWith('utf-16') && !charset.startsWith('utf-32'))
    return { bytes: Buffer.from(text, 'latin1'), charset };
  if (
    SINGLE_BYTE.has(charset) &&
    charset !== 'us-ascii' &&
    charset !== 'ascii' &&
    !/[^\p{ASCII}\u0080-\u00ff]/u.test(text)
  )
    return { bytes: Buffer.from(text, 'latin1'), charset };
  return { bytes: Buffer.from(text, 'utf8'), charset: charset === 'utf-8' || charset === 'utf8' ? charset : 'utf-8' };
}

function eolOf(field: HeaderField | undefined, fallback: Eol): Eol {
  if (!field) return fallback;
  return field.raw.toString('latin1').endsWith('\r\n') ? '\r\n' : '\n';
}

/** The part's Content-Type with `charset` set, every other parameter kept. */
function withCharset(fields: HeaderField[], part: MimePart, charset: string, eol: Eol): HeaderField[] {
  const index = fields.findIndex((f) => !f.opaque && f.lowerName === 'content-type');
  const params = { ...(index === -1 ? {} : parseStructured(fields[index].value).params), charset };
  const value = [part.contentType, ...Object.entries(params).map(([k, v]) => `${k}="${v.replace(/["\\]/g, '')}"`)];
  const field = renderField('Content-Type', value.join('; '), eolOf(fields[index], eol));
  return index === -1 ? [...fields, field] : fields.map((f, i) => (i === index ? field : f));
}

function withEncoding(fields: HeaderField[], encoding: string, eol: Eol): HeaderField[] {
  const index = fields.findIndex((f) => !f.opaque && f.lowerName === 'content-transfer-encoding');
  const field = renderField('Content-Transfer-Encoding', encoding, eolOf(fields[index], eol));
  return index === -1 ? [...fields, field] : fields.map((f, i) => (i === index ? field : f));
}

interface PartResult {
  fields: HeaderField[];
  body?: Buffer;
}

/** A text part's content with the addresses replaced; undefined when it holds none or its charset is unknown. */
function rewriteTextPart(
  raw: Buffer,
  part: MimePart,
  fields: HeaderField[],
  addresses: readonly string[],
  replacement: string,
): PartResult | undefined | 'unknown-charset' {
  const charset = (part.params.charset ?? 'us-ascii').trim().toLowerCase();
  const decoded = decodeBody(raw, part);
  // An at sign is an ASCII byte in every charset mail uses (UTF-16 too): no at sign, nothing to decode.
  if (!bytesMayHoldAddress(decoded)) return undefined;
  const text = decodeCharset(decoded, charset === 'us-ascii' || charset === 'ascii' ? 'latin1' : charset);
  if (text === undefined) return 'unknown-charset';
  const replaced = replaceAddressForms(text, addresses, replacement);
  if (replaced === text) return undefined;
  const eol = detectEol(raw, part.bodyStart, part.bodyEnd);
  const encoded = encodeText(replaced, charset);
  let next = encoded.charset === charset ? fields : withCharset(fields, part, encoded.charset, eol);
  const ascii = !encoded.bytes.some((b) => b > 0x7f);
  let body: string;
  if (part.transferEncoding === 'base64') body = encodeBase64Lines(encoded.bytes, eol);
  else if (part.transferEncoding === 'quoted-printable') body = encodeQuotedPrintableBytes(encoded.bytes, eol);
  else if (ascii || part.transferEncoding === '8bit' || part.transferEncoding === 'binary')
    body = encoded.bytes.toString('latin1');
  else {
    body = encodeQuotedPrintableBytes(encoded.bytes, eol);
    next = withEncoding(next, 'quoted-printable', eol);
  }
  return { fields: next, body: Buffer.from(body, 'latin1') };
}

function isLeaf(part: MimePart): boolean {
  return part.children.length === 0 && (!part.contentType.startsWith('multipart/') || part.unsplit === true);
}

function rewrite(
  raw: Buffer,
  addresses: readonly string[],
  replacement: string,
  depth: number,
  scan: boolean,
): AddressRewrite {
  const { edits, unrewritable } = findEdits(raw, addresses, replacement, depth, scan);
  return { raw: edits.length === 0 ? raw : Buffer.concat(applyEdits(raw, edits, 0)), unrewritable };
}

/** raw[from…] with the edits applied, as pieces (subarrays of raw and the edits' bytes), not joined. */
function applyEdits(raw: Buffer, edits: Edit[], from: number): Buffer[] {
  const pieces: Buffer[] = [];
  let last = from;
  for (const edit of edits) {
    pieces.push(raw.subarray(last, edit.start), edit.bytes);
    last = edit.end;
  }
  pieces.push(raw.subarray(last));
  return pieces;
}

function findEdits(
  raw: Buffer,
  addresses: readonly string[],
  replacement: string,
  depth: number,
  scan: boolean,
): { edits: Edit[]; unrewritable: UnrewritablePart[] } {
  const tree = walkMime(raw);
  const edits: Edit[] = [];
  const unrewritable: UnrewritablePart[] = [];
  const rootHeader = findHeaderEnd(raw);
  const messageEol = detectEol(raw);
  for (const part of allParts(tree)) {
    const headerStart = part === tree ? 0 : part.headerStart;
    const headerEnd = part === tree ? rootHeader.headerEnd : part.headerEnd;
    // The root's fields as the walk read them, when it read the same header block (it always does: findHeaderEnd).
    const original =
      part !== tree
        ? part.fields
        : tree.headerEnd === headerEnd
          ? tree.fields
          : parseFields(raw.subarray(0, headerEnd));
    let result: PartResult = { fields: replaceAddressesInFields(original, addresses, replacement) };
    if (isLeaf(part)) {
      const nested =
        part.contentType === 'message/rfc822' && !['base64', 'quoted-printable'].includes(part.transferEncoding);
      const text = part.contentType.startsWith('text/')
        ? rewriteTextPart(raw, part, result.fields, addresses, replacement)
        : undefined;
      if (text !== undefined && text !== 'unknown-charset') result = text;
      else if (nested && depth < MAX_NESTED) {
        const body = raw.subarray(part.bodyStart, part.bodyEnd);
        const inner = rewrite(body, addresses, replacement, depth + 1, scan);
        if (inner.raw !== body) result = { ...result, body: inner.raw };
        for (const u of inner.unrewritable) unrewritable.push({ path: `${part.path}/${u.path}`, filename: u.filename });
      } else if (scan && (!part.contentType.startsWith('text/') || text === 'unknown-charset')) {
        if (bytesContainAddress(decodeBody(raw, part), addresses))
          unrewritable.push({ path: part.path, filename: part.filename ?? `part-${part.path || '1'}` });
      }
    }
    const headerChanged = result.fields.length !== original.length || result.fields.some((f, i) => f !== original[i]);
    if (headerChanged) {
      // A header that lost its last line break (a field moved) gets the message's own back.
      const bytes = Buffer.concat(
        result.fields.map((f) =>
          f.raw[f.raw.length - 1] === 0x0a ? f.raw : Buffer.concat([f.raw, Buffer.from(messageEol)]),
        ),
      );
      edits.push({ start: headerStart, end: headerEnd, bytes });
    }
    if (result.body) edits.push({ start: part.bodyStart, end: part.bodyEnd, bytes: result.body });
  }
  edits.sort((a, b) => a.start - b.start);
  return { edits, unrewritable };
}

/**
 * The message with each of `addresses` replaced by `replacement` in every header field and every text part; a
 * message that names none comes back as the same Buffer. With `scan`, binary parts are searched for what stays.
 */
export function replaceAddressesInMessage(
  raw: Buffer,
  addresses: readonly string[],
  replacement: string,
  opts: { scan?: boolean } = {},
): AddressRewrite {
  const wanted = addresses.map((a) => a.trim()).filter((a) => a.includes('@'));
  if (wanted.length === 0) return { raw, unrewritable: [] };
  return rewrite(raw, wanted, replacement, 0, opts.scan ?? false);
}

/**
 * replaceAddressesInMessage's result split like header-block.ts splitMessage does it, with the body as pieces
 * (subarrays of raw and the rewritten bytes) instead of one copy of the message: for a large message that copy is
 * most of what the rewrite allocates. Null when the split of the joined result could differ from the parts given
 * here (no blank line, or an edit that is not the root header's before the body); the caller joins the whole then.
 */
export function replaceAddressesSplit(
  raw: Buffer,
  addresses: readonly string[],
  replacement: string,
): { header: Buffer; separator: Buffer; body: Buffer[] } | null {
  const wanted = addresses.map((a) => a.trim()).filter((a) => a.includes('@'));
  const { headerEnd, bodyStart } = findHeaderEnd(raw);
  if (bodyStart === headerEnd) return null;
  const { edits } = wanted.length === 0 ? { edits: [] as Edit[] } : findEdits(raw, wanted, replacement, 0, false);
  const root = edits[0]?.start === 0 && edits[0].end === headerEnd ? edits[0] : undefined;
  const rest = root ? edits.slice(1) : edits;
  if (rest.some((e) => e.start < bodyStart)) return null;
  const header = root ? root.bytes : raw.subarray(0, headerEnd);
  const separator = raw.subarray(headerEnd, bodyStart);
  // The joined result's own split must end the header where this one does (a rewritten field could hold a line break).
  const probe = findHeaderEnd(Buffer.concat([header, separator]));
  if (probe.headerEnd !== header.length || probe.bodyStart !== header.length + separator.length) return null;
  return { header, separator, body: applyEdits(raw, rest, bodyStart).filter((b) => b.length > 0) };
}

/** Binary parts of a message that name one of `addresses` (what the seller is warned about; nothing rewritten). */
export function unrewritableParts(raw: Buffer, addresses: readonly string[]): UnrewritablePart[] {
  return replaceAddressesInMessage(raw, addresses, 'x', { scan: true }).unrewritable;
}
