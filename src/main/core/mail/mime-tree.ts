/**
 * The MIME structure of a message as byte offsets into the raw message, so that parts can be
 * measured, sniffed and cut out without re-composing anything.
 *
 * One pass over the lines, with a stack of open multiparts (RFC 2046): a boundary line belongs
 * to the innermost open multipart whose boundary it is, and closes whatever is open inside it.
 * Streaming readers such as mailparser read mail this way; a walker that split each multipart
 * by its own boundary alone would disagree with them when a nested multipart reuses an outer
 * boundary, and an attachment the reader shows could then escape the policy (R15).
 * Never throws; linear in the message size (jumps from one "--" line to the next, nesting is
 * capped so each boundary line is compared against at most MAX_DEPTH boundaries).
 */
import { findHeaderEnd } from './header-block.js';
import { decodeBody, decodedSize, describePart, type MimePart, type MimeTree } from './mime-part.js';

export { decodeBody, decodedSize, type MimePart, type MimeTree } from './mime-part.js';

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const NEWLINE_DASHES = Buffer.from('\n--', 'latin1');
// Levels: real mail nests 3-5 deep; deeper multiparts are kept as one opaque leaf.
const MAX_DEPTH = 32;
// Bytes: enough for content sniffing (magic numbers, text detection).
export const HEAD_BYTES = 512;
/**
 * Parts: real mail has a few dozen. Each part costs the relay its header parse, a sniff and a hash, so a 25 MB
 * message of tiny parts would hold the event loop for half a minute (found by MIME fuzzing). A message with more is
 * not split at all: its content is unknown, like a multipart without a boundary, and the policy removes it (R15).
 */
export const MAX_PARTS = 1_000;

interface OpenMultipart {
  part: MimePart;
  marker: Buffer; // '--' + boundary
  childDefault: string;
  current?: MimePart;
}

interface BoundaryMatch {
  level: number;
  close: boolean;
}

function matchBoundary(raw: Buffer, stack: OpenMultipart[], at: number, lineEnd: number): BoundaryMatch | undefined {
  if (raw[at] !== DASH || raw[at + 1] !== DASH) return undefined;
  for (let level = stack.length - 1; level >= 0; level--) {
    const { marker } = stack[level];
    const tail = at + marker.length;
    if (tail > lineEnd || raw.compare(marker, 0, marker.length, at, tail) !== 0) continue;
    if (tail + 1 < lineEnd && raw[tail] === DASH && raw[tail + 1] === DASH) return { level, close: true };
    // '--b' followed by anything but whitespace is another boundary that merely starts like ours.
    let i = tail;
    while (i < lineEnd && (raw[i] === 0x20 || raw[i] === 0x09 || raw[i] === CR)) i++;
    if (i === lineEnd) return { level, close: false };
  }
  return undefined;
}

/** Sets where a part ends; header and body starts are pulled back for parts that end early. */
function closePart(part: MimePart, contentEnd: number, end: number): void {
  const bodyEnd = Math.max(contentEnd, part.headerStart);
  part.headerEnd = Math.min(part.headerEnd, bodyEnd);
  part.bodyStart = Math.min(part.bodyStart, bodyEnd);
  part.bodyEnd = bodyEnd;
  part.end = Math.max(end, bodyEnd);
}

function lineEndAt(raw: Buffer, at: number): { lineEnd: number; next: number } {
  const nl = raw.indexOf(LF, at);
  return nl === -1 ? { lineEnd: raw.length, next: raw.length } : { lineEnd: nl, next: nl + 1 };
}

/** A part's header ends at the first blank line, or at a boundary line (a part that is all header). */
function scanPartHeader(raw: Buffer, stack: OpenMultipart[], start: number): { headerEnd: number; bodyStart: number } {
  let at = start;
  while (at < raw.length) {
    if (raw[at] === LF) return { headerEnd: at, bodyStart: at + 1 };
    if (raw[at] === CR && raw[at + 1] === LF) return { headerEnd: at, bodyStart: at + 2 };
    const { lineEnd, next } = lineEndAt(raw, at);
    if (matchBoundary(raw, stack, at, lineEnd)) return { headerEnd: at, bodyStart: at };
    at = next;
  }
  return { headerEnd: raw.length, bodyStart: raw.length };
}

function openIfMultipart(part: MimePart, stack: OpenMultipart[]): void {
  if (!part.contentType.startsWith('multipart/')) return;
  const boundary = part.params.boundary?.trim();
  if (!boundary || stack.length >= MAX_DEPTH) {
    part.unsplit = true;
    return;
  }
  const childDefault = part.contentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  stack.push({ part, marker: Buffer.from('--' + boundary, 'latin1'), childDefault });
}

