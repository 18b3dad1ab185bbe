/**
 * The reports read model (R18): every report of a shop with its message, pair and buyer. The
 * reports themselves are written by MarkRepo (marks.ts).
 */
import type { ReportView } from '../../../shared/contract.js';
import type { RecordDirection } from './record.js';
import type { Store } from './store.js';

/** A report with its message; `buyerEmail` only to scrub the buyer's address out of what is shown (R5). */
export interface ReportEntry extends Omit<ReportView, 'fromLabel'> {
  direction: RecordDirection;
  fromName: string | null;
  buyerName: string | null;
  buyerEmail: string | null;
}

const SELECT = `SELECT r.id, r.message_id AS messageId, m.conversation_id AS conversationId, r.reason, r.note,
  r.created_at AS createdAt, r.withdrawn_at AS withdrawnAt, m.subject, m.direction, m.from_name AS fromName, p.alias,
  b.name AS buyerName, b.email AS buyerEmail
  FROM reports r JOIN messages m ON m.id = r.message_id
  LEFT JOIN conversations c ON c.id = m.conversation_id LEFT JOIN pairs p ON p.id = c.pair_id LEFT JOIN buyers b ON b.id = p.buyer_id`;

export class ReportQueries {
  constructor(private readonly store: Store) {}

  /** Every report of the seller's messages, withdrawn ones too, newest first. */
  forSeller(sellerId: string): ReportEntry[] {
    return this.store
      .stmt(`${SELECT} WHERE m.seller_id = ? ORDER BY r.created_at DESC, r.id DESC`)
      .all(sellerId) as ReportEntry[];
  }

  get(sellerId: string, id: number): ReportEntry | undefined {
    return this.store.stmt(`${SELECT} WHERE r.id = ? AND m.seller_id = ?`).get(id, sellerId) as ReportEntry | undefined;
  }
}
