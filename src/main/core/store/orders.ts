/**
 * The orders table's one owner: the only INSERT of an order, the only projection of a row into an
 * Order (and of an Order into what the app may show), and the searches of the Orders view. An
 * order's buyer gets a (buyer, seller) pair and so an alias through PairRepo (R1, R3); its category
 * decides R10b and its purchase date feeds the daily limit (R16).
 */
import {
  ORDER_TEXT_FIELDS,
  type OrderText,
  type OrderTextField,
  type OrderView,
} from '../../../shared/contract-types.js';
import { ORDER_CATEGORIES, type OrderCategory } from '../../../shared/domain.js';
import { ParleyError } from '../errors.js';
import type { PairRepo } from './pairs.js';
import type { Store } from './store.js';

export interface Order extends OrderView {
  sellerId: string;
  pairId: number;
  alias: string;
  buyerEmail: string;
  /** The pair's conversation (R3), or null when neither side wrote yet. */
  conversationId: number | null;
}

/** An order's own fields as a writer has them: the buyer by address, the rest as stored. */
export interface OrderFields extends OrderText {
  orderId: string;
  buyerEmail: string;
  category: OrderCategory;
  /** ISO 8601, UTC. */
  purchasedAt: string;
}

export interface NewOrder extends Partial<OrderText> {
  sellerId: string;
  orderId: string;
  buyerEmail: string;
  category?: OrderCategory;
  purchasedAt?: string;
}

/** What writing an order did; a conflict says which stored field the row disagrees with. */
export type WriteOutcome =
  'imported' | 'unchanged' | { conflict: 'buyer' } | { conflict: 'category'; stored: OrderCategory };

/** Writes many orders of one seller (the report import); see OrderRepo.batch. */
export interface OrderBatch {
  write(fields: OrderFields): WriteOutcome;
}

