/**
 * Checks the whole message record (R21): the hash chain, each record's content against its
 * hash, and every raw message and attachment file against its sha256. It reads only; the
 * first problem found is reported, since everything after a broken link is suspect anyway.
 */
import type { CoreContext } from '../context.js';
import { GENESIS_HASH, type NewAttachment } from '../store/record.js';
import {
  attachmentPresent,
  attachmentVerified,
  recomputeRecordHash,
  toNewAttachment,
  type AttachmentRow,
  type MessageRow,
} from '../store/record-reader.js';

export interface StoreVerification {
  ok: boolean;
  /** Messages checked before stopping (all of them when ok). */
  messages: number;
  firstBad?: { messageId: number; problem: string };
}

/** `files: 'present'` only checks that each blob exists (the start check); the default re-hashes every one. */
export function verifyStore(ctx: CoreContext, opts: { files?: 'hash' | 'present' } = {}): StoreVerification {
  const { blobs } = ctx.store;
  const present = opts.files === 'present';
  const fileOk = present ? (sha: string) => blobs.has(sha) : (sha: string) => blobs.verify(sha);
  // An attachment read from its raw message's range is decoded and hashed (or, on the start check, its blob found).
  const attachmentOk = (row: MessageRow, a: AttachmentRow) =>
    present ? attachmentPresent(blobs, row.raw_sha256, a) : attachmentVerified(blobs, row.raw_sha256, a);
  let prevHash = GENESIS_HASH;
  let prevId: number | null = null;
  let checked = 0;
  const firstBad = ctx.recordReader.walk((row, attachmentRows) => {
    const attachments = attachmentRows.map(toNewAttachment);
    const problem =
      checkMessage(row, prevHash, prevId, attachments) ??
      checkBlobs(row, attachmentRows, fileOk, (a) => attachmentOk(row, a));
    if (problem) return { messageId: row.id, problem };
    prevHash = row.record_hash;
    prevId = row.id;
    checked++;
    return undefined;
  });
  return firstBad ? { ok: false, messages: checked, firstBad } : { ok: true, messages: checked };
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

function checkBlobs(
  row: MessageRow,
  attachments: AttachmentRow[],
  verify: (sha256: string) => boolean,
  attachmentOk: (a: AttachmentRow) => boolean,
): string | undefined {
  if (!verify(row.raw_sha256)) return `the original message file ${row.raw_sha256} is missing or altered`;
  for (const a of attachments) {
    if (!attachmentOk(a)) return `the file of attachment "${a.filename}" (${a.sha256}) is missing or altered`;
  }
  return undefined;
}
