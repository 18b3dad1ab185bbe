import crypto from 'node:crypto';
import type { Decision } from '../../../shared/domain.js';
import type { Store } from './store.js';

export type RecordDirection = 'buyer-to-seller' | 'seller-to-buyer' | 'relay-to-seller';
export type RecordVerdict = 'deliver' | 'block' | 'reject' | 'held';

export interface NewAttachment {
  filename: string;
  declaredType: string;
  sniffedType: string;
  size: number;
  sha256: string;
  removed: boolean;
  removedWhy?: string;
}

export interface NewMessage {
  sellerId: string | null;
  conversationId: number | null;
  direction: RecordDirection;
  via: string;
  envelopeFrom: string;
  envelopeTo: string[];
  fromName: string | null;
  subject: string;
  messageId: string | null;
  relayMessageId: string;
  inReplyTo: string | null;
  references: string[];
  text: string;
  rawSha256: string;
  rawSize: number;
  auth: unknown;
  verdict: RecordVerdict;
  decision: Decision | Record<string, unknown>;
  attachments: NewAttachment[];
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash that chains a record to the one before it (R21). It covers every stored column
 * of the message, the raw message's sha256 and each attachment's, so altering any of them, or
 * removing or reordering a record, breaks the chain from that point on.
 */
export function recordHash(prevHash: string, fields: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** Append-only: the table's triggers refuse UPDATE and DELETE. Call inside a transaction. */
export class MessageRecord {
  constructor(private readonly store: Store) {}

  append(m: NewMessage): { id: number; recordHash: string } {
    const last = this.store.stmt('SELECT record_hash FROM messages ORDER BY id DESC LIMIT 1').get() as
      { record_hash: string } | undefined;
    const prevHash = last?.record_hash ?? GENESIS_HASH;
    const receivedAt = this.store.nowIso();
    const row = {
      seller_id: m.sellerId,
      conversation_id: m.conversationId,
      direction: m.direction,
      via: m.via,
      envelope_from: m.envelopeFrom,
      envelope_to: JSON.stringify(m.envelopeTo),
      from_name: m.fromName,
      subject: m.subject,
      message_id: m.messageId,
      relay_message_id: m.relayMessageId,
      in_reply_to: m.inReplyTo,
      refs: JSON.stringify(m.references),
      text: m.text,
      has_attachments: m.attachments.length > 0 ? 1 : 0,
      raw_sha256: m.rawSha256,
      raw_size: m.rawSize,
      auth: m.auth === undefined ? null : JSON.stringify(m.auth),
      verdict: m.verdict,
      decision: JSON.stringify(m.decision),
      received_at: receivedAt,
    };
    const hash = recordHash(prevHash, { ...row, attachments: attachmentFields(m.attachments) });
    const info = this.store
      .stmt(
        `INSERT INTO messages (seller_id, conversation_id, direction, via, envelope_from, envelope_to, from_name,
      subject, message_id, relay_message_id, in_reply_to, refs, text, has_attachments, raw_sha256, raw_size, auth, verdict,
      decision, received_at, prev_hash, record_hash) VALUES (@seller_id, @conversation_id, @direction, @via, @envelope_from,
      @envelope_to, @from_name, @subject, @message_id, @relay_message_id, @in_reply_to, @refs, @text, @has_attachments,
      @raw_sha256, @raw_size, @auth, @verdict, @decision, @received_at, @prev_hash, @record_hash)`,
      )
      .run({ ...row, prev_hash: prevHash, record_hash: hash });
    const id = Number(info.lastInsertRowid);
    const insertAttachment = this.store
      .stmt(`INSERT INTO attachments (message_id, filename, declared_type, sniffed_type, size, sha256, removed, removed_why)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const a of m.attachments) {
      insertAttachment.run(
        id,
        a.filename,
        a.declaredType,
        a.sniffedType,
        a.size,
        a.sha256,
        a.removed ? 1 : 0,
        a.removedWhy ?? null,
      );
    }
    this.store.searchIndex.soon();
    return { id, recordHash: hash };
  }
}

export function attachmentFields(list: NewAttachment[]): unknown[] {
  return list.map((a) => [
    a.filename,
    a.declaredType,
    a.sniffedType,
    a.size,
    a.sha256,
    a.removed ? 1 : 0,
    a.removedWhy ?? null,
  ]);
}
