/**
 * Changes to a message's MIME structure that keep every byte we do not mean to change: removing
 * an attachment swaps only that part's bytes for a short note (R15), and the seller-client
 * footer wraps the original entity unchanged as the first part of a multipart/mixed.
 */
import { randomLocalPart } from '../aliases.js';
import { ParleyError } from '../errors.js';
import { HeaderEditor, joinMessage, parseFields, splitMessage, type Eol, type HeaderField } from './header-block.js';
import { allParts, walkMime, type MimePart } from './mime-tree.js';
import { encodeBase64Lines, encodeQuotedPrintable } from './transfer-encoding.js';

const LF = 0x0a;
const CR = 0x0d;

/** A text we add, encoded so it is 7-bit and can never be read as a boundary line. */
function encodeNote(text: string, eol: Eol): { encoding: string; body: string } {
  const normalized = text.replace(/\r\n|\r|\n/g, eol);
  const lines = normalized.split(eol);
  let encoding = '7bit';
  let body = normalized;
  if (!/^[\x20-\x7e\t\r\n]*$/.test(text) || lines.some((l) => l.length > 76)) {
    encoding = 'quoted-printable';
    body = encodeQuotedPrintable(text, eol);
  }
  // A line starting with '--' might match a boundary around it; base64 has no '-'.
  if (body.split(eol).some((line) => line.startsWith('--'))) {
    encoding = 'base64';
    body = encodeBase64Lines(Buffer.from(text, 'utf8'), eol);
  }
  return { encoding, body };
}

function textPart(text: string, eol: Eol, contentType = 'text/plain', forceBase64 = false): string {
  const { encoding, body } = forceBase64
    ? { encoding: 'base64', body: encodeBase64Lines(Buffer.from(text.replace(/\r\n|\r|\n/g, eol), 'utf8'), eol) }
    : encodeNote(text, eol);
  return (
    `Content-Type: ${contentType}; charset=utf-8${eol}` +
    `Content-Transfer-Encoding: ${encoding}${eol}` +
    `Content-Disposition: inline${eol}${eol}` +
    body
  );
}

function isInside(part: MimePart, other: MimePart): boolean {
  return part.path.startsWith(other.path + '.');
}

/**
 * Replaces each named part (headers and body, between its boundary lines) by a text/plain note.
 * Every other byte stays as it was. A single-part message that is itself the attachment keeps
 * its header except Content-Type, Content-Transfer-Encoding and Content-Disposition.
 * Throws EBADINPUT for a path that is not in the message: an attachment the policy wants gone
 * must never be delivered because of a typo.
 */
export function removeParts(raw: Buffer, paths: string[], noteFor: (part: MimePart) => string): Buffer {
  if (paths.length === 0) return raw;
  const tree = walkMime(raw);
  const byPath = new Map(allParts(tree).map((p) => [p.path, p]));
  const targets = [...new Set(paths)].map((path) => {
    const part = byPath.get(path);
    if (!part || part.path === '') {
      throw new ParleyError('EBADINPUT', `no removable MIME part ${JSON.stringify(path)}`);
    }
    return part;
  });
  const split = splitMessage(raw);
  const { eol } = split;

  if (targets.includes(tree)) {
    const editor = new HeaderEditor(split.header, eol);
    const { encoding, body } = encodeNote(noteFor(tree), eol);
    editor.set('Content-Type', 'text/plain; charset=utf-8');
    editor.set('Content-Transfer-Encoding', encoding);
    editor.set('Content-Disposition', 'inline');
    return joinMessage(editor.toBuffer(), Buffer.from(body + eol, 'latin1'), eol);
  }

  // A part inside another removed part goes with it. Parts nest as ranges, so in message order a part inside a removed
  // one comes right after it or after another part inside it: one pass, not every pair (50,000 parts took seconds).
  const outer: MimePart[] = [];
  for (const t of [...targets].sort((a, b) => a.headerStart - b.headerStart)) {
    const previous = outer[outer.length - 1];
    if (!previous || !isInside(t, previous)) outer.push(t);
  }
  const pieces: Buffer[] = [];
  let last = 0;
  for (const part of outer) {
    pieces.push(raw.subarray(last, part.headerStart), Buffer.from(textPart(noteFor(part), eol), 'latin1'));
    last = part.bodyEnd;
  }
  pieces.push(raw.subarray(last));
  return Buffer.concat(pieces);
}

/**
 * Random letters that do not occur in the message: every boundary made of them (`parley-…`, `alt-…`) is then absent
 * too, and neither boundary line starts with the other, so one search of the message serves both.
 */
function newBoundaryCore(pieces: readonly Buffer[]): string {
  for (;;) {
    const core = randomLocalPart(24);
    if (!piecesContain(pieces, core)) return core;
  }
}

