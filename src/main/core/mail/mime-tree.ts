/**
 * The MIME structure of a message as byte offsets into the raw message, so that parts can be
 * measured, sniffed and cut out without re-composing anything. Never throws on malformed input
 * and stays linear: boundaries are found with Buffer.indexOf, each nesting level scans only its
 * own range, and nesting is capped.
 */
import { decodeHeaderValue } from './encoded-words.js';
import { findHeaderEnd, parseFields, type HeaderField } from './header-block.js';
import { parseStructured } from './mime-params.js';
import { base64DecodedSize, decodeBase64, decodeQuotedPrintable } from './transfer-encoding.js';

const LF = 0x0a;
const CR = 0x0d;
// Levels: real mail nests 3-5 deep; deeper multiparts are kept as one opaque leaf.
const MAX_DEPTH = 32;
// Bytes: enough for content sniffing (magic numbers, text detection).
export const HEAD_BYTES = 512;

/** One MIME entity. Offsets are into the raw message; ranges are [start, end). */
export interface MimePart {
  /**
   * IMAP-style part number: children of a multipart are '1', '2', …, nested ones '1.2'. The
   * root is '' when it is a multipart and '1' when the message is a single part.
   */
  path: string;
  headerStart: number;
  /** End of the header block (after its last line break, before the blank line). */
  headerEnd: number;
  bodyStart: number;
  /** End of the body; the line break before the next boundary belongs to the boundary (RFC 2046). */
  bodyEnd: number;
  /** Start of the next boundary line (or the end of the enclosing range). */
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

function childPath(parent: string, index: number): string {
  return parent === '' ? String(index) : `${parent}.${index}`;
}

function parsePart(raw: Buffer, start: number, end: number, defaultType: string): MimePart {
  const { headerEnd, bodyStart } = findHeaderEnd(raw, start, end);
  const fields = parseFields(raw.subarray(start, headerEnd));
  const get = (name: string): string | undefined => fields.find((f) => !f.opaque && f.lowerName === name)?.value;
  const type = parseStructured(get('content-type') ?? '');
  const validType = /^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(type.value);
  const dispositionHeader = get('content-disposition');
  const disposition = dispositionHeader === undefined ? undefined : parseStructured(dispositionHeader);
  const rawName = disposition?.params.filename || type.params.name;
  const encoding = (get('content-transfer-encoding') ?? '').trim().toLowerCase().replace(/^"|"$/g, '');
  return {
    path: '',
    headerStart: start,
    headerEnd,
    bodyStart,
    bodyEnd: end,
    end,
    contentType: validType ? type.value : get('content-type') === undefined ? defaultType : 'text/plain',
    params: validType ? type.params : {},
    disposition: disposition?.value || undefined,
    filename: rawName ? decodeHeaderValue(rawName).trim() || undefined : undefined,
    transferEncoding: encoding || '7bit',
    fields,
    children: [],
  };
}

/** True when raw[at, lineEnd) after the boundary marker is empty or whitespace only. */
function onlyWhitespace(raw: Buffer, at: number, lineEnd: number): boolean {
  for (let i = at; i < lineEnd; i++) if (raw[i] !== 0x20 && raw[i] !== 0x09 && raw[i] !== CR) return false;
  return true;
}

/** Boundary lines inside [start, end): where each part starts and where its boundary line starts. */
function findDelimiters(raw: Buffer, start: number, end: number, boundary: string): { line: number; after: number; close: boolean }[] {
  const marker = Buffer.from('--' + boundary, 'latin1');
  const view = raw.subarray(0, end);
  const found: { line: number; after: number; close: boolean }[] = [];
  for (let at = view.indexOf(marker, start); at !== -1; at = view.indexOf(marker, at + 1)) {
    if (at !== start && raw[at - 1] !== LF) continue;
    const nl = view.indexOf(LF, at + marker.length);
    const lineEnd = nl === -1 ? end : nl;
    const tail = at + marker.length;
    const close = raw[tail] === 0x2d && raw[tail + 1] === 0x2d && tail + 1 < end;
    // '--b' followed by anything but whitespace is another boundary that merely starts like ours.
    if (!close && !onlyWhitespace(raw, tail, lineEnd)) continue;
    found.push({ line: at, after: nl === -1 ? end : nl + 1, close });
    if (close) break;
  }
  return found;
}

function lineBreakBefore(raw: Buffer, at: number, floor: number): number {
  if (at - 1 >= floor && raw[at - 1] === LF) return at - 2 >= floor && raw[at - 2] === CR ? 2 : 1;
  return 0;
}

function walkPart(raw: Buffer, start: number, end: number, path: string | null, depth: number, defaultType: string): MimePart {
  const part = parsePart(raw, start, end, defaultType);
  const multipart = part.contentType.startsWith('multipart/');
  part.path = path ?? (multipart ? '' : '1');
  if (!multipart) return part;
  const boundary = part.params.boundary?.trim();
  if (!boundary || depth >= MAX_DEPTH) {
    part.unsplit = true;
    return part;
  }
  const delimiters = findDelimiters(raw, part.bodyStart, end, boundary);
  const childDefault = part.contentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  for (let i = 0; i < delimiters.length; i++) {
    const delimiter = delimiters[i];
    if (delimiter.close) break;
    const next = delimiters[i + 1];
    const childStart = delimiter.after;
    // A missing close delimiter: the last part runs to the end of the multipart.
    const childEnd = next ? next.line : end;
    const bodyEnd = next ? childEnd - lineBreakBefore(raw, childEnd, childStart) : end;
    const child = walkPart(raw, childStart, bodyEnd, childPath(part.path, part.children.length + 1), depth + 1, childDefault);
    child.end = childEnd;
    part.children.push(child);
  }
  return part;
}

/** Parses the MIME structure of a message. Never throws. */
export function walkMime(raw: Buffer): MimeTree {
  return Object.assign(walkPart(raw, 0, raw.length, null, 0, 'text/plain'), { raw });
}

/** Depth-first, in message order. */
export function allParts(part: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const visit = (p: MimePart): void => {
    out.push(p);
    p.children.forEach(visit);
  };
  visit(part);
  return out;
}

export function findPart(tree: MimePart, path: string): MimePart | undefined {
  return allParts(tree).find((p) => p.path === path);
}

/** Decodes a part's body (base64, quoted-printable; anything else as is). */
export function decodeBody(raw: Buffer, part: MimePart, limit = Infinity): Buffer {
  const body = raw.subarray(part.bodyStart, part.bodyEnd);
  if (part.transferEncoding === 'base64') return decodeBase64(body, limit);
  if (part.transferEncoding === 'quoted-printable') return decodeQuotedPrintable(body, limit);
  return body.subarray(0, Math.min(body.length, limit));
}

/** The decoded size; base64 is counted, not decoded, so a 10 MB attachment costs milliseconds. */
export function decodedSize(raw: Buffer, part: MimePart): number {
  const body = raw.subarray(part.bodyStart, part.bodyEnd);
  if (part.transferEncoding === 'base64') return base64DecodedSize(body);
  if (part.transferEncoding === 'quoted-printable') return decodeQuotedPrintable(body).length;
  return body.length;
}

export interface MimeAttachment {
  part: MimePart;
  /** Declared filename, or 'attachment-<path>'. */
  filename: string;
  declaredType: string;
  /** Decoded bytes. */
  size: number;
  /** The first HEAD_BYTES decoded bytes, for sniffing. */
  head: Buffer;
}

/**
 * Leaf parts a reader shows as attachments: declared so, named, or not text. A multipart we
 * could not split (no boundary, nested too deep) is reported too, as its content is unknown and
 * the policy must be able to remove it (R15). An attached message (message/rfc822) is one
 * attachment; we never look inside it.
 */
export function attachmentsOf(tree: MimeTree): MimeAttachment[] {
  const found: MimeAttachment[] = [];
  for (const part of allParts(tree)) {
    // A split multipart without parts holds only a preamble, which readers do not show.
    if (part.children.length > 0 || (part.contentType.startsWith('multipart/') && !part.unsplit)) continue;
    const isAttachment =
      part.disposition === 'attachment' || part.filename !== undefined || !part.contentType.startsWith('text/');
    if (!isAttachment) continue;
    found.push({
      part,
      filename: part.filename ?? `attachment-${part.path}`,
      declaredType: part.contentType,
      size: decodedSize(tree.raw, part),
      head: decodeBody(tree.raw, part, HEAD_BYTES),
    });
  }
  return found;
}
