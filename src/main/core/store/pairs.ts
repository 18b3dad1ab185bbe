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

/** What a bulk writer needs of PairRepo: the pair of a buyer, found or created by PairRepo's rules. */
export interface PairBatch {
  pairId(buyerEmail: string, buyerName: string | null): number;
}

const BUYER_BY_EMAIL = 'SELECT id, email, name, opted_out FROM buyers WHERE email = ?';
type BuyerRow = { id: number; email: string; name: string | null; opted_out: number };

type PairRow = Omit<Pair, 'buyerOptedOut'> & { optedOut: number };
const toPair = (r: PairRow): Pair => {
  const { optedOut, ...rest } = r;
  return { ...rest, buyerOptedOut: optedOut === 1 };
};

/** Buyers, their (buyer, seller) pairs and the aliases of R1. */
export class PairRepo {
  constructor(
    private readonly store: Store,
    /** R9: who owns an address as a seller (SellerRepo.sellersOwning). */
    private readonly sellersOwning: (email: string) => string[],
  ) {}

  /**
   * R9: a seller's registered or authorized address is never a buyer; a pair for it would let one seller write to
   * another through the relay. Every new buyer comes through here (mail, orders, the import, the CLI).
   */
  refuseSellerAddress(email: string): void {
    const owners = this.sellersOwning(email);
    if (owners.length > 0)
      throw new ParleyError(
        'EOTHERSELLER',
        `${normalizeEmail(email)} is the address of the shop "${owners[0]}", not a buyer's: sellers do not contact other sellers (R9)`,
      );
  }

  buyerByEmail(email: string): Buyer | undefined {
    const row = this.store.stmt(BUYER_BY_EMAIL).get(normalizeEmail(email)) as BuyerRow | undefined;
    return row && { id: row.id, email: row.email, name: row.name, optedOut: row.opted_out === 1 };
  }

  /**
   * The newest buyer's id (0 with none). Buyers are never deleted and their address never changes, so the list of
   * addresses (buyerEmails) is the same as long as this is: the log reads the list again only when it moves.
   */
  lastBuyerId(): number {
    return (this.store.stmt('SELECT max(id) FROM buyers').pluck().get() as number | null) ?? 0;
  }

  /** Every buyer's address: the log hides them in every spelling (core/log.ts). */
  buyerEmails(): string[] {
    return (this.store.stmt('SELECT email FROM buyers ORDER BY id').all() as { email: string }[]).map((r) => r.email);
  }

  /** Finds or creates the buyer; a name learned later fills an empty one. */
  ensureBuyer(email: string, name?: string | null): Buyer {
    const row = this.buyerRow(normalizeEmail(email), name || null);
    return { id: row.id, email: row.email, name: row.name, optedOut: row.opted_out === 1 };
  }

  setOptOut(email: string, optedOut: boolean): Buyer {
    const buyer = this.ensureBuyer(email);
    this.store
      .stmt('UPDATE buyers SET opted_out = ?, opted_out_at = ? WHERE id = ?')
      .run(optedOut ? 1 : 0, optedOut ? this.store.nowIso() : null, buyer.id);
    return this.buyerByEmail(email)!;
  }

  /** The pair as ensurePair would answer it without writing anything; undefined when it would write. */
  knownPair(sellerId: string, buyerEmail: string, buyerName?: string | null): Pair | undefined {
    const known = this.find(sellerId, buyerEmail);
    return known && (known.buyerName || !buyerName) ? known : undefined;
  }

  /** R1: the pair's alias is drawn once and kept forever; a buyer gets a different one per seller. */
  ensurePair(sellerId: string, buyerEmail: string, buyerName?: string | null): Pair {
    const known = this.knownPair(sellerId, buyerEmail, buyerName);
    if (known) return known;
    const buyer = this.buyerRow(normalizeEmail(buyerEmail), buyerName || null);
    return this.byId(this.pairIdOf(sellerId, buyer.id))!;
  }

  /**
   * Pairs of one seller for a bulk writer (the order-report import): the same rules as ensurePair,
   * but it answers with the pair's id and remembers what it learned, since many rows share a buyer.
   * Lives for one import; buyers and pairs are never deleted, so what it remembers stays true.
   */
  batch(sellerId: string): PairBatch {
    const buyers = new Map<string, { id: number; named: boolean }>();
    const pairs = new Map<number, number>();
    return {
      pairId: (buyerEmail, buyerName) => {
        const email = normalizeEmail(buyerEmail);
        let buyer = buyers.get(email);
        if (!buyer || (!buyer.named && buyerName)) {
          const row = this.buyerRow(email, buyerName || null);
          buyer = { id: row.id, named: row.name !== null };
          buyers.set(email, buyer);
        }
        let pairId = pairs.get(buyer.id);
        if (pairId === undefined) {
          pairId = this.pairIdOf(sellerId, buyer.id);
          pairs.set(buyer.id, pairId);
        }
        return pairId;
      },
    };
  }

  /** The buyer of a normalized address, created if new; `name` fills an empty name (never replaces one). */
  private buyerRow(email: string, name: string | null): BuyerRow {
    const found = this.store.stmt(BUYER_BY_EMAIL).get(email) as BuyerRow | undefined;
    if (found) {
      if (found.name === null && name !== null) {
        this.store.stmt('UPDATE buyers SET name = ? WHERE id = ? AND name IS NULL').run(name, found.id);
        return { ...found, name };
      }
      return found;
    }
    this.refuseSellerAddress(email);
    const inserted = this.store
      .stmt('INSERT INTO buyers (email, name, created_at) VALUES (?, ?, ?) ON CONFLICT(email) DO NOTHING')
      .run(email, name, this.store.nowIso());
    // Another connection may have added the address since the read: then it is found now.
    if (inserted.changes === 0) return this.buyerRow(email, name);
    return { id: Number(inserted.lastInsertRowid), email, name, opted_out: 0 };
  }

  /** The id of the (seller, buyer) pair; a new pair draws its alias and reply token here, and only here (R1). */
  private pairIdOf(sellerId: string, buyerId: number): number {
    const found = this.store
      .stmt('SELECT id FROM pairs WHERE seller_id = ? AND buyer_id = ?')
      .get(sellerId, buyerId) as { id: number } | undefined;
    if (found) return found.id;
    const taken = this.store.stmt('SELECT 1 FROM pairs WHERE alias = ? OR reply_token = ?');
    const isTaken = (c: string) => taken.get(c, c) !== undefined;
    const alias = newUniqueLocalPart(isTaken);
    const replyToken = newUniqueLocalPart((c) => c === alias || isTaken(c));
    const inserted = this.store
      .stmt('INSERT INTO pairs (seller_id, buyer_id, alias, reply_token, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(sellerId, buyerId, alias, replyToken, this.store.nowIso());
    return Number(inserted.lastInsertRowid);
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
      throw new ParleyError('ENOTFOUND', `no buyer alias "${alias}"${sellerId ? ` for seller ${sellerId}` : ''}`, {
        detail: { key: 'buyer.notFound', params: { alias } },
      });
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
