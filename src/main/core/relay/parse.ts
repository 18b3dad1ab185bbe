import { parseAddressList } from '../mail/addresses.js';
import { decodeCharset, decodeHeaderValue } from '../mail/encoded-words.js';
import { parseMessageIds } from '../mail/message-ids.js';
import { htmlToText } from '../mail/html-text.js';
import { attachmentPartsOf, decodeBody, walkMime, type MimePart, type MimeTree } from '../mail/mime-tree.js';
import { ParleyError } from '../errors.js';
import { findHeaderEnd } from '../mail/header-block.js';
import { BlobStore } from '../store/blobs.js';

export interface ParsedAttachment {
  part: MimePart;
  filename: string;
  declaredType: string;
  size: number;
  head: Uint8Array;
  sha256: string;
  content: Buffer;
}

export interface ParsedMessage {
  /** How many hosts the message passed (its Received lines): the loop guard reads it. */
  hops: number;
  subject: string;
  fromName: string | null;
  fromAddress: string | null;
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: ParsedAttachment[];
}

// Characters of text kept for the classifier and search; a longer body adds nothing to either.
const MAX_TEXT_CHARS = 200_000;

/**
 * Fields of the message header: real mail has a few hundred at most. Every field costs the parse and each rewrite an
 * object, so 25 MB of header fields would hold the event loop for many seconds (MIME fuzzing: 40,000 took a
 * second). Counted before anything is parsed; more is refused with a reason. Fields, not lines: a long field the
 * rewrite folds stays one field, so a rewritten copy never counts more than the original did.
 */
export const MAX_HEADER_FIELDS = 10_000;

/**
 * Bytes of an arriving message's header: ten times Postfix's header_size_limit (100 KB), which real mail stays far
 * below. A header of megabytes (MIME fuzzing: 3 MB of one field repeated) costs every rewrite a second of address
 * search. A limit on what arrives, not on what the rewrite writes: replacing an address re-encodes its field as
 * encoded-words, which may make a copy's header larger than the original's.
 */
export const MAX_HEADER_BYTES = 1024 * 1024;

function refuseHugeHeader(raw: Buffer, maxHeaderBytes: number): void {
  const header = raw.subarray(0, findHeaderEnd(raw).headerEnd);
  if (header.length > maxHeaderBytes)
    throw new ParleyError(
      'EPOLICY',
      `5.6.0 The message header is larger than ${Math.round(maxHeaderBytes / 1024)} KB, far more than any real mail: it is refused`,
      554,
    );
  let fields = header.length > 0 ? 1 : 0;
  for (let at = header.indexOf(0x0a); at !== -1; at = header.indexOf(0x0a, at + 1)) {
    // A line that starts with a space or a tab continues the field above (folding).
    const next = header[at + 1];
    if (next === undefined || next === 0x20 || next === 0x09) continue;
    if (++fields > MAX_HEADER_FIELDS)
      throw new ParleyError(
        'EPOLICY',
        `5.6.0 The message header has more than ${MAX_HEADER_FIELDS} fields, far more than any real mail: it is refused`,
        554,
      );
  }
}

function header(tree: MimeTree, name: string): string | undefined {
  return tree.fields.find((f) => !f.opaque && f.lowerName === name)?.value;
}

function partText(raw: Buffer, part: MimePart): string {
  const bytes = decodeBody(raw, part);
  return decodeCharset(bytes, part.params.charset ?? 'utf-8') ?? bytes.toString('latin1');
}

/**
 * The readable text, in order: every inline text part, HTML turned into plain text; of a
 * multipart/alternative only the plain version (or else the first that has text). Attachments,
 * attached messages included, are not the message's own text, unless they are text shown inline.
 */
function textOf(raw: Buffer, part: MimePart, attachments: Set<MimePart>): string[] {
  if (part.disposition === 'attachment') return [];
  // A named text part not marked as an attachment (`msg.txt`) is shown inline by readers: it is
  // read as text, and still checked as an attachment (R15).
  const inlineText = part.contentType === 'text/plain' || part.contentType === 'text/html';
  if (attachments.has(part) && !inlineText) return [];
  if (part.children.length > 0) {
    if (part.contentType !== 'multipart/alternative') return part.children.flatMap((c) => textOf(raw, c, attachments));
    const plain = part.children.find((c) => c.contentType === 'text/plain' && !attachments.has(c));
    if (plain) return textOf(raw, plain, attachments);
    for (const child of part.children) {
      const text = textOf(raw, child, attachments);
      if (text.length > 0) return text;
    }
    return [];
  }
  if (part.contentType === 'text/plain') return [partText(raw, part)];
  if (part.contentType === 'text/html') return [htmlToText(partText(raw, part))];
  return [];
}

/**
 * Reads what routing, policy and the record need, from one walk of the MIME structure: the
 * same walk finds attachments with byte offsets, so the relay can remove one without touching
 * the rest (R15), and what the policy sees is exactly what the relay would cut. Throws only
 * EPOLICY (554) for a header of more than MAX_HEADER_FIELDS fields or MAX_HEADER_BYTES bytes.
 */
export async function parseMessage(raw: Buffer, opts: { maxHeaderBytes?: number } = {}): Promise<ParsedMessage> {
  refuseHugeHeader(raw, opts.maxHeaderBytes ?? MAX_HEADER_BYTES);
  const tree = walkMime(raw);
  const found = attachmentPartsOf(tree);
  // Each attachment decoded into a buffer of its own, kept as `content`. Decoding into one reused buffer only to hash
  // it (content decoded again on request) was measured twice on 200 KB messages, with our decoder and with Node's: no
  // gain beyond the noise in CPU per message, main thread or V8's helper threads.
  const attachments = found.map((a) => {
    const content = decodeBody(raw, a.part);
    return {
      part: a.part,
      filename: a.filename,
      declaredType: a.declaredType,
      size: content.length,
      head: content.subarray(0, 512),
      content,
      sha256: BlobStore.hash(content),
    };
  });
  const from = parseAddressList(header(tree, 'from') ?? '')[0];
  const parsed: ParsedMessage = {
    subject: decodeHeaderValue(header(tree, 'subject') ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    fromName: from?.name || null,
    fromAddress: from?.address.toLowerCase() || null,
    text: textOf(raw, tree, new Set(found.map((a) => a.part)))
      .join('\n')
      .slice(0, MAX_TEXT_CHARS),
    messageId: parseMessageIds(header(tree, 'message-id') ?? '')[0] ?? null,
    inReplyTo: parseMessageIds(header(tree, 'in-reply-to') ?? '')[0] ?? null,
    references: parseMessageIds(header(tree, 'references') ?? ''),
    hops: tree.fields.filter((f) => f.lowerName === 'received').length,
    attachments,
  };
  Object.defineProperty(parsed, SOURCE, { value: raw }); // not enumerable: not part of what the parse found
  return parsed;
}

// The buffer each parse read: its attachments' byte offsets point into that one.
const SOURCE = Symbol('parsed from');

/** The bytes `parsed` was read from (its attachment parts' offsets point there); undefined when not parseMessage's. */
export function parsedFrom(parsed: ParsedMessage): Buffer | undefined {
  return (parsed as ParsedMessage & { [SOURCE]?: Buffer })[SOURCE];
}
