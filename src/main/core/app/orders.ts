/**
 * The Orders view: the seller's orders found by order number, buyer name or alias
 * (R3: a buyer message without an order number finds its orders through the alias), the import
 * of the marketplace's order report with progress, and "Confirm shipment" (R17). A row carries
 * the alias and the conversation, never the buyer's real address (R5, contract.ts).
 */
import type { ImportResult, OrderList, OrderRow, ShipResult } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { importOrdersInChunks } from '../ops/orders-import.js';
import { confirmShipment } from '../ops/ship.js';
import { orderView, type Order } from '../store/orders.js';
import type { Seller } from '../store/sellers.js';

function toOrderRow(ctx: CoreContext, o: Order): OrderRow {
  // A name the buyer typed as an address would show the address: shown as no name instead (R5).
  const buyerName = o.buyerName && !o.buyerName.includes('@') ? o.buyerName : null;
  return {
    ...orderView(o),
    buyerName,
    alias: o.alias,
    aliasAddress: ctx.addresses.aliasAddress(o.alias),
    conversationId: o.conversationId,
  };
}

/** Orders of the seller, newest purchase first, found as OrderRepo.search says (never by the buyer's address, R5). */
export function listOrders(ctx: CoreContext, seller: Seller, query: string, offset: number, limit: number): OrderList {
  const { total, orders } = ctx.orders.search(seller.id, query, offset, limit);
  return { total, offset, rows: orders.map((o) => toOrderRow(ctx, o)) };
}

export function orderRow(ctx: CoreContext, seller: Seller, orderId: string): OrderRow | null {
  const order = ctx.orders.get(orderId, seller.id);
  return order ? toOrderRow(ctx, order) : null;
}

/**
 * Imports a report in chunks (ops/orders-import.ts) so the relay and other calls keep running
 * during a large file; `progress` is called as rows are done. Known orders are never changed
 * (a disagreeing row fails with its reason), so `updated` is always 0 and a re-import of the
 * same file reports every row unchanged.
 */
export async function importOrderReport(
  ctx: CoreContext,
  seller: Seller,
  data: Buffer,
  progress: (done: number, total: number) => void,
): Promise<ImportResult> {
  const started = performance.now();
  // A date without a zone is the shop's local time: the zone of the machine the seller runs Parley on.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const report = await importOrdersInChunks(ctx, seller.id, data, { onProgress: progress, timeZone });
  return {
    rows: report.total,
    imported: report.imported,
    updated: 0,
    unchanged: report.unchanged,
    failed: report.failed.map((f) => ({
      line: f.line,
      reason: f.reason.replace(/^line \d+: /, ''),
      problems: f.problems,
    })),
    ms: Math.round(performance.now() - started),
  };
}

/** R17: the automatic shipping confirmation goes to the buyer's alias, outside the quota (R16). */
export async function shipOrder(
  ctx: CoreContext,
  seller: Seller,
  input: { orderId: string; carrier?: string; tracking?: string },
): Promise<ShipResult> {
  const { order, message } = await confirmShipment(ctx, {
    orderId: input.orderId,
    sellerId: seller.id,
    carrier: input.carrier || null,
    tracking: input.tracking || null,
  });
  const state =
    message.verdict === 'block'
      ? 'blocked'
      : message.verdict === 'held'
        ? 'held'
        : message.verdict === 'reject'
          ? 'rejected'
          : 'queued';
  return { order: orderRow(ctx, seller, order.orderId)!, messageId: message.messageId, state };
}
