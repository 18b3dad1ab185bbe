/**
 * One MIME entity as byte offsets into the raw message, what its header fields declare, and its
 * body decoded on demand. The structure walk is in mime-tree.ts.
 */
import { decodeHeaderValue } from './encoded-words.js';
import { parseFields, type HeaderField } from './header-block.js';
import { parseStructured } from './mime-params.js';
import { base64DecodedSize, decodeBase64, decodeQuotedPrintable } from './transfer-encoding.js';

/** One MIME entity. Offsets are into the raw message; ranges are [start, end). */
export interface MimePart {
  /**
   * IMAP-style part number: children of a multipart are '1', '2', …, nested ones '1.2'. The
   * root is '' when it is a multipart we split and '1' otherwise (a single-part message).
   */
  path: string;
  headerStart: number;
  /** End of the header block (after its last line break, before the blank line). */
  headerEnd: number;
  bodyStart: number;
  /** End of the body; the line break before the next boundary belongs to the boundary (RFC 2046). */
  bodyEnd: number;
  /** Start of the next boundary line of the enclosing multipart (or where the enclosing range ends). */
  end: number;
  /** Lowercased type/subtype; text/plain when absent or invalid (RFC 2045 §5.2). */
  contentType: string;
  /** charset, boundary, name, …: lowercased keys, decoded values. */
  params: Record<string, string>;
  /** Lowercased disposition type ('attachment', 'inline') when declared. */
  disposition?: string;
  /** From Content-Disposition filename, else Content-Type name; RFC 2231/2047 decoded. */
  filename?: string;
  /** Lowercased; '7bit' when absent. */
  transferEncoding: string;
  fields: HeaderField[];
  children: MimePart[];
  /** A multipart we did not split (no boundary parameter, or nested too deep): content unknown. */
  unsplit?: boolean;
}

/** The root part, carrying the bytes its offsets refer to. */
export interface MimeTree extends MimePart {
  raw: Buffer;
}

const TOKEN_TYPE = /^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/**
 * Reads a part's header block raw[headerStart, headerEnd). The body range is provisional
 * (to the end of the message) until the walk finds where the part ends.
 */
export function describePart(
  raw: Buffer,
  headerStart: number,
  headerEnd: number,
  bodyStart: number,
  defaultType: string,
): MimePart {
  const fields = parseFields(raw.subarray(headerStart, headerEnd));
  const get = (name: string): string | undefined => fields.find((f) => !f.opaque && f.lowerName === name)?.value;
  const declared = get('content-type');
  const type = parseStructured(declared ?? '');
  const valid = TOKEN_TYPE.test(type.value);
  const dispositionValue = get('content-disposition');
  const disposition = dispositionValue === undefined ? undefined : parseStructured(dispositionValue);
  const rawName = disposition?.params.filename || type.params.name;
  const encoding = (get('content-transfer-encoding') ?? '').trim().toLowerCase().replace(/^"|"$/g, '');
  return {
    path: '',
    headerStart,
    headerEnd,
    bodyStart,
    bodyEnd: raw.length,
    end: raw.length,
    contentType: valid ? type.value : declared === undefined ? defaultType : 'text/plain',
    params: valid ? type.params : {},
    disposition: disposition?.value || undefined,
    filename: rawName ? decodeHeaderValue(rawName).trim() || undefined : undefined,
    transferEncoding: encoding || '7bit',
    fields,
    children: [],
  };
}

/** Decodes a part's body (base64, quoted-printable; anything else as is). */
export function decodeBody(raw: Buffer, part: MimePart, limit = Infinity): Buffer {
  return decodeTransfer(raw.subarray(part.bodyStart, part.bodyEnd), part.transferEncoding, limit);
}

/** Decodes a body by its lowercased Content-Transfer-Encoding; the store reads attachments back with it, too. */
export function decodeTransfer(body: Buffer, encoding: string, limit = Infinity): Buffer {
  if (encoding === 'base64') return decodeBase64(body, limit);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body, limit);
  return body.subarray(0, Math.min(body.length, limit));
}

/** The decoded size; base64 is counted, not decoded, so a 10 MB attachment costs milliseconds. */
export function decodedSize(raw: Buffer, part: MimePart): number {
  const body = raw.subarray(part.bodyStart, part.bodyEnd);
  if (part.transferEncoding === 'base64') return base64DecodedSize(body);
  if (part.transferEncoding === 'quoted-printable') return decodeQuotedPrintable(body).length;
  return body.length;
}
