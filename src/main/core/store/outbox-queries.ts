/**
 * The Outbox as the seller sees it (R8): the items of the seller's messages with their message,
 * pair and buyer. The items themselves and their state changes belong to OutboxRepo (outbox.ts).
 */
import type { OutboxKind, OutboxState } from './outbox.js';
import type { RecordDirection } from './record.js';
import type { Store } from './store.js';

/** An outbox item with its message; `buyerEmail` only to scrub the buyer's address out of what is shown (R5). */
export interface OutboxEntry {
  id: number;
  messageId: number | null;
  kind: OutboxKind;
  /** JSON array of the envelope recipients. */
  recipients: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  conversationId: number | null;
  direction: RecordDirection | null;
  subject: string | null;
  alias: string | null;
  buyerEmail: string | null;
}

const SELECT = `SELECT o.id, o.message_id AS messageId, o.kind, o.recipients, o.state, o.attempts,
    o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError, o.created_at AS createdAt,
    m.conversation_id AS conversationId, m.direction, m.subject, p.alias, b.email AS buyerEmail
  FROM outbox o JOIN messages m ON m.id = o.message_id
  LEFT JOIN conversations c ON c.id = m.conversation_id LEFT JOIN pairs p ON p.id = c.pair_id LEFT JOIN buyers b ON b.id = p.buyer_id`;

/**
 * Items of the seller's messages to buyers: the seller's Outbox. Buyer mail forwarded to the seller, and notices to
 * the seller, are the relay's business, not something the seller sent.
 */
const TO_BUYER = "m.direction = 'seller-to-buyer'";

export class OutboxQueries {
  constructor(private readonly store: Store) {}

  /** Queued and deferred items toward buyers, the soonest retry first. */
  waiting(sellerId: string): OutboxEntry[] {
    return this.store
      .stmt(
        `${SELECT} WHERE o.state IN ('queued','deferred') AND ${TO_BUYER} AND m.seller_id = ? ORDER BY o.next_attempt_at, o.id`,
      )
      .all(sellerId) as OutboxEntry[];
  }

  /** The latest `limit` final items toward buyers (delivered, failed, bounced, cancelled), newest first. */
  recentFinal(sellerId: string, limit: number): OutboxEntry[] {
    return this.store
      .stmt(
        `${SELECT} WHERE o.state NOT IN ('queued','deferred') AND ${TO_BUYER} AND m.seller_id = ? ORDER BY o.id DESC LIMIT ?`,
      )
      .all(sellerId, limit) as OutboxEntry[];
  }

  get(sellerId: string, id: number): OutboxEntry | undefined {
    return this.store.stmt(`${SELECT} WHERE o.id = ? AND m.seller_id = ?`).get(id, sellerId) as OutboxEntry | undefined;
  }
}
