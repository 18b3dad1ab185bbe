/**
 * What the conversation pane needs from a stored raw message (R14, R15): whether it has an
 * HTML part, the HTML itself, the Content-IDs of its attachments (inline images referenced as
 * cid: from the HTML) and an attachment's bytes when no blob of it was kept. The record is
 * append-only (R21), so what is read from a message once can be remembered.
 */
import { unrewritableParts } from '../mail/body-addresses.js';
import { decodeCharset } from '../mail/encoded-words.js';
import { allParts, attachmentsOf, decodeBody, walkMime, type MimePart, type MimeTree } from '../mail/mime-tree.js';
import type { BlobStore } from '../store/blobs.js';

export interface MimeFacts {
  hasHtml: boolean;
  /** Per attachment, in the order the relay recorded them (attachmentsOf order). */
  contentIds: (string | null)[];
  /**
   * Per attachment: its content names one of the hidden addresses and cannot be rewritten (R5, R6; see
   * body-addresses.ts). Not searched in messages over FULL_READ_MAX.
   */
  addressInside: boolean[];
}

// Bytes: larger messages (big attachments) are not read whole just to show the thread; their
// HTML flag comes from the first part of the file, where an HTML body sits before attachments.
const FULL_READ_MAX = 8 * 1024 * 1024;
const HEAD_READ = 256 * 1024;
// Messages remembered; each entry is a few bytes.
const CACHE_MAX = 20_000;

function htmlPart(tree: MimeTree): MimePart | undefined {
  return allParts(tree).find(
    (p) => p.children.length === 0 && p.contentType === 'text/html' && p.disposition !== 'attachment',
  );
}

function contentIdOf(part: MimePart): string | null {
  const field = part.fields.find((f) => !f.opaque && f.lowerName === 'content-id');
  const id = field?.value.trim().replace(/^<|>$/g, '').trim();
  return id ? id : null;
}

export class MimeViews {
  private readonly cache = new Map<number, MimeFacts>();

  constructor(private readonly blobs: BlobStore) {}

  /** `hidden`: the addresses the forwarded copy hid (the buyer's in a buyer's message, the seller's in a seller's). */
  facts(messageId: number, rawSha256: string, rawSize: number, hidden: string[] = []): MimeFacts {
    const known = this.cache.get(messageId);
    if (known) return known;
    let facts: MimeFacts;
    try {
      facts = rawSize <= FULL_READ_MAX ? this.fullFacts(this.blobs.get(rawSha256), hidden) : this.headFacts(rawSha256);
    } catch {
      return { hasHtml: false, contentIds: [], addressInside: [] }; // a missing file is the verifier's finding
    }
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(messageId, facts);
    return facts;
  }

  private fullFacts(raw: Buffer, hidden: string[]): MimeFacts {
    const tree = walkMime(raw);
    const attachments = attachmentsOf(tree);
    // An attached message counts as one attachment: it names the address when any part inside it does. Without
    // attachments there is nothing to mark, and the scan (most of opening a conversation's cost) is skipped.
    const found = hidden.length > 0 && attachments.length > 0 ? unrewritableParts(raw, hidden).map((u) => u.path) : [];
    return {
      hasHtml: htmlPart(tree) !== undefined,
      contentIds: attachments.map((a) => contentIdOf(a.part)),
      addressInside: attachments.map((a) => found.some((p) => p === a.part.path || p.startsWith(`${a.part.path}/`))),
    };
  }

  private headFacts(rawSha256: string): MimeFacts {
    const head = this.blobs.get(rawSha256).subarray(0, HEAD_READ).toString('latin1');
    return { hasHtml: /^content-type:\s*text\/html/im.test(head), contentIds: [], addressInside: [] };
  }

  /** The HTML part exactly as received (decoded to text), or null. */
  html(rawSha256: string): string | null {
    const raw = this.blobs.get(rawSha256);
    const part = htmlPart(walkMime(raw));
    if (!part) return null;
    const bytes = decodeBody(raw, part);
    return decodeCharset(bytes, part.params.charset ?? 'utf-8') ?? bytes.toString('latin1');
  }

  /** The first plain-text part, decoded: for Parley's own notices, recorded without their text. */
  plainText(rawSha256: string): string {
    const raw = this.blobs.get(rawSha256);
    const part = allParts(walkMime(raw)).find(
      (p) => p.children.length === 0 && p.contentType === 'text/plain' && p.disposition !== 'attachment',
    );
    if (!part) return '';
    const bytes = decodeBody(raw, part);
    return decodeCharset(bytes, part.params.charset ?? 'utf-8') ?? bytes.toString('latin1');
  }

  /** The decoded bytes of the message's `index`-th attachment. */
  attachment(rawSha256: string, index: number): Buffer | null {
    const raw = this.blobs.get(rawSha256);
    const found = attachmentsOf(walkMime(raw))[index];
    return found ? decodeBody(raw, found.part) : null;
  }
}