/** The message as one part whose content is unknown (too many parts to split). */
function unsplitWhole(root: MimePart, raw: Buffer): MimeTree {
  Object.assign(root, { path: '1', children: [], unsplit: true, bodyEnd: raw.length, end: raw.length });
  return Object.assign(root, { raw });
}

/** Parses the MIME structure of a message. Never throws. */
export function walkMime(raw: Buffer): MimeTree {
  const head = findHeaderEnd(raw);
  const root = describePart(raw, 0, head.headerEnd, head.bodyStart, 'text/plain');
  const stack: OpenMultipart[] = [];
  openIfMultipart(root, stack);
  root.path = stack.length > 0 ? '' : '1';

  let pos = root.bodyStart; // always the start of a line
  let parts = 0;
  while (stack.length > 0 && pos < raw.length) {
    let at = pos;
    if (raw[pos] !== DASH || raw[pos + 1] !== DASH) {
      const newline = raw.indexOf(NEWLINE_DASHES, pos);
      if (newline === -1) break; // no line starts with '--' any more
      at = newline + 1;
    }
    const { lineEnd, next } = lineEndAt(raw, at);
    const match = matchBoundary(raw, stack, at, lineEnd);
    if (!match) {
      pos = next;
      continue;
    }
    // The line break before a boundary line belongs to it, unless it ends a boundary line itself.
    const innermost = stack[stack.length - 1];
    const floor = innermost.current?.headerStart ?? innermost.part.bodyStart;
    let contentEnd = at;
    if (at - 1 >= floor && raw[at - 1] === LF) contentEnd = at - 2 >= floor && raw[at - 2] === CR ? at - 2 : at - 1;
    // Everything open inside the matched multipart ends here too (its close line is missing).
    for (let level = stack.length - 1; level > match.level; level--) {
      if (stack[level].current) closePart(stack[level].current!, contentEnd, contentEnd);
      closePart(stack[level].part, contentEnd, contentEnd);
    }
    stack.length = match.level + 1;
    const owner = stack[match.level];
    if (owner.current) closePart(owner.current, contentEnd, at);
    owner.current = undefined;
    if (match.close) {
      // What follows is epilogue until an enclosing boundary line.
      stack.length = match.level;
      pos = next;
      continue;
    }
    const { headerEnd, bodyStart } = scanPartHeader(raw, stack, next);
    if (++parts > MAX_PARTS) return unsplitWhole(root, raw);
    const child = describePart(raw, next, headerEnd, bodyStart, owner.childDefault);
    const parentPath = owner.part.path;
    child.path = `${parentPath === '' ? '' : parentPath + '.'}${owner.part.children.length + 1}`;
    owner.part.children.push(child);
    owner.current = child;
    openIfMultipart(child, stack);
    pos = Math.max(bodyStart, next);
  }
  // A missing close delimiter: open parts run to the end of the message.
  for (const open of stack) if (open.current) closePart(open.current, raw.length, raw.length);
  return Object.assign(root, { raw });
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

// The usual file extension of common content types, for parts that carry no filename.
const TYPE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/x-ms-bmp': 'bmp',
  'image/tiff': 'tiff',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'message/rfc822': 'eml',
};

/**
 * A name for a part that has none (an inline image of an HTML mail, say): `part-1-2.png`. The
 * extension comes from the declared type, so checks by extension treat it as what it claims to
 * be (and content sniffing then tells whether the claim holds); the path's dots become dashes
 * so they cannot pass for an extension.
 */
function unnamedPartName(part: MimePart): string {
  const ext = TYPE_EXTENSIONS[part.contentType];
  return `part-${part.path.replace(/\./g, '-') || '0'}${ext ? `.${ext}` : ''}`;
}

export interface MimeAttachment {
  part: MimePart;
  /** Declared filename, or 'part-<path>.<ext of the declared type>'. */
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
  return attachmentPartsOf(tree).map((a) => ({
    ...a,
    size: decodedSize(tree.raw, a.part),
    head: decodeBody(tree.raw, a.part, HEAD_BYTES),
  }));
}

/** The attachments as attachmentsOf finds them, without reading their bodies (for a caller that decodes them whole). */
export function attachmentPartsOf(tree: MimeTree): Omit<MimeAttachment, 'size' | 'head'>[] {
  const found: Omit<MimeAttachment, 'size' | 'head'>[] = [];
  for (const part of allParts(tree)) {
    // A split multipart without parts holds only a preamble, which readers do not show.
    if (part.children.length > 0 || (part.contentType.startsWith('multipart/') && !part.unsplit)) continue;
    const isAttachment =
      part.disposition === 'attachment' || part.filename !== undefined || !part.contentType.startsWith('text/');
    if (!isAttachment) continue;
    found.push({
      part,
      filename: part.filename ?? unnamedPartName(part),
      declaredType: part.contentType,
    });
  }
  return found;
}
