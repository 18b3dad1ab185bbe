/**
 * Reports (R18) as the seller manages them: every report with its reason and date (withdrawn
 * ones too, marked by withdrawnAt), the senders reported most, and withdrawing a report. A
 * withdrawal only sets withdrawn_at: migration 3's reports_inbox_withdrawn trigger puts the
 * conversation back into "Response needed" when its message still needs an answer.
 */
import type { ReportsOverview, ReportView } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { Seller } from '../store/sellers.js';
import { buyerLabel, scrubber } from './privacy.js';

const REPORT_SELECT = `SELECT r.id, r.message_id, m.conversation_id, r.reason, r.note, r.created_at, r.withdrawn_at, m.subject,
  m.direction, m.from_name, p.alias, b.name AS buyer_name, b.email AS buyer_email
  FROM reports r JOIN messages m ON m.id = r.message_id
  LEFT JOIN conversations c ON c.id = m.conversation_id LEFT JOIN pairs p ON p.id = c.pair_id LEFT JOIN buyers b ON b.id = p.buyer_id`;

interface Row {
  id: number;
  message_id: number;
  conversation_id: number | null;
  reason: string;
  note: string | null;
  created_at: string;
  withdrawn_at: string | null;
  subject: string;
  direction: string;
  from_name: string | null;
  alias: string | null;
  buyer_name: string | null;
  buyer_email: string | null;
}

function toView(ctx: CoreContext, seller: Seller, r: Row): ReportView {
  const aliasAddress = r.alias ? ctx.addresses.aliasAddress(r.alias) : null;
  const scrub = scrubber([r.buyer_email], aliasAddress ?? 'the buyer');
  const fromLabel =
    r.direction === 'seller-to-buyer'
      ? seller.name
      : r.direction === 'buyer-to-seller'
        ? buyerLabel(r.buyer_name ?? r.from_name, aliasAddress ?? 'buyer')
        : 'Parley';
  return {
    id: r.id,
    messageId: r.message_id,
    conversationId: r.conversation_id,
    reason: r.reason,
    note: r.note === null ? null : scrub(r.note),
    createdAt: r.created_at,
    withdrawnAt: r.withdrawn_at,
    subject: scrub(r.subject),
    fromLabel,
    alias: r.alias,
  };
}

export function listReports(ctx: CoreContext, seller: Seller): ReportsOverview {
  const rows = ctx.store
    .stmt(`${REPORT_SELECT} WHERE m.seller_id = ? ORDER BY r.created_at DESC, r.id DESC`)
    .all(seller.id) as Row[];
  // One sender per pair; only active reports count (a withdrawn report no longer accuses anyone).
  const senders = new Map<string, ReportsOverview['topSenders'][number]>();
  for (const r of rows) {
    if (r.withdrawn_at !== null || r.alias === null || r.direction !== 'buyer-to-seller') continue;
    const s = senders.get(r.alias);
    if (s) {
      s.count++;
      if (r.created_at > s.lastAt) s.lastAt = r.created_at;
    } else {
      const name = r.buyer_name ?? r.from_name;
      senders.set(r.alias, {
        alias: r.alias,
        buyerName: name && !name.includes('@') ? name : null,
        count: 1,
        lastAt: r.created_at,
      });
    }
  }
  const topSenders = [...senders.values()]
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .slice(0, 10);
  return { reports: rows.map((r) => toView(ctx, seller, r)), topSenders };
}

/** R18: withdraws a report of this shop; withdrawing one already withdrawn changes nothing. */
export function withdrawReport(ctx: CoreContext, seller: Seller, id: number): ReportView {
  const find = () =>
    ctx.store.stmt(`${REPORT_SELECT} WHERE r.id = ? AND m.seller_id = ?`).get(id, seller.id) as Row | undefined;
  if (!find()) throw new ParleyError('ENOTFOUND', `no report ${id}`);
  ctx.store
    .stmt('UPDATE reports SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL')
    .run(ctx.store.nowIso(), id);
  return toView(ctx, seller, find()!);
}
