/**
 * The Orders view (issue 4): the seller's orders found by order number, buyer name or alias
 * (R3: a buyer message without an order number finds its orders through the alias), the import
 * of the marketplace's order report with progress, and "Confirm shipment" (R17). A row carries
 * the alias and the conversation, never the buyer's real address (R5, contract.ts).
 */
import type { ImportResult, OrderList, OrderRow, ShipResult } from '../../../shared/contract.js';
import type { OrderCategory } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { importOrdersInChunks } from '../ops/orders-import.js';
import { confirmShipment } from '../ops/ship.js';
import type { Seller } from '../store/sellers.js';

const ORDER_ROW_SELECT = `SELECT o.order_id AS orderId, COALESCE(o.buyer_name, b.name) AS buyerName, o.product_name AS productName,
  o.category, o.purchased_at AS purchasedAt, o.shipped_at AS shippedAt, o.carrier, o.tracking, p.alias, c.id AS conversationId
  FROM orders o JOIN pairs p ON p.id = o.pair_id JOIN buyers b ON b.id = p.buyer_id LEFT JOIN conversations c ON c.pair_id = o.pair_id`;

interface Row {
  orderId: string;
  buyerName: string | null;
  productName: string | null;
  category: OrderCategory;
  purchasedAt: string;
  shippedAt: string | null;
  carrier: string | null;
  tracking: string | null;
  alias: string;
  conversationId: number | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function toOrderRow(ctx: CoreContext, r: Row): OrderRow {
  // A name the buyer typed as an address would show the address: shown as no name instead (R5).
  const buyerName = r.buyerName && !r.buyerName.includes('@') ? r.buyerName : null;
  return { ...r, buyerName, aliasAddress: ctx.addresses.aliasAddress(r.alias) };
}

/**
 * Orders of the seller, newest purchase first. An empty query lists all; otherwise a row matches
 * when its order number starts with the query, a word of the buyer's name starts with it, or the
 * alias is the query's local part (R3: "k3x…" and "k3x…@relay.example" find the same orders).
 * The buyer's real address is never matched: searching it must not confirm who a buyer is.
 */
export function listOrders(ctx: CoreContext, seller: Seller, query: string, offset: number, limit: number): OrderList {
  const q = query.trim();
  const where =
    q === ''
      ? ''
      : `AND (o.order_id LIKE @prefix ESCAPE '\\' OR p.alias = @alias
    OR COALESCE(o.buyer_name, b.name) LIKE @prefix ESCAPE '\\' OR COALESCE(o.buyer_name, b.name) LIKE @word ESCAPE '\\')`;
  const params = {
    seller: seller.id,
    prefix: `${likeEscape(q)}%`,
    word: `% ${likeEscape(q)}%`,
    alias: q.toLowerCase().split('@')[0],
    limit,
    offset,
  };
  const total = (
    ctx.store
      .stmt(
        `SELECT COUNT(*) AS n FROM orders o JOIN pairs p ON p.id = o.pair_id JOIN buyers b ON b.id = p.buyer_id
    WHERE o.seller_id = @seller ${where}`,
      )
      .get(params) as { n: number }
  ).n;
  const rows = ctx.store
    .stmt(
      `${ORDER_ROW_SELECT} WHERE o.seller_id = @seller ${where}
    ORDER BY o.purchased_at DESC, o.order_id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Row[];
  return { total, offset, rows: rows.map((r) => toOrderRow(ctx, r)) };
}

export function orderRow(ctx: CoreContext, seller: Seller, orderId: string): OrderRow | null {
  const row = ctx.store.stmt(`${ORDER_ROW_SELECT} WHERE o.seller_id = ? AND o.order_id = ?`).get(seller.id, orderId) as
    Row | undefined;
  return row ? toOrderRow(ctx, row) : null;
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
  const report = await importOrdersInChunks(ctx, seller.id, data, { onProgress: progress });
  return {
    rows: report.total,
    imported: report.imported,
    updated: 0,
    unchanged: report.unchanged,
    failed: report.failed.map((f) => ({ line: f.line, reason: f.reason.replace(/^line \d+: /, '') })),
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
