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
  /**
   * Where the attachment's encoded body sits in the raw message's blob, when it has no blob of its own (migration 19).
   * A locator, not part of the record hash: `sha256` (hashed) binds the decoded bytes, so a moved range is found.
   */
  inRaw?: RawPart;
}

/** Bytes [start, end) of the raw message's blob, decoded by its Content-Transfer-Encoding, are the attachment. */
export interface RawPart {
  start: number;
  end: number;
  encoding: string;
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
  /** When the message was received, for mail recorded after the fact (the history import); else now. */
  receivedAt?: string;
}

/** What the relay needs to know about one recorded message (its row, without the content). */
export interface RecordedMeta {
  id: number;
  sellerId: string | null;
  conversationId: number | null;
  /** The pair of the message's conversation; null outside a conversation (a notice). */
  pairId: number | null;
  direction: RecordDirection;
  via: string;
  envelopeFrom: string;
  subject: string;
  verdict: RecordVerdict;
  rawSha256: string;
  relayMessageId: string;
}

const META_SELECT = `SELECT m.id, m.seller_id AS sellerId, m.conversation_id AS conversationId, c.pair_id AS pairId,
  m.direction, m.via, m.envelope_from AS envelopeFrom, m.subject, m.verdict, m.raw_sha256 AS rawSha256,
  m.relay_message_id AS relayMessageId
  FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id`;

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
    const receivedAt = m.receivedAt ?? this.store.nowIso();
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
      .stmt(`INSERT INTO attachments (message_id, filename, declared_type, sniffed_type, size, sha256, removed, removed_why,
      raw_start, raw_end, raw_encoding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // The columns in the order the record hash reads them (attachmentFields), so the two never disagree.
    attachmentFields(m.attachments).forEach((fields, i) => {
      const at = m.attachments[i].inRaw;
      insertAttachment.run(id, ...fields, at?.start ?? null, at?.end ?? null, at?.encoding ?? null);
    });
    this.store.searchIndex.soon();
    return { id, recordHash: hash };
  }

  meta(id: number): RecordedMeta | undefined {
    return this.store.stmt(`${META_SELECT} WHERE m.id = ?`).get(id) as RecordedMeta | undefined;
  }

  /** The message Parley gave this Message-ID when it forwarded it (bounces and mail actions name it). */
  byRelayId(relayMessageId: string): RecordedMeta | undefined {
    return this.store.stmt(`${META_SELECT} WHERE m.relay_message_id = ?`).get(relayMessageId) as
      RecordedMeta | undefined;
  }

  /** The pair of a message of this seller's record written under `messageId` (the history import joins threads). */
  pairOfMessageId(sellerId: string, messageId: string): number | null | undefined {
    const row = this.store
      .stmt(
        `SELECT c.pair_id AS pairId FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id
    WHERE m.message_id = ? AND m.seller_id = ? LIMIT 1`,
      )
      .get(messageId, sellerId) as { pairId: number | null } | undefined;
    return row === undefined ? undefined : row.pairId;
  }

  /** The relay Message-ID of the message its sender sent under `messageId`. */
  relayIdOf(messageId: string): string | undefined {
    const row = this.store.stmt('SELECT relay_message_id FROM messages WHERE message_id = ?').get(messageId) as
      { relay_message_id: string } | undefined;
    return row?.relay_message_id;
  }

  /** The Message-ID a seller's message was written with, from the relay Message-ID its forwarded copy got. */
  originalMessageId(sellerId: string, relayMessageId: string): string | undefined {
    const row = this.store
      .stmt('SELECT message_id FROM messages WHERE relay_message_id = ? AND seller_id = ?')
      .get(relayMessageId, sellerId) as { message_id: string | null } | undefined;
    return row?.message_id ?? undefined;
  }

  /** R10a: the buyer of this pair sent a message that Parley forwarded under `relayMessageId`. */
  fromBuyerOfPair(pairId: number, relayMessageId: string): boolean {
    return (
      this.store
        .stmt(
          `SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE c.pair_id = ? AND m.direction = 'buyer-to-seller' AND m.relay_message_id = ?`,
        )
        .get(pairId, relayMessageId) !== undefined
    );
  }

  /**
   * R16: the seller's messages to buyers that went out since `since` (an ISO time), automatic ones
   * not counted, nor imported ones (history: they did not go through Parley); a held message counts when it was
   * released (R11), not when it came in.
   */
  sentSince(sellerId: string, since: string): number {
    const row = this.store
      .stmt(
        `SELECT (SELECT COUNT(*) FROM messages WHERE seller_id = ? AND direction = 'seller-to-buyer'
    AND received_at >= ? AND via NOT IN ('automatic', 'import') AND verdict = 'deliver')
    + (SELECT COUNT(*) FROM releases WHERE seller_id = ? AND at >= ?) AS n`,
      )
      .get(sellerId, since, sellerId, since) as { n: number };
    return row.n;
  }
}

export function attachmentFields(list: NewAttachment[]): unknown[][] {
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
