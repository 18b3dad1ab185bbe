/**
 * The search box's queries, each over its own index: order numbers (a range of the
 * (seller_id, order_id) key), buyers' names (buyers_fts) and the words of the messages
 * (messages_fts). Only conversations with a message are found.
 */
import type { Store } from './store.js';

// Tokens of context the message snippet shows around a match.
const SNIPPET_TOKENS = 12;

/** A conversation found, with the text that matched it wrapped in «…». */
export interface SearchHit {
  conversationId: number;
  marked: string;
}

export class SearchQueries {
  constructor(private readonly store: Store) {}

  /** Orders whose number starts with `prefix`, the exact one first, then the newest purchase. */
  orders(sellerId: string, prefix: string, limit: number): { conversationId: number; orderId: string }[] {
    return this.store
      .stmt(
        `SELECT c.id AS conversationId, o.order_id AS orderId FROM orders o JOIN conversations c ON c.pair_id = o.pair_id
      WHERE o.seller_id = ? AND o.order_id >= ? AND o.order_id < ? AND c.last_id IS NOT NULL
      ORDER BY o.order_id = ? DESC, o.purchased_at DESC LIMIT ?`,
      )
      .all(sellerId, prefix, `${prefix}\uffff`, prefix, limit) as { conversationId: number; orderId: string }[];
  }

  /** Aliases of the seller with `fragment` anywhere in their local part, the latest conversation first. */
  aliasesContaining(sellerId: string, fragment: string, limit: number): { conversationId: number; alias: string }[] {
    return this.store
      .stmt(
        `SELECT c.id AS conversationId, p.alias FROM pairs p JOIN conversations c ON c.pair_id = p.id
      WHERE p.seller_id = ? AND instr(p.alias, ?) > 0 AND c.last_id IS NOT NULL ORDER BY c.last_at DESC LIMIT ?`,
      )
      .all(sellerId, fragment, limit) as { conversationId: number; alias: string }[];
  }

  /** Buyers' names matching the FTS5 query `match`, the latest conversation first. */
  buyerNames(sellerId: string, match: string, limit: number): SearchHit[] {
    return this.store
      .stmt(
        `SELECT c.id AS conversationId, highlight(buyers_fts, 0, '«', '»') AS marked FROM buyers_fts
      JOIN pairs p ON p.buyer_id = buyers_fts.rowid AND p.seller_id = ? JOIN conversations c ON c.pair_id = p.id
      WHERE buyers_fts MATCH ? AND c.last_id IS NOT NULL ORDER BY c.last_at DESC LIMIT ?`,
      )
      .all(sellerId, match, limit) as SearchHit[];
  }

  /**
   * Messages matching the FTS5 query `match`, newest first, with a snippet: read lazily, so the
   * caller stops when it has enough. The index first takes in the messages of the last moment,
   * so a result is never stale.
   */
  *messages(sellerId: string, match: string): Generator<SearchHit> {
    this.store.searchIndex.catchUp();
    yield* this.store
      .stmt(
        `SELECT m.conversation_id AS conversationId, snippet(messages_fts, -1, '«', '»', '…', ${SNIPPET_TOKENS}) AS marked
      FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
      WHERE messages_fts MATCH ? AND m.seller_id = ? AND m.conversation_id IS NOT NULL ORDER BY messages_fts.rowid DESC`,
      )
      .iterate(match, sellerId) as IterableIterator<SearchHit>;
  }
}
