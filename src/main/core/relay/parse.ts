import { simpleParser, type AddressObject } from 'mailparser';
import { attachmentsOf, decodeBody, walkMime, type MimePart } from '../mail/mime-tree.js';
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

function firstAddress(value: AddressObject | AddressObject[] | undefined): { name: string | null; address: string | null } {
  const list = [value ?? []].flat().flatMap((a) => a.value);
  const first = list[0];
  return { name: first?.name || null, address: first?.address?.toLowerCase() || null };
}

// Characters of text kept for the classifier and search; a longer body adds nothing to either.
const MAX_TEXT_CHARS = 200_000;

/**
 * Reads what routing, policy and the record need. mailparser decodes subject, addresses and
 * text; our own MIME walker finds attachments with byte offsets so the relay can remove one
 * without touching the rest (R15).
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const from = firstAddress(mail.from);
  const tree = walkMime(raw);
  const attachments = attachmentsOf(tree).map((a) => {
    const content = decodeBody(raw, a.part);
    return { part: a.part, filename: a.filename, declaredType: a.declaredType, size: content.length, head: content.subarray(0, 512), content, sha256: BlobStore.hash(content) };
  });
  const references = [mail.references ?? []].flat().map(String);
  const text = (mail.text ?? (typeof mail.html === 'string' ? htmlToText(mail.html) : '')).slice(0, MAX_TEXT_CHARS);
  return {
    subject: mail.subject ?? '',
    fromName: from.name,
    fromAddress: from.address,
    text,
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references,
    attachments,
  };
}

function htmlToText(html: string): string {
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}
