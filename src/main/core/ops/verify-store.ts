/**
 * Checks the whole message record (R21): the hash chain, each record's content against its
 * hash, and every raw message and attachment file against its sha256. It reads only; the
 * first problem found is reported, since everything after a broken link is suspect anyway.
 */
import type { CoreContext } from '../context.js';
import { attachmentFields, GENESIS_HASH, recordHash, type NewAttachment } from '../store/record.js';

export interface StoreVerification {
  ok: boolean;
  /** Messages checked before stopping (all of them when ok). */
  messages: number;
  firstBad?: { messageId: number; problem: string };
}

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

/** Attachment rows of one message in the order append() inserted them. */
export const ATTACHMENTS_OF_MESSAGE = `SELECT filename, declared_type, sniffed_type, size, sha256, removed, removed_why
  FROM attachments WHERE message_id = ? ORDER BY id`;

const PAGE = 500; // messages read per query: bounded memory on a large store

export function verifyStore(ctx: CoreContext): StoreVerification {
  const { db, blobs } = ctx.store;
  const page = db.prepare('SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT ?');
  const attachmentsOf = db.prepare(ATTACHMENTS_OF_MESSAGE);

  // One read transaction: a message the relay appends meanwhile cannot make the walk inconsistent.
  return db.transaction((): StoreVerification => {
    let prevHash = GENESIS_HASH;
    let prevId: number | null = null;
    let checked = 0;
    for (
      let rows = page.all(0, PAGE) as MessageRow[];
      rows.length > 0;
      rows = page.all(rows[rows.length - 1].id, PAGE) as MessageRow[]
    ) {
      for (const row of rows) {
        const attachments = (attachmentsOf.all(row.id) as AttachmentRow[]).map(toNewAttachment);
        const problem =
          checkMessage(row, prevHash, prevId, attachments) ?? checkBlobs(row, attachments, (sha) => blobs.verify(sha));
        if (problem) return { ok: false, messages: checked, firstBad: { messageId: row.id, problem } };
        prevHash = row.record_hash;
        prevId = row.id;
        checked++;
      }
    }
    return { ok: true, messages: checked };
  })();
}

function checkMessage(
  row: MessageRow,
  prevHash: string,
  prevId: number | null,
  attachments: NewAttachment[],
): string | undefined {
  if (row.prev_hash !== prevHash) {
    return prevId === null
      ? 'the first record does not start the chain: records before it were removed, or its prev_hash was altered'
      : `prev_hash does not link to message ${prevId}: a record was removed, reordered or altered`;
  }
  if (recomputeRecordHash(row, attachments) !== row.record_hash) {
    return 'the record does not match its hash: the message row or its attachment rows were altered';
  }
  return undefined;
}

/** The hash MessageRecord.append gave this row, recomputed from its columns and attachment rows. */
export function recomputeRecordHash(row: MessageRow, attachments: NewAttachment[]): string {
  const fields: Record<string, unknown> = {};
  for (const column of HASHED_COLUMNS) fields[column] = row[column];
  fields.attachments = attachmentFields(attachments);
  return recordHash(row.prev_hash, fields);
}

function checkBlobs(
  row: MessageRow,
  attachments: NewAttachment[],
  verify: (sha256: string) => boolean,
): string | undefined {
  if (!verify(row.raw_sha256)) return `the original message file ${row.raw_sha256} is missing or altered`;
  for (const a of attachments) {
    if (!verify(a.sha256)) return `the file of attachment "${a.filename}" (${a.sha256}) is missing or altered`;
  }
  return undefined;
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
