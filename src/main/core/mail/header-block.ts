/**
 * The header block of a message, as bytes. The relay rewrites header fields only: every field we
 * do not touch is written back with its original bytes (folding, 8-bit bytes, odd spacing and
 * all), and the body is never decoded, so charsets, signatures and inline images survive.
 */
import { encodeWords, foldField, isPlainHeaderText, sanitizeHeaderValue } from './encoded-words.js';

export type Eol = '\r\n' | '\n';

const LF = 0x0a;
const CR = 0x0d;

/** One header field, or one line that is not a field (kept so that nothing is lost). */
export interface HeaderField {
  /** Name as written, without the colon; '' for an opaque line. */
  name: string;
  lowerName: string;
  /** The exact bytes: first line, folded continuation lines, line breaks. */
  raw: Buffer;
  /** Unfolded, latin1-decoded (so bytes round-trip), trimmed of spaces and tabs. */
  value: string;
  /** true when the line is not `name: value`. */
  opaque: boolean;
}

export interface SplitMessage {
  /** Header fields, including the line break of the last one. */
  header: Buffer;
  /** The exact bytes after the blank line. */
  body: Buffer;
  /** Line break style of the blank line (the header's own when there is none). */
  eol: Eol;
  /** The blank line itself; empty when the message has none. Pass it to joinMessage for an exact copy. */
  separator: Buffer;
}

function blankLineLength(raw: Uint8Array, at: number, end: number): number {
  if (at < end && raw[at] === LF) return 1;
  if (at + 1 < end && raw[at] === CR && raw[at + 1] === LF) return 2;
  return 0;
}

/**
 * Finds the first blank line in raw[start, end). `headerEnd` is where the header block ends
 * (after its last line break), `bodyStart` is just after the blank line. Without a blank line
 * everything is header. Linear: one pass over line breaks.
 */
export function findHeaderEnd(raw: Buffer, start = 0, end = raw.length): { headerEnd: number; bodyStart: number } {
  const atStart = blankLineLength(raw, start, end);
  if (atStart > 0) return { headerEnd: start, bodyStart: start + atStart };
  const view = raw.subarray(0, end);
  for (let i = view.indexOf(LF, start); i !== -1; i = view.indexOf(LF, i + 1)) {
    const blank = blankLineLength(raw, i + 1, end);
    if (blank > 0) return { headerEnd: i + 1, bodyStart: i + 1 + blank };
  }
  return { headerEnd: end, bodyStart: end };
}

/** The line break style of the first line break in the range; CRLF when there is none. */
export function detectEol(raw: Buffer, start = 0, end = raw.length): Eol {
  const i = raw.subarray(0, end).indexOf(LF, start);
  if (i === -1) return '\r\n';
  return i > start && raw[i - 1] === CR ? '\r\n' : '\n';
}

export function splitMessage(raw: Buffer): SplitMessage {
  const { headerEnd, bodyStart } = findHeaderEnd(raw);
  const separator = raw.subarray(headerEnd, bodyStart);
  const eol: Eol = separator.length === 2 ? '\r\n' : separator.length === 1 ? '\n' : detectEol(raw);
  return { header: raw.subarray(0, headerEnd), body: raw.subarray(bodyStart), eol, separator };
}

/**
 * Puts a message back together. With the `separator` of splitMessage the result is the input
 * byte for byte; without it a blank line in `eol` style is written.
 */
export function joinMessage(header: Buffer, body: Buffer, eol: Eol, separator?: Buffer): Buffer {
  const eolBytes = Buffer.from(eol, 'latin1');
  let sep = separator ?? eolBytes;
  // A body needs a blank line in front of it, or it would be read as header.
  if (sep.length === 0 && body.length > 0) sep = eolBytes;
  const parts = [header];
  if (header.length > 0 && header[header.length - 1] !== LF && sep.length > 0) parts.push(eolBytes);
  parts.push(sep, body);
  return Buffer.concat(parts);
}

function isWsp(byte: number): boolean {
  return byte === 0x20 || byte === 0x09;
}

function isWspChar(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === CR || code === LF;
}