/** Whether the pieces joined would contain `text` (latin1), without joining them. */
function piecesContain(pieces: readonly Buffer[], text: string): boolean {
  if (pieces.length === 1) return pieces[0].indexOf(text, 0, 'latin1') !== -1;
  const reach = text.length - 1;
  // The last `reach` bytes before the current piece: a match across pieces starts there.
  let carry: Buffer = Buffer.alloc(0);
  for (const piece of pieces) {
    if (piece.indexOf(text, 0, 'latin1') !== -1) return true;
    if (carry.length > 0 && Buffer.concat([carry, piece.subarray(0, reach)]).indexOf(text, 0, 'latin1') !== -1)
      return true;
    carry =
      piece.length >= reach ? piece.subarray(piece.length - reach) : Buffer.concat([carry, piece]).subarray(-reach);
  }
  return false;
}

function fieldBytes(fields: HeaderField[], eol: Eol): Buffer {
  // Fields moved from the end of a header may lack their line break.
  return Buffer.concat(
    fields.flatMap((f) => (f.raw[f.raw.length - 1] === LF ? [f.raw] : [f.raw, Buffer.from(eol, 'latin1')])),
  );
}

export interface Footer {
  text: string;
  /** When given, the footer is a multipart/alternative of text and HTML (R14). */
  html?: string;
}

// The footer goes on every forwarded message: base64 is encoded natively, quoted-printable in
// JavaScript, and a reader decodes either.
function footerPart(core: string, footer: Footer, eol: Eol): string {
  if (footer.html === undefined) return textPart(footer.text, eol, 'text/plain', true);
  const boundary = `alt-${core}`;
  return (
    `Content-Type: multipart/alternative; boundary="${boundary}"${eol}${eol}` +
    `--${boundary}${eol}${textPart(footer.text, eol, 'text/plain', true)}${eol}` +
    `--${boundary}${eol}${textPart(footer.html, eol, 'text/html', true)}${eol}` +
    `--${boundary}--`
  );
}

/**
 * Makes the message a multipart/mixed whose first part is the original entity, untouched (its
 * Content-* fields move down with it), and whose second part is the footer with the seller's
 * action links (R18 report, R19 no response needed). Every other top-level field keeps its
 * bytes and order. DKIM signatures over the body do not survive this; the relay re-signs.
 */
export function wrapWithFooter(raw: Buffer, footer: Footer): Buffer {
  const split = splitMessage(raw);
  return Buffer.concat(wrapSplitWithFooter({ ...split, body: [split.body] }, footer));
}

/**
 * wrapWithFooter of a message given as splitMessage's header and eol and its body as pieces, which the result's
 * pieces hold as they are (for a large body, no copy until the caller joins them once).
 */
export function wrapSplitWithFooter(
  split: { header: Buffer; separator: Buffer; body: Buffer[]; eol: Eol },
  footer: Footer,
): Buffer[] {
  const { eol, body } = split;
  const fields = parseFields(split.header);
  const isContent = (f: HeaderField): boolean => !f.opaque && f.lowerName.startsWith('content-');
  const contentFields = fields.filter(isContent);
  const editor = new HeaderEditor(
    fields.filter((f) => !isContent(f) && f.lowerName !== 'mime-version'),
    eol,
  );
  // The whole message as splitMessage saw it: header, blank line, body.
  const core = newBoundaryCore([split.header, split.separator, ...body]);
  const boundary = `parley-${core}`;
  editor.add('MIME-Version', '1.0', 'append');
  editor.add('Content-Type', `multipart/mixed; boundary="${boundary}"`, 'append');
  // A multipart's own encoding must say whether 8-bit content is inside (RFC 2045 §6.4).
  const encoding = contentFields.find((f) => f.lowerName === 'content-transfer-encoding')?.value.toLowerCase();
  if (encoding === '8bit' || encoding === 'binary') editor.add('Content-Transfer-Encoding', encoding, 'append');

  // The line break before a boundary belongs to the boundary; after a bare CR it must be CRLF
  // so that the CR stays in the body.
  let lastByte: number | undefined;
  for (let i = body.length - 1; i >= 0 && lastByte === undefined; i--) lastByte = body[i][body[i].length - 1];
  const breakAfterBody = lastByte === CR ? '\r\n' : eol;
  return [
    editor.toBuffer(),
    Buffer.from(`${eol}--${boundary}${eol}`, 'latin1'),
    fieldBytes(contentFields, eol),
    Buffer.from(eol, 'latin1'),
    ...body,
    Buffer.from(
      `${breakAfterBody}--${boundary}${eol}${footerPart(core, footer, eol)}${eol}--${boundary}--${eol}`,
      'latin1',
    ),
  ];
}

/** The body bytes of the first part of a wrapped message (the original body). */
export function unwrapFirstPartBody(wrapped: Buffer): Buffer {
  const first = walkMime(wrapped).children[0];
  if (!first) throw new ParleyError('EBADINPUT', 'the message has no first part');
  return wrapped.subarray(first.bodyStart, first.bodyEnd);
}
