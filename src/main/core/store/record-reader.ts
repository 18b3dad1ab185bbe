/**
 * Reading the record back whole: the integrity walk of `parley verify` (R21), a conversation's
 * rows for an export, the headless message list. The walk and the hash it recomputes must match
 * what MessageRecord.append wrote, column for column, so they live beside it.
 */
import { BlobStore } from './blobs.js';
import { attachmentFields, recordHash, type NewAttachment, type RawPart } from './record.js';
import type { Store } from './store.js';

/** A messages row as SELECT * returns it. */
export interface MessageRow {
  id: number;
  seller_id: string | null;
  conversation_id: number | null;
  direction: string;
  via: string;
  envelope_from: string;
  envelope_to: string;
  from_name: string | null;
  subject: string;
  message_id: string | null;
  relay_message_id: string;
  in_reply_to: string | null;
  refs: string;
  text: string;
  has_attachments: number;
  raw_sha256: string;
  raw_size: number;
  auth: string | null;
  verdict: string;
  decision: string;
  received_at: string;
  prev_hash: string;
  record_hash: string;
}

/** An attachments row, without its ids. */
export interface AttachmentRow {
  filename: string;
  declared_type: string;
  sniffed_type: string;
  size: number;
  sha256: string;
  removed: number;
  removed_why: string | null;
  /** Where the encoded body sits in the raw message's blob (migration 19); null: the attachment's own blob. */
  raw_start: number | null;
  raw_end: number | null;
  raw_encoding: string | null;
}

/** One line of the headless message list (`parley messages`). */
export interface MessageListRow {
  id: number;
  direction: string;
  via: string;
  verdict: string;
  subject: string;
  received_at: string;
  alias: string | null;
  /** The state of the message's latest outbox row, if it has one. */
  state: string | null;
  /** The decision's rules as JSON ('[]' when it names none). */
  rules: string;
  /** 1 when the seller released the held message (R11). */
  released: number;
}

// The columns MessageRecord.append hashes, in its order: JSON.stringify keeps key order, so
// the fields object must be rebuilt key by key exactly as append builds it.
const HASHED_COLUMNS: readonly (keyof MessageRow)[] = [
  'seller_id',
  'conversation_id',
  'direction',
  'via',
  'envelope_from',
  'envelope_to',
  'from_name',
  'subject',
  'message_id',
  'relay_message_id',
  'in_reply_to',
  'refs',
  'text',
  'has_attachments',
  'raw_sha256',
  'raw_size',
  'auth',
  'verdict',
  'decision',
  'received_at',
];

/** The hash MessageRecord.append gave this row, recomputed from its columns and attachment rows. */
export function recomputeRecordHash(row: MessageRow, attachments: NewAttachment[]): string {
  const fields: Record<string, unknown> = {};
  for (const column of HASHED_COLUMNS) fields[column] = row[column];
  fields.attachments = attachmentFields(attachments);
  return recordHash(row.prev_hash, fields);
}

/** The attachment row in the shape append() hashed it from. */
export function toNewAttachment(r: AttachmentRow): NewAttachment {
  return {
    filename: r.filename,
    declaredType: r.declared_type,
    sniffedType: r.sniffed_type,
    size: r.size,
    sha256: r.sha256,
    removed: r.removed === 1,
    removedWhy: r.removed_why ?? undefined,
  };
}

/** Where an attachment row's bytes sit in its raw message's blob; undefined when it has a blob of its own. */
export function rawPartOf(r: Pick<AttachmentRow, 'raw_start' | 'raw_end' | 'raw_encoding'>): RawPart | undefined {
  if (r.raw_start === null || r.raw_end === null || r.raw_encoding === null) return undefined;
  return { start: r.raw_start, end: r.raw_end, encoding: r.raw_encoding };
}

/**
 * An attachment's decoded bytes as the relay received them: its own blob, or decoded from its range of the raw
 * message's blob. Throws when the file is missing or shorter than the range.
 */
export function attachmentBytes(blobs: BlobStore, rawSha256: string, r: AttachmentRow): Buffer {
  const inRaw = rawPartOf(r);
  return inRaw ? blobs.part(rawSha256, inRaw) : blobs.get(r.sha256);
}

/** The attachment's file is there: its own blob, or the raw message's blob it is read from. */
export function attachmentPresent(blobs: BlobStore, rawSha256: string, r: AttachmentRow): boolean {
  return blobs.has(rawPartOf(r) ? rawSha256 : r.sha256);
}

/** The attachment's bytes hash to its recorded sha256 (false when missing, altered, or its range moved). */
export function attachmentVerified(blobs: BlobStore, rawSha256: string, r: AttachmentRow): boolean {
  if (!rawPartOf(r)) return blobs.verify(r.sha256);
  try {
    return BlobStore.hash(attachmentBytes(blobs, rawSha256, r)) === r.sha256;
  } catch {
    return false;
  }
}

const PAGE = 500; // messages read per query: bounded memory on a large store

export class RecordReader {
  constructor(private readonly store: Store) {}

  /**
   * Every message in id order with its attachment rows, in one read transaction (a message the
   * relay appends meanwhile cannot make the walk inconsistent). Stops at the first value `visit`
   * returns, and returns it.
   */
  walk<T>(visit: (row: MessageRow, attachments: AttachmentRow[]) => T | undefined): T | undefined {
    const page = this.store.stmt('SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT ?');
    return this.store.transaction(() => {
      for (
        let rows = page.all(0, PAGE) as MessageRow[];
        rows.length > 0;
        rows = page.all(rows[rows.length - 1].id, PAGE) as MessageRow[]
      ) {
        for (const row of rows) {
          const found = visit(row, this.attachmentsOf(row.id));
          if (found !== undefined) return found;
        }
      }
      return undefined;
    });
  }

  /** The messages of the pair's conversation, in order. */
  conversation(pairId: number): MessageRow[] {
    return this.store
      .stmt(
        `SELECT * FROM messages WHERE conversation_id = (SELECT id FROM conversations WHERE pair_id = ?) ORDER BY id`,
      )
      .all(pairId) as MessageRow[];
  }

  /** Attachment rows of one message in the order append() inserted them. */
  attachmentsOf(messageId: number): AttachmentRow[] {
    return this.store
      .stmt(
        `SELECT filename, declared_type, sniffed_type, size, sha256, removed, removed_why, raw_start, raw_end,
  raw_encoding FROM attachments WHERE message_id = ? ORDER BY id`,
      )
      .all(messageId) as AttachmentRow[];
  }

  /** The seller's latest messages, newest first, optionally of one buyer alias (a local part). */
  listForSeller(sellerId: string, opts: { alias: string | null; limit: number }): MessageListRow[] {
    return this.store
      .stmt(
        `SELECT m.id, m.direction, m.via, m.verdict, m.subject, m.received_at, p.alias,
      (SELECT state FROM outbox o WHERE o.message_id = m.id ORDER BY o.id DESC LIMIT 1) AS state,
      COALESCE(json_extract(m.decision, '$.rules'), '[]') AS rules,
      EXISTS (SELECT 1 FROM releases r WHERE r.message_id = m.id) AS released
    FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id LEFT JOIN pairs p ON p.id = c.pair_id
    WHERE m.seller_id = ? AND (? IS NULL OR p.alias = ?) ORDER BY m.id DESC LIMIT ?`,
      )
      .all(sellerId, opts.alias, opts.alias, opts.limit) as MessageListRow[];
  }
}
