import { ORDER_CATEGORIES, type OrderCategory } from '../../../shared/domain.js';
import { ParleyError } from '../errors.js';
import type { PairRepo } from './pairs.js';
import type { Store } from './store.js';

export interface Order {
  sellerId: string;
  orderId: string;
  pairId: number;
  alias: string;
  buyerEmail: string;
  buyerName: string | null;
  productName: string | null;
  category: OrderCategory;
  purchasedAt: string;
  shippedAt: string | null;
  carrier: string | null;
  tracking: string | null;
}

export interface NewOrder {
  sellerId: string;
  orderId: string;
  buyerEmail: string;
  buyerName?: string | null;
  productName?: string | null;
  category?: OrderCategory;
  purchasedAt?: string;
}

const ORDER_SELECT = `SELECT o.seller_id AS sellerId, o.order_id AS orderId, o.pair_id AS pairId, p.alias,
  b.email AS buyerEmail, COALESCE(o.buyer_name, b.name) AS buyerName, o.product_name AS productName, o.category,
  o.purchased_at AS purchasedAt, o.shipped_at AS shippedAt, o.carrier, o.tracking
  FROM orders o JOIN pairs p ON p.id = o.pair_id JOIN buyers b ON b.id = p.buyer_id`;

export function isOrderCategory(value: string): value is OrderCategory {
  return (ORDER_CATEGORIES as readonly string[]).includes(value);
}

export class OrderRepo {
  constructor(
    private readonly store: Store,
    private readonly pairs: PairRepo,
  ) {}

  /** Inserts the order, or leaves an identical existing one alone; returns whether it was new. */
  upsert(input: NewOrder): { order: Order; created: boolean } {
    const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : this.store.clock.now();
    if (Number.isNaN(purchasedAt.getTime())) throw new ParleyError('EBADINPUT', `not a date: ${input.purchasedAt}`);
    const pair = this.pairs.ensurePair(input.sellerId, input.buyerEmail, input.buyerName);
    const result = this.store
      .stmt(
        `INSERT INTO orders (seller_id, order_id, pair_id, buyer_name, product_name, category, purchased_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(seller_id, order_id) DO NOTHING`,
      )
      .run(
        input.sellerId,
        input.orderId,
        pair.id,
        input.buyerName ?? null,
        input.productName ?? null,
        input.category ?? 'standard',
        purchasedAt.toISOString(),
        this.store.nowIso(),
      );
    return { order: this.require(input.orderId, input.sellerId), created: result.changes === 1 };
  }

  get(orderId: string, sellerId?: string): Order | undefined {
    const row = sellerId
      ? this.store.stmt(`${ORDER_SELECT} WHERE o.order_id = ? AND o.seller_id = ?`).get(orderId, sellerId)
      : this.store.stmt(`${ORDER_SELECT} WHERE o.order_id = ?`).get(orderId);
    return row as Order | undefined;
  }

  require(orderId: string, sellerId?: string): Order {
    const order = this.get(orderId, sellerId);
    if (!order) throw new ParleyError('ENOTFOUND', `no order "${orderId}"`);
    return order;
  }

  forPair(pairId: number): Order[] {
    return this.store.stmt(`${ORDER_SELECT} WHERE o.pair_id = ? ORDER BY o.purchased_at`).all(pairId) as Order[];
  }

  markShipped(orderId: string, sellerId: string, carrier: string | null, tracking: string | null): Order {
    this.store
      .stmt('UPDATE orders SET shipped_at = ?, carrier = ?, tracking = ? WHERE order_id = ? AND seller_id = ?')
      .run(this.store.nowIso(), carrier, tracking, orderId, sellerId);
    return this.require(orderId, sellerId);
  }

  /** R16 input: orders purchased in the `days` whole UTC days before today. */
  countInWindow(sellerId: string, days: number): number {
    const today = startOfUtcDay(this.store.clock.now());
    const from = new Date(today.getTime() - days * 86_400_000).toISOString();
    const row = this.store
      .stmt('SELECT COUNT(*) AS n FROM orders WHERE seller_id = ? AND purchased_at >= ? AND purchased_at < ?')
      .get(sellerId, from, today.toISOString()) as { n: number };
    return row.n;
  }
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
