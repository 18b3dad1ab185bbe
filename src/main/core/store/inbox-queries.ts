/**
 * The inbox's read model (R18–R20): filter counts, pages and the rows of a page. Every filter is a
 * range of a partial index on the conversation rows that migration 3's triggers keep current, so a
 * page is two indexed reads: the ids of the page, then those rows with their pair, buyer, orders and
 * last message. Statements are prepared once per store.
 */
import type { Filter } from '../../../shared/vocabulary.js';
import type { Store } from './store.js';

/** A filter read from the conversation rows; drafts and the outbox are small sets read from their own tables. */
export type ConversationFilter = Exclude<Filter, 'drafts' | 'outbox'>;

/**
 * The seller's Outbox: items of messages to buyers still waiting (queued or deferred), one row each, so its count is
 * the length of the Outbox list (outbox-queries.ts `waiting`). Buyer mail forwarded to the seller is not in it.
 */
const PENDING_OUTBOX = `SELECT m.conversation_id FROM outbox o JOIN messages m ON m.id = o.message_id
  WHERE o.state IN ('queued','deferred') AND m.direction = 'seller-to-buyer' AND m.seller_id = ?`;

const DRAFTED = 'SELECT conversation_id FROM drafts WHERE seller_id = ?';

/** Each conversation filter's condition: the same expression as its partial index (store/migration-inbox.ts). */
const WHERE: Record<ConversationFilter, string> = {
  'response-needed': 'pending_since IS NOT NULL',
  all: 'last_id IS NOT NULL',
  sent: 'sent_count > 0',
  undeliverable: 'problem_count > 0',
  reported: 'reported_count > 0',
  'no-response': 'marked_count > 0',
};

/** A page of a filter: parameters seller id, limit, offset. Exported so a test can check its query plan. */
export const pageSql = (filter: ConversationFilter): string =>
  `SELECT id FROM conversations WHERE seller_id = ? AND ${WHERE[filter]} ORDER BY last_at DESC, id DESC LIMIT ? OFFSET ?`;

/**
 * The message a row previews: the last one, except while the conversation needs a response (R20): then the buyer's
 * last message, the thing to answer, so an automatic message after it (a shipping confirmation) or a seller message
 * still waiting does not make the row look answered. Imported mail (history, recorded after what came through the
 * relay) is never the thing to answer.
 */
const LAST_BUYER_MESSAGE = `(SELECT MAX(q.id) FROM messages q
  WHERE q.conversation_id = c.id AND q.direction = 'buyer-to-seller' AND q.verdict <> 'held' AND q.via <> 'import')`;

const ROWS = `SELECT c.id, p.alias, b.email AS buyerEmail, b.opted_out AS optedOut,
  COALESCE(b.name, (SELECT o.buyer_name FROM orders o WHERE o.pair_id = p.id AND o.buyer_name IS NOT NULL LIMIT 1)) AS buyerName,
  (SELECT group_concat(order_id, ' ') FROM (SELECT order_id FROM orders WHERE pair_id = p.id ORDER BY purchased_at)) AS orderIds,
  m.subject, substr(m.text, 1, 600) AS head, m.direction, c.last_at AS lastAt, c.created_at AS createdAt,
  c.subject AS conversationSubject, c.message_count AS messageCount, c.pending_since AS pendingSince,
  c.attachment_count AS attachmentCount, c.reported_count AS reportedCount, c.marked_count AS markedCount,
  c.problem_count AS problemCount, c.held_count AS heldCount
  FROM conversations c JOIN pairs p ON p.id = c.pair_id JOIN buyers b ON b.id = p.buyer_id
  LEFT JOIN messages m ON m.id = CASE WHEN c.pending_since IS NULL THEN c.last_id ELSE COALESCE(${LAST_BUYER_MESSAGE}, c.last_id) END
  WHERE c.seller_id = ? AND c.id IN (SELECT value FROM json_each(?))`;

