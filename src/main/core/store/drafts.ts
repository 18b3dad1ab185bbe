/**
 * The composer's drafts, kept as they are typed: a draft may be incomplete (no buyer yet, an alias
 * half typed). Ids are never reused (AUTOINCREMENT, migration 3), and saving under the id of a
 * draft that no longer exists makes a new one: nothing typed is ever lost. A buyer has one draft
 * per purpose (a reply, or a new message whatever its reason): `forBuyer` finds it.
 */
import type { Store } from './store.js';

/** What a draft holds; `attachments` is the JSON of the composer's files (blobs by sha256). */
export interface DraftFields {
  pairId: number | null;
  conversationId: number | null;
  /** As typed, kept even before it names a pair. */
  alias: string | null;
  orderId: string | null;
  topic: string | null;
  subject: string;
  body: string;
  important: boolean;
  replyToMessageId: number | null;
  attachments: string;
  reason: string | null;
}

export interface Draft extends Omit<DraftFields, 'reason'> {
  id: number;
  sellerId: string;
  updatedAt: string;
}

const SELECT = `SELECT id, seller_id AS sellerId, pair_id AS pairId, conversation_id AS conversationId, alias, order_id AS orderId,
  topic, subject, body, important, reply_to_message_id AS replyToMessageId, attachments, updated_at AS updatedAt FROM drafts`;

type DraftRow = Omit<Draft, 'important'> & { important: number };
const toDraft = (r: DraftRow): Draft => ({ ...r, important: r.important === 1 });

export class DraftRepo {
  constructor(private readonly store: Store) {}

  get(sellerId: string, id: number): Draft | undefined {
    const row = this.store.stmt(`${SELECT} WHERE id = ? AND seller_id = ?`).get(id, sellerId) as DraftRow | undefined;
    return row && toDraft(row);
  }

  /** Newest first. */
  list(sellerId: string): Draft[] {
    return (
      this.store.stmt(`${SELECT} WHERE seller_id = ? ORDER BY updated_at DESC, id DESC`).all(sellerId) as DraftRow[]
    ).map(toDraft);
  }

  /**
   * The seller's newest draft to this buyer (their conversation, else their pair) for this purpose: a reply (it answers
   * a buyer message) or a new message.
   */
  forBuyer(
    sellerId: string,
    buyer: { conversationId: number | null; pairId: number | null },
    reply: boolean,
  ): Draft | undefined {
    const purpose = reply ? 'reply_to_message_id IS NOT NULL' : 'reply_to_message_id IS NULL';
    const newest = 'ORDER BY updated_at DESC, id DESC LIMIT 1';
    const row =
      buyer.conversationId !== null
        ? this.store
            .stmt(`${SELECT} WHERE seller_id = ? AND conversation_id = ? AND ${purpose} ${newest}`)
            .get(sellerId, buyer.conversationId)
        : buyer.pairId !== null
          ? this.store
              .stmt(`${SELECT} WHERE seller_id = ? AND pair_id = ? AND ${purpose} ${newest}`)
              .get(sellerId, buyer.pairId)
          : undefined;
    return row ? toDraft(row as DraftRow) : undefined;
  }

  /**
   * Overwrites the seller's draft `id`; without one, or when it is gone (sent from another window), makes a new one.
   */
  save(sellerId: string, id: number | undefined, fields: DraftFields): number {
    const values = { ...fields, important: fields.important ? 1 : 0, sellerId, now: this.store.nowIso() };
    const existing = id === undefined ? undefined : this.get(sellerId, id);
    if (existing) {
      this.store
        .stmt(
          `UPDATE drafts SET pair_id = @pairId, conversation_id = @conversationId, alias = @alias, order_id = @orderId,
        topic = @topic, subject = @subject, body = @body, important = @important, reply_to_message_id = @replyToMessageId,
        attachments = @attachments, reason = @reason, updated_at = @now WHERE id = @id`,
        )
        .run({ ...values, id: existing.id });
      return existing.id;
    }
    const info = this.store
      .stmt(
        `INSERT INTO drafts (seller_id, pair_id, conversation_id, alias, order_id, topic, subject, body, important,
      reply_to_message_id, attachments, reason, updated_at) VALUES (@sellerId, @pairId, @conversationId, @alias, @orderId,
      @topic, @subject, @body, @important, @replyToMessageId, @attachments, @reason, @now)`,
      )
      .run(values);
    return Number(info.lastInsertRowid);
  }

  /** False when the seller has no draft `id`. */
  delete(sellerId: string, id: number): boolean {
    return this.store.stmt('DELETE FROM drafts WHERE id = ? AND seller_id = ?').run(id, sellerId).changes === 1;
  }
}