// A loop, not /[ \t]+$/: that regex is quadratic on long inner runs of whitespace.
function trimWsp(text: string, leading = true): string {
  let start = 0;
  let end = text.length;
  while (leading && start < end && isWspChar(text.charCodeAt(start))) start++;
  while (end > start && isWspChar(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Builds a field from its raw bytes (one field, possibly folded). */
export function fieldFromRaw(raw: Buffer): HeaderField {
  const text = raw.toString('latin1');
  const colon = text.indexOf(':');
  const name = colon > 0 ? trimWsp(text.slice(0, colon), false) : '';
  // Field names are printable ASCII without spaces (RFC 5322 §3.6.8).
  if (name.length > 0 && /^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
    const value = trimWsp(text.slice(colon + 1).replace(/\r?\n/g, ''));
    return { name, lowerName: name.toLowerCase(), raw, value, opaque: false };
  }
  return { name: '', lowerName: '', raw, value: trimWsp(text.replace(/\r?\n/g, '')), opaque: true };
}

/** Splits a header block into fields; concatenating their `raw` gives the block back exactly. */
export function parseFields(header: Buffer): HeaderField[] {
  const fields: HeaderField[] = [];
  let fieldStart = 0;
  let pos = 0;
  while (pos < header.length) {
    const nl = header.indexOf(LF, pos);
    const lineEnd = nl === -1 ? header.length : nl + 1;
    // A line starting with whitespace continues the field above (folding).
    if (pos > fieldStart && !isWsp(header[pos])) {
      fields.push(fieldFromRaw(header.subarray(fieldStart, pos)));
      fieldStart = pos;
    }
    pos = lineEnd;
  }
  if (pos > fieldStart) fields.push(fieldFromRaw(header.subarray(fieldStart, pos)));
  return fields;
}

/**
 * A field we write: value sanitised (no line-break injection), made 7-bit with encoded-words
 * where needed, folded at 78 characters. Address fields should be given an already formatted
 * value (formatAddress), whose display names are encoded correctly for a phrase.
 */
export function renderField(name: string, value: string, eol: Eol): HeaderField {
  const clean = sanitizeHeaderValue(value);
  const sevenBit = isPlainHeaderText(clean) ? clean : encodeWords(clean);
  const raw = Buffer.from(foldField(name, sevenBit, eol), 'latin1');
  return { name, lowerName: name.toLowerCase(), raw, value: sevenBit, opaque: false };
}

/**
 * Edits a header without touching what it does not change. Lookups are case-insensitive;
 * opaque lines are never matched but always written back.
 */
export class HeaderEditor {
  private readonly fields: HeaderField[];
  // Fields we wrote, re-rendered when toBuffer is asked for another line break style.
  private readonly written = new Map<HeaderField, { name: string; value: string }>();
  // Where replaceField last replaced a field.
  private lastReplaced = -1;

  constructor(
    fields: HeaderField[] | Buffer,
    readonly eol: Eol = '\r\n',
  ) {
    this.fields = Buffer.isBuffer(fields) ? parseFields(fields) : [...fields];
  }

  list(): readonly HeaderField[] {
    return this.fields;
  }

  getField(name: string): HeaderField | undefined {
    const lower = name.toLowerCase();
    return this.fields.find((f) => !f.opaque && f.lowerName === lower);
  }

  get(name: string): string | undefined {
    return this.getField(name)?.value;
  }

  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields.filter((f) => !f.opaque && f.lowerName === lower).map((f) => f.value);
  }

  has(name: string): boolean {
    return this.getField(name) !== undefined;
  }

  /** Removes every occurrence; returns how many were removed. */
  remove(name: string): number {
    const lower = name.toLowerCase();
    // One pass that keeps the others in place: a splice per match would be quadratic in a header of 100,000 fields.
    let kept = 0;
    for (const field of this.fields) if (field.opaque || field.lowerName !== lower) this.fields[kept++] = field;
    const removed = this.fields.length - kept;
    this.fields.length = kept;
    return removed;
  }

  /** Replaces the first occurrence in place and removes the others; appends when absent. */
  set(name: string, value: string): void {
    const lower = name.toLowerCase();
    const index = this.fields.findIndex((f) => !f.opaque && f.lowerName === lower);
    const field = this.create(name, value);
    if (index === -1) {
      this.fields.push(field);
      return;
    }
    this.remove(name);
    this.fields.splice(index, 0, field);
  }

  /**
   * Adds a field. Trace-like fields (Received, our own X- stamps) belong on top, which is the
   * default; 'append' puts it after every other field.
   */
  add(name: string, value: string, where: 'prepend' | 'append' = 'prepend'): void {
    const field = this.create(name, value);
    if (where === 'prepend') this.fields.unshift(field);
    else this.fields.push(field);
  }

  /** Replaces a field by one with the given raw bytes (for callers that rewrite bytes). */
  replaceField(old: HeaderField, next: HeaderField): void {
    // Callers replace fields in header order: look just after the last one first, so a pass over the whole header is
    // linear (a search from the top each time took seconds on a header of 100,000 fields).
    const hint = this.lastReplaced + 1;
    const index = this.fields[hint] === old ? hint : this.fields.indexOf(old);
    if (index === -1) return;
    this.fields[index] = next;
    this.lastReplaced = index;
  }

  toBuffer(eol: Eol = this.eol): Buffer {
    const eolBytes = Buffer.from(eol, 'latin1');
    const parts: Buffer[] = [];
    this.fields.forEach((field, i) => {
      const last = i === this.fields.length - 1;
      // A lone CR (a message cut right after it) would become a blank line with the line break added below, and end
      // the header before the fields that follow it (MIME fuzzing: the rewritten copy lost its From).
      if (!last && field.raw.length === 1 && field.raw[0] === CR) return;
      const written = this.written.get(field);
      const raw = written && eol !== this.eol ? renderField(written.name, written.value, eol).raw : field.raw;
      parts.push(raw);
      // Only the very last line may lack a line break (a message that ends inside its header).
      if (!last && raw[raw.length - 1] !== LF) parts.push(eolBytes);
    });
    return Buffer.concat(parts);
  }

  private create(name: string, value: string): HeaderField {
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) throw new TypeError(`not a header field name: ${JSON.stringify(name)}`);
    const field = renderField(name, value, this.eol);
    this.written.set(field, { name, value });
    return field;
  }
}