/** The counts of every filter; the names of inbox_counts' columns, plus drafts and the waiting outbox. */
export interface InboxCounts {
  total: number;
  needs: number;
  sent: number;
  problems: number;
  reported: number;
  marked: number;
  drafts: number;
  outbox: number;
}

/** One conversation as a row of the list. `buyerEmail` is there only to be scrubbed out of what is shown (R5). */
export interface InboxEntry {
  id: number;
  alias: string;
  buyerEmail: string;
  buyerName: string | null;
  optedOut: boolean;
  /** The pair's orders, oldest purchase first. */
  orderIds: string[];
  /**
   * Subject, first 600 characters and direction of the message the row previews: the last one, or the buyer's last
   * while the conversation needs a response; null before the first one.
   */
  subject: string | null;
  head: string | null;
  direction: string | null;
  lastAt: string | null;
  createdAt: string;
  conversationSubject: string;
  messageCount: number;
  pendingSince: string | null;
  attachmentCount: number;
  reportedCount: number;
  markedCount: number;
  problemCount: number;
  heldCount: number;
  inOutbox: boolean;
  hasDraft: boolean;
}

type EntryRow = Omit<InboxEntry, 'optedOut' | 'orderIds' | 'inOutbox' | 'hasDraft'> & {
  optedOut: number;
  orderIds: string | null;
};

export class InboxQueries {
  constructor(private readonly store: Store) {}

  /** One row kept by triggers (migration 3), plus drafts and the waiting outbox: no count of a filter's rows. */
  counts(sellerId: string): InboxCounts {
    const kept = this.store
      .stmt('SELECT total, needs, sent, problems, reported, marked FROM inbox_counts WHERE seller_id = ?')
      .get(sellerId) as Omit<InboxCounts, 'drafts' | 'outbox'> | undefined;
    const count = (sql: string) => this.store.stmt(`SELECT COUNT(*) FROM (${sql})`).pluck().get(sellerId) as number;
    return {
      ...(kept ?? { total: 0, needs: 0, sent: 0, problems: 0, reported: 0, marked: 0 }),
      drafts: count(DRAFTED),
      outbox: count(PENDING_OUTBOX),
    };
  }

  /** The ids of a page of a filter, newest first. */
  page(sellerId: string, filter: ConversationFilter, offset: number, limit: number): number[] {
    return this.store.stmt(pageSql(filter)).pluck().all(sellerId, limit, offset) as number[];
  }

  /** Conversations with a draft, or with an outbox item still waiting: small sets, newest first. */
  smallSet(sellerId: string, set: 'drafts' | 'outbox'): number[] {
    const ids = set === 'drafts' ? DRAFTED : PENDING_OUTBOX;
    return this.store
      .stmt(`SELECT id FROM conversations WHERE id IN (${ids}) AND last_id IS NOT NULL ORDER BY last_at DESC, id DESC`)
      .pluck()
      .all(sellerId) as number[];
  }

  /** The rows of these conversations of the seller, in no particular order; another seller's are left out. */
  entries(sellerId: string, ids: number[]): InboxEntry[] {
    if (ids.length === 0) return [];
    const list = JSON.stringify(ids);
    const rows = this.store.stmt(ROWS).all(sellerId, list) as EntryRow[];
    const inOutbox = this.idSet(
      `${PENDING_OUTBOX} AND m.conversation_id IN (SELECT value FROM json_each(?))`,
      sellerId,
      list,
    );
    const withDraft = this.idSet(`${DRAFTED} AND conversation_id IN (SELECT value FROM json_each(?))`, sellerId, list);
    return rows.map((r) => ({
      ...r,
      optedOut: r.optedOut === 1,
      orderIds: r.orderIds ? r.orderIds.split(' ') : [],
      inOutbox: inOutbox.has(r.id),
      hasDraft: withDraft.has(r.id),
    }));
  }

  private idSet(sql: string, sellerId: string, ids: string): Set<number> {
    return new Set(
      (this.store.stmt(sql).pluck().all(sellerId, ids) as (number | null)[]).filter((id): id is number => id !== null),
    );
  }
}
