import type { Decision } from '../../../shared/domain.js';
import type { Store } from './store.js';

export type ReleaseSource = 'app' | 'cli';

export interface Release {
  messageId: number;
  sellerId: string;
  source: ReleaseSource;
  at: string;
}

interface ReleaseRow {
  message_id: number;
  seller_id: string;
  source: ReleaseSource;
  at: string;
}

const toRelease = (r: ReleaseRow): Release => ({
  messageId: r.message_id,
  sellerId: r.seller_id,
  source: r.source,
  at: r.at,
});

/**
 * R11: held seller messages the seller let go. The held message's record row never changes
 * (R21); its release is a row of its own, append-only like the record (migration 6).
 */
export class ReleaseRepo {
  constructor(private readonly store: Store) {}

  /** Call inside the transaction that queues the delivery. */
  add(input: { messageId: number; sellerId: string; source: ReleaseSource; decision: Decision }): Release {
    const at = this.store.nowIso();
    this.store
      .stmt('INSERT INTO releases (message_id, seller_id, source, decision, at) VALUES (?, ?, ?, ?, ?)')
      .run(input.messageId, input.sellerId, input.source, JSON.stringify(input.decision), at);
    return { messageId: input.messageId, sellerId: input.sellerId, source: input.source, at };
  }

  /** The seller a recorded message belongs to (the CLI names a message by its number only). */
  ownerOf(messageId: number): string | null {
    const row = this.store.stmt('SELECT seller_id FROM messages WHERE id = ?').get(messageId) as
      { seller_id: string | null } | undefined;
    return row?.seller_id ?? null;
  }

  get(messageId: number): Release | undefined {
    const row = this.store
      .stmt('SELECT message_id, seller_id, source, at FROM releases WHERE message_id = ?')
      .get(messageId) as ReleaseRow | undefined;
    return row && toRelease(row);
  }

  /** The releases of a conversation's messages, by message id. */
  forConversation(conversationId: number): Map<number, Release> {
    const rows = this.store
      .stmt(
        `SELECT r.message_id, r.seller_id, r.source, r.at FROM releases r JOIN messages m ON m.id = r.message_id
      WHERE m.conversation_id = ?`,
      )
      .all(conversationId) as ReleaseRow[];
    return new Map(rows.map((r) => [r.message_id, toRelease(r)]));
  }
}
