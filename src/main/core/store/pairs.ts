import { newUniqueLocalPart } from '../aliases.js';
import { ParleyError } from '../errors.js';
import { normalizeEmail } from './sellers.js';
import type { Store } from './store.js';

export interface Buyer {
  id: number;
  email: string;
  name: string | null;
  optedOut: boolean;
}

export interface Pair {
  id: number;
  sellerId: string;
  buyerId: number;
  alias: string;
  replyToken: string;
  buyerEmail: string;
  buyerName: string | null;
  buyerOptedOut: boolean;
}

const PAIR_SELECT = `SELECT p.id, p.seller_id AS sellerId, p.buyer_id AS buyerId, p.alias, p.reply_token AS replyToken,
  b.email AS buyerEmail, b.name AS buyerName, b.opted_out AS optedOut
  FROM pairs p JOIN buyers b ON b.id = p.buyer_id`;

type PairRow = Omit<Pair, 'buyerOptedOut'> & { optedOut: number };
const toPair = (r: PairRow): Pair => {
  const { optedOut, ...rest } = r;
  return { ...rest, buyerOptedOut: optedOut === 1 };
};

/** Buyers, their (buyer, seller) pairs and the aliases of R1. */
export class PairRepo {
  constructor(private readonly store: Store) {}

  buyerByEmail(email: string): Buyer | undefined {
    const row = this.store
      .stmt('SELECT id, email, name, opted_out FROM buyers WHERE email = ?')
      .get(normalizeEmail(email)) as { id: number; email: string; name: string | null; opted_out: number } | undefined;
    return row && { id: row.id, email: row.email, name: row.name, optedOut: row.opted_out === 1 };
  }

  /** Finds or creates the buyer; a name learned later fills an empty one. */
  ensureBuyer(email: string, name?: string | null): Buyer {
    const address = normalizeEmail(email);
    this.store
      .stmt(
        `INSERT INTO buyers (email, name, created_at) VALUES (?, ?, ?)
      ON CONFLICT(email) DO UPDATE SET name = COALESCE(buyers.name, excluded.name)`,
      )
      .run(address, name || null, this.store.nowIso());
    return this.buyerByEmail(address)!;
  }

  setOptOut(email: string, optedOut: boolean): Buyer {
    const buyer = this.ensureBuyer(email);
    this.store
      .stmt('UPDATE buyers SET opted_out = ?, opted_out_at = ? WHERE id = ?')
      .run(optedOut ? 1 : 0, optedOut ? this.store.nowIso() : null, buyer.id);
    return this.buyerByEmail(email)!;
  }

  /** R1: the pair's alias is drawn once and kept forever; a buyer gets a different one per seller. */
  ensurePair(sellerId: string, buyerEmail: string, buyerName?: string | null): Pair {
    const known = this.find(sellerId, buyerEmail);
    if (known && (known.buyerName || !buyerName)) return known;
    const buyer = this.ensureBuyer(buyerEmail, buyerName);
    const existing = this.store
      .stmt(`${PAIR_SELECT} WHERE p.seller_id = ? AND p.buyer_id = ?`)
      .get(sellerId, buyer.id) as PairRow | undefined;
    if (existing) return toPair(existing);
    const taken = this.store.stmt('SELECT 1 FROM pairs WHERE alias = ? OR reply_token = ?');
    const isTaken = (c: string) => taken.get(c, c) !== undefined;
    const alias = newUniqueLocalPart(isTaken);
    const replyToken = newUniqueLocalPart((c) => c === alias || isTaken(c));
    this.store
      .stmt('INSERT INTO pairs (seller_id, buyer_id, alias, reply_token, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(sellerId, buyer.id, alias, replyToken, this.store.nowIso());
    return this.byAlias(alias)!;
  }

  byAlias(alias: string): Pair | undefined {
    const row = this.store.stmt(`${PAIR_SELECT} WHERE p.alias = ?`).get(alias.toLowerCase()) as PairRow | undefined;
    return row && toPair(row);
  }

  byReplyToken(token: string): Pair | undefined {
    const row = this.store.stmt(`${PAIR_SELECT} WHERE p.reply_token = ?`).get(token.toLowerCase()) as
      PairRow | undefined;
    return row && toPair(row);
  }

  byId(id: number): Pair | undefined {
    const row = this.store.stmt(`${PAIR_SELECT} WHERE p.id = ?`).get(id) as PairRow | undefined;
    return row && toPair(row);
  }

  find(sellerId: string, buyerEmail: string): Pair | undefined {
    const row = this.store
      .stmt(`${PAIR_SELECT} WHERE p.seller_id = ? AND b.email = ?`)
      .get(sellerId, normalizeEmail(buyerEmail)) as PairRow | undefined;
    return row && toPair(row);
  }

  requireAlias(alias: string, sellerId?: string): Pair {
    const pair = this.byAlias(alias.split('@')[0]);
    if (!pair || (sellerId !== undefined && pair.sellerId !== sellerId)) {
      throw new ParleyError('ENOTFOUND', `no buyer alias "${alias}"${sellerId ? ` for seller ${sellerId}` : ''}`);
    }
    return pair;
  }

  /** One conversation per pair, across orders (R3). */
  ensureConversation(pairId: number, startedBy: 'buyer' | 'seller', subject: string): number {
    const now = this.store.nowIso();
    const row = this.store
      .stmt(
        `INSERT INTO conversations (pair_id, started_by, subject, created_at, last_message_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(pair_id) DO UPDATE SET last_message_at = excluded.last_message_at RETURNING id`,
      )
      .get(pairId, startedBy, subject, now, now) as { id: number };
    return row.id;
  }
}
