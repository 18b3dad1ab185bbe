/**
 * Reports (R18) as the seller manages them: every report with its reason and date (withdrawn
 * ones too, marked by withdrawnAt), the senders reported most, and withdrawing a report (the
 * conversation may need a response again). Reads: store/reports.ts; the writes: MarkRepo.
 */
import type { ReportsOverview, ReportView } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import type { ReportEntry } from '../store/reports.js';
import type { Seller } from '../store/sellers.js';
import { buyerLabel, scrubber } from './privacy.js';

function toView(ctx: CoreContext, seller: Seller, r: ReportEntry): ReportView {
  const aliasAddress = r.alias ? ctx.addresses.aliasAddress(r.alias) : null;
  const scrub = scrubber([r.buyerEmail], aliasAddress ?? 'the buyer');
  const fromLabel =
    r.direction === 'seller-to-buyer'
      ? seller.name
      : r.direction === 'buyer-to-seller'
        ? buyerLabel(r.buyerName ?? r.fromName, aliasAddress ?? 'buyer')
        : 'Parley';
  return {
    id: r.id,
    messageId: r.messageId,
    conversationId: r.conversationId,
    reason: r.reason,
    note: r.note === null ? null : scrub(r.note),
    createdAt: r.createdAt,
    withdrawnAt: r.withdrawnAt,
    subject: scrub(r.subject),
    fromLabel,
    alias: r.alias,
  };
}

export function listReports(ctx: CoreContext, seller: Seller): ReportsOverview {
  const rows = ctx.reports.forSeller(seller.id);
  // One sender per pair; only active reports count (a withdrawn report no longer accuses anyone).
  const senders = new Map<string, ReportsOverview['topSenders'][number]>();
  for (const r of rows) {
    if (r.withdrawnAt !== null || r.alias === null || r.direction !== 'buyer-to-seller') continue;
    const s = senders.get(r.alias);
    if (s) {
      s.count++;
      if (r.createdAt > s.lastAt) s.lastAt = r.createdAt;
    } else {
      const name = r.buyerName ?? r.fromName;
      senders.set(r.alias, {
        alias: r.alias,
        buyerName: name && !name.includes('@') ? name : null,
        count: 1,
        lastAt: r.createdAt,
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
  if (!ctx.reports.get(seller.id, id))
    throw new ParleyError('ENOTFOUND', `no report ${id}`, { detail: { key: 'report.notFound', params: { id } } });
  ctx.marks.withdrawReport(id);
  return toView(ctx, seller, ctx.reports.get(seller.id, id)!);
}
