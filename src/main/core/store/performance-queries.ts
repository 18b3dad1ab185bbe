/**
 * The Performance view's read model: the buyer messages that ask for a response and the answers
 * of a seller in a time range, both by the terms of response-terms.ts (the inbox's definition),
 * the details of a listed message, and the R11 log. Two indexed range reads (messages_response)
 * and the releases of the range; app/performance.ts pairs them and does the arithmetic, and reads a long range in
 * slices so that no single read holds the main thread for long.
 */
import type { ImportantUseView } from '../../../shared/contract.js';
import { ANSWER_KIND, ASKS_FOR_RESPONSE, DELIVERY_NOT_FAILED } from './response-terms.js';
import type { Store } from './store.js';

/** A buyer message, or an answer; `at` is when it was received, for a released answer when it was released (R11). */
export interface ResponseEvent {
  id: number;
  conversationId: number;
  at: string;
}

export interface ResponseDetail {
  subject: string;
  alias: string;
  /** The buyer's real address: only so that the caller can scrub it out of the subject (R5). */
  email: string;
  name: string | null;
}

const ASKING = `SELECT m.id, m.conversation_id AS conversationId, m.received_at AS at FROM messages m INDEXED BY messages_response
  WHERE m.seller_id = ? AND m.direction = 'buyer-to-seller' AND m.received_at >= ? AND m.received_at <= ?
    AND m.conversation_id IS NOT NULL AND ${ASKS_FOR_RESPONSE}`;

// An answer is delivered (received in the range) or released (released in the range): IS_ANSWER in two reads.
const DELIVERED_ANSWERS = `SELECT m.id, m.conversation_id AS conversationId, m.received_at AS at FROM messages m INDEXED BY messages_response
  WHERE m.seller_id = ? AND m.direction = 'seller-to-buyer' AND m.received_at >= ? AND m.received_at <= ?
    AND m.conversation_id IS NOT NULL AND ${ANSWER_KIND} AND m.verdict = 'deliver' AND ${DELIVERY_NOT_FAILED}`;

const RELEASED_ANSWERS = `SELECT m.id, m.conversation_id AS conversationId, r.at FROM releases r JOIN messages m ON m.id = r.message_id
  WHERE r.seller_id = ? AND r.at >= ? AND r.at <= ?
    AND m.conversation_id IS NOT NULL AND ${ANSWER_KIND} AND ${DELIVERY_NOT_FAILED}`;

const DETAIL = `SELECT m.subject, p.alias, b.email, COALESCE(b.name, m.from_name) AS name FROM messages m
  JOIN conversations c ON c.id = m.conversation_id JOIN pairs p ON p.id = c.pair_id JOIN buyers b ON b.id = p.buyer_id
  WHERE m.id = ?`;

const IMPORTANT_USES = `SELECT u.id, u.message_id, m.conversation_id, u.kind, u.subject, u.category, u.necessary, u.verdict, u.override, u.at
  FROM important_uses u LEFT JOIN messages m ON m.id = u.message_id WHERE u.seller_id = ? ORDER BY u.at DESC, u.id DESC LIMIT ?`;

interface UseRow {
  id: number;
  message_id: number | null;
  conversation_id: number | null;
  kind: ImportantUseView['kind'];
  subject: string;
  category: string;
  necessary: number | null;
  verdict: string;
  override: ImportantUseView['override'];
  at: string;
}

export class PerformanceQueries {
  constructor(private readonly store: Store) {}

  /**
   * The seller's buyer messages received in [from, until] that ask for a response, in no particular order (an ORDER BY
   * would sort them all in a temporary b-tree; the caller needs order only within a conversation).
   */
  asking(sellerId: string, from: string, until: string): ResponseEvent[] {
    return this.store.stmt(ASKING).all(sellerId, from, until) as ResponseEvent[];
  }

  /** The seller's answers delivered in [from, until], in no particular order. */
  deliveredAnswers(sellerId: string, from: string, until: string): ResponseEvent[] {
    return this.store.stmt(DELIVERED_ANSWERS).all(sellerId, from, until) as ResponseEvent[];
  }

  /** The seller's held answers released in [from, until] (answering from their release, R11), in any order. */
  releasedAnswers(sellerId: string, from: string, until: string): ResponseEvent[] {
    return this.store.stmt(RELEASED_ANSWERS).all(sellerId, from, until) as ResponseEvent[];
  }

  /** Subject, alias and buyer of a message that belongs to a pair. */
  detail(messageId: number): ResponseDetail {
    return this.store.stmt(DETAIL).get(messageId) as ResponseDetail;
  }

  /** R11: the seller's newest `limit` uses of [Important], newest first. */
  importantUses(sellerId: string, limit: number): ImportantUseView[] {
    const rows = this.store.stmt(IMPORTANT_USES).all(sellerId, limit) as UseRow[];
    return rows.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      conversationId: r.conversation_id,
      kind: r.kind,
      subject: r.subject,
      category: r.category,
      necessary: r.necessary === null ? null : r.necessary === 1,
      verdict: r.verdict,
      override: r.override,
      at: r.at,
    }));
  }
}
