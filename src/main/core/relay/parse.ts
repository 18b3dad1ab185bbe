import { parseAddressList } from '../mail/addresses.js';
import { decodeCharset, decodeHeaderValue } from '../mail/encoded-words.js';
import { parseMessageIds } from '../mail/message-ids.js';
import { allParts, attachmentsOf, decodeBody, walkMime, type MimePart, type MimeTree } from '../mail/mime-tree.js';
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

function header(tree: MimeTree, name: string): string | undefined {
  return tree.fields.find((f) => !f.opaque && f.lowerName === name)?.value;
}

function partText(raw: Buffer, part: MimePart): string {
  const bytes = decodeBody(raw, part);
  return decodeCharset(bytes, part.params.charset ?? 'utf-8') ?? bytes.toString('latin1');
}

/** The readable text: inline text/plain parts in order, else the first HTML part as plain text. */
function bodyText(tree: MimeTree, attachments: Set<MimePart>): string {
  const leaves = allParts(tree).filter((p) => p.children.length === 0 && !attachments.has(p) && p.disposition !== 'attachment');
  const plain = leaves.filter((p) => p.contentType === 'text/plain');
  if (plain.length > 0) return plain.map((p) => partText(tree.raw, p)).join('\n');
  const html = leaves.find((p) => p.contentType === 'text/html');
  return html ? htmlToText(partText(tree.raw, html)) : '';
}

/**
 * Reads what routing, policy and the record need, from one walk of the MIME structure: the
 * same walk finds attachments with byte offsets, so the relay can remove one without touching
 * the rest (R15), and what the policy sees is exactly what the relay would cut.
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  const tree = walkMime(raw);
  const found = attachmentsOf(tree);
  const attachments = found.map((a) => {
    const content = decodeBody(raw, a.part);
    return { part: a.part, filename: a.filename, declaredType: a.declaredType, size: content.length, head: content.subarray(0, 512), content, sha256: BlobStore.hash(content) };
  });
  const from = parseAddressList(header(tree, 'from') ?? '')[0];
  return {
    subject: decodeHeaderValue(header(tree, 'subject') ?? '').replace(/\s+/g, ' ').trim(),
    fromName: from?.name || null,
    fromAddress: from?.address.toLowerCase() || null,
    text: bodyText(tree, new Set(found.map((a) => a.part))).slice(0, MAX_TEXT_CHARS),
    messageId: parseMessageIds(header(tree, 'message-id') ?? '')[0] ?? null,
    inReplyTo: parseMessageIds(header(tree, 'in-reply-to') ?? '')[0] ?? null,
    references: parseMessageIds(header(tree, 'references') ?? ''),
    attachments,
  };
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}