// The orders table's column of a text field (ORDER_TEXT_FIELDS) is its name in snake case: `productName` is
// `product_name`. The INSERT and the SELECT list them all, so a new text field needs only its migration.
const TEXT_COLUMNS = ORDER_TEXT_FIELDS.map((field) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

// A text field read otherwise than as stored: the buyer's name from the report, else the one the buyer is known by.
const TEXT_SELECTED_AS: Partial<Record<OrderTextField, string>> = { buyerName: 'COALESCE(o.buyer_name, b.name)' };

const INSERT_ORDER = `INSERT INTO orders (seller_id, order_id, pair_id, category, purchased_at, created_at, ${TEXT_COLUMNS.join(', ')})
  VALUES (?, ?, ?, ?, ?, ?, ${TEXT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT(seller_id, order_id) DO NOTHING`;

// What a writer compares a row with: the stored order's buyer and category, without the whole projection.
const STORED_ORDER = `SELECT b.email AS buyerEmail, o.category FROM orders o JOIN pairs p ON p.id = o.pair_id
  JOIN buyers b ON b.id = p.buyer_id WHERE o.seller_id = ? AND o.order_id = ?`;

const ORDER_FROM = `FROM orders o JOIN pairs p ON p.id = o.pair_id JOIN buyers b ON b.id = p.buyer_id
  LEFT JOIN conversations c ON c.pair_id = o.pair_id`;

const TEXT_SELECT = ORDER_TEXT_FIELDS.map(
  (field, i) => `${TEXT_SELECTED_AS[field] ?? `o.${TEXT_COLUMNS[i]}`} AS ${field}`,
);

const ORDER_SELECT = `SELECT o.seller_id AS sellerId, o.order_id AS orderId, o.pair_id AS pairId, p.alias,
  b.email AS buyerEmail, ${TEXT_SELECT.join(', ')}, o.category, o.purchased_at AS purchasedAt,
  o.shipped_at AS shippedAt, o.carrier, o.tracking, c.id AS conversationId
  ${ORDER_FROM}`;

/** An order's shipping state: when it was marked shipped (null: not yet), and with what. */
export interface ShipMark {
  shippedAt: string | null;
  carrier: string | null;
  tracking: string | null;
}

/** The text fields of an order, missing ones as null. */
function orderText(o: Partial<OrderText>): OrderText {
  return Object.fromEntries(ORDER_TEXT_FIELDS.map((field) => [field, o[field] ?? null])) as OrderText;
}

/** The part of an order the app shows: no buyer address (R5), no store ids. */
export function orderView(o: Order): OrderView {
  return {
    orderId: o.orderId,
    ...orderText(o),
    category: o.category,
    purchasedAt: o.purchasedAt,
    shippedAt: o.shippedAt,
    carrier: o.carrier,
    tracking: o.tracking,
  };
}

export function isOrderCategory(value: string): value is OrderCategory {
  return (ORDER_CATEGORIES as readonly string[]).includes(value);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class OrderRepo {
  constructor(
    private readonly store: Store,
    private readonly pairs: PairRepo,
  ) {}

  /** Inserts the order, or leaves an existing one alone; returns whether it was new. */
  upsert(input: NewOrder): { order: Order; created: boolean } {
    const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : this.store.clock.now();
    if (Number.isNaN(purchasedAt.getTime()))
      throw new ParleyError('EBADINPUT', `not a date: ${input.purchasedAt}`, {
        detail: { key: 'order.badDate', params: { value: String(input.purchasedAt) } },
      });
    const pair = this.pairs.ensurePair(input.sellerId, input.buyerEmail, input.buyerName);
    const fields: OrderFields = {
      orderId: input.orderId,
      buyerEmail: input.buyerEmail,
      ...orderText(input),
      category: input.category ?? 'standard',
      purchasedAt: purchasedAt.toISOString(),
    };
    const created = this.insert(input.sellerId, pair.id, fields, this.store.nowIso());
    return { order: this.require(input.orderId, input.sellerId), created };
  }

  /**
   * A writer for many orders of one seller inside the caller's transactions (the report import:
   * 50,000 rows in seconds). Pairs come from PairRepo.batch, which remembers the buyers it saw. An
   * order already stored is never changed: the buyer decides which alias its messages use (R3), the
   * category decides R10b, so a row that disagrees on either is a conflict.
   */
  batch(sellerId: string): OrderBatch {
    const pairs = this.pairs.batch(sellerId);
    const createdAt = this.store.nowIso();
    const storedOrder = this.store.stmt(STORED_ORDER);
    return {
      write: (fields) => {
        const stored = storedOrder.get(sellerId, fields.orderId) as
          { buyerEmail: string; category: OrderCategory } | undefined;
        if (stored) {
          if (stored.buyerEmail !== fields.buyerEmail) return { conflict: 'buyer' };
          if (stored.category !== fields.category) return { conflict: 'category', stored: stored.category };
          return 'unchanged';
        }
        const pairId = pairs.pairId(fields.buyerEmail, fields.buyerName);
        return this.insert(sellerId, pairId, fields, createdAt) ? 'imported' : 'unchanged';
      },
    };
  }

  /**
   * Runs a bulk write of many commits (the chunked import) without the connection checkpointing
   * the WAL after each of them; restores the setting afterwards.
   */
  async withoutAutoCheckpoint<T>(work: () => Promise<T>): Promise<T> {
    const db = this.store.db;
    const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    try {
      return await work();
    } finally {
      db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    }
  }

  /** The one INSERT of an order. */
  private insert(sellerId: string, pairId: number, fields: OrderFields, createdAt: string): boolean {
    const { orderId, category, purchasedAt } = fields;
    const text = ORDER_TEXT_FIELDS.map((field) => fields[field]);
    const inserted = this.store
      .stmt(INSERT_ORDER)
      .run(sellerId, orderId, pairId, category, purchasedAt, createdAt, ...text);
    return inserted.changes === 1;
  }

  get(orderId: string, sellerId?: string): Order | undefined {
    const row = sellerId
      ? this.store.stmt(`${ORDER_SELECT} WHERE o.order_id = ? AND o.seller_id = ?`).get(orderId, sellerId)
      : this.store.stmt(`${ORDER_SELECT} WHERE o.order_id = ?`).get(orderId);
    return row as Order | undefined;
  }

  require(orderId: string, sellerId?: string): Order {
    const order = this.get(orderId, sellerId);
    if (!order)
      throw new ParleyError('ENOTFOUND', `no order "${orderId}"`, {
        detail: { key: 'order.notFound', params: { id: orderId } },
      });
    return order;
  }

  forPair(pairId: number): Order[] {
    return this.store.stmt(`${ORDER_SELECT} WHERE o.pair_id = ? ORDER BY o.purchased_at`).all(pairId) as Order[];
  }

  /**
   * Orders of the seller, newest purchase first. An empty query lists all; otherwise an order
   * matches when its number starts with the query, a word of the buyer's name starts with it, or
   * its alias is the query's local part (R3: "k3x…" and "k3x…@relay.example" find the same orders).
   * The buyer's real address is never matched: searching it must not confirm who a buyer is (R5).
   */
  search(sellerId: string, query: string, offset: number, limit: number): { total: number; orders: Order[] } {
    const q = query.trim();
    const where =
      q === ''
        ? ''
        : `AND (o.order_id LIKE @prefix ESCAPE '\\' OR p.alias = @alias
    OR COALESCE(o.buyer_name, b.name) LIKE @prefix ESCAPE '\\' OR COALESCE(o.buyer_name, b.name) LIKE @word ESCAPE '\\')`;
    const params = {
      seller: sellerId,
      prefix: `${likeEscape(q)}%`,
      word: `% ${likeEscape(q)}%`,
      alias: q.toLowerCase().split('@')[0],
      limit,
      offset,
    };
    const { total } = this.store
      .stmt(
        `SELECT COUNT(*) AS total FROM orders o JOIN pairs p ON p.id = o.pair_id JOIN buyers b ON b.id = p.buyer_id
    WHERE o.seller_id = @seller ${where}`,
      )
      .get(params) as { total: number };
    const orders = this.store
      .stmt(
        `${ORDER_SELECT} WHERE o.seller_id = @seller ${where}
    ORDER BY o.purchased_at DESC, o.order_id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as Order[];
    return { total, orders };
  }

  /**
   * R17: marks the order shipped with `tracking`, once per order and tracking number. `marked` is false (and nothing
   * changes) when it is marked shipped with that tracking number already; a different one replaces it. In one
   * immediate transaction, so of two callers at once, in one process or two, one marks it. `before` is what
   * `unmarkShipped` puts back.
   */
  markShipped(
    orderId: string,
    sellerId: string,
    carrier: string | null,
    tracking: string | null,
  ): { order: Order; marked: boolean; before: ShipMark } {
    return this.store.transaction(
      () => {
        const found = this.require(orderId, sellerId);
        const before = { shippedAt: found.shippedAt, carrier: found.carrier, tracking: found.tracking };
        const { changes } = this.store
          .stmt(
            `UPDATE orders SET shipped_at = ?, carrier = ?, tracking = ? WHERE order_id = ? AND seller_id = ?
      AND NOT (shipped_at IS NOT NULL AND tracking IS ?)`,
          )
          .run(this.store.nowIso(), carrier, tracking, orderId, sellerId, tracking);
        return { order: this.require(orderId, sellerId), marked: changes === 1, before };
      },
      { immediate: true },
    );
  }

  /** Puts back the ship mark `markShipped` replaced, unless another mark replaced it since (`order` as marked). */
  unmarkShipped(order: Order, before: ShipMark): void {
    this.store
      .stmt(
        `UPDATE orders SET shipped_at = ?, carrier = ?, tracking = ? WHERE order_id = ? AND seller_id = ?
      AND shipped_at IS ? AND tracking IS ?`,
      )
      .run(
        before.shippedAt,
        before.carrier,
        before.tracking,
        order.orderId,
        order.sellerId,
        order.shippedAt,
        order.tracking,
      );
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
