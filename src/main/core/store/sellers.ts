import { ParleyError } from '../errors.js';
import { DUMMY_HASH, hashPassword, hashPasswordSync, verifyPassword } from './passwords.js';
import { checkSellerId } from './seller-ids.js';
import type { Store } from './store.js';
import type { Language } from '../../../shared/domain.js';

export interface Seller {
  id: string;
  name: string;
  email: string;
  language: Language;
  bounceNotices: boolean;
  strict: boolean;
  /** R11 outside strict mode: hold a confident misuse of [Important] until confirmed, or only warn. */
  urgentCheck: UrgentCheck;
  createdAt: string;
}

export type UrgentCheck = 'confirm' | 'warn-only';

interface SellerRow {
  id: string;
  name: string;
  email: string;
  language: Language;
  bounce_notices: number;
  strict: number;
  urgent_check: UrgentCheck;
  password_hash: string;
  created_at: string;
}

function toSeller(r: SellerRow): Seller {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    language: r.language,
    bounceNotices: r.bounce_notices === 1,
    strict: r.strict === 1,
    urgentCheck: r.urgent_check,
    createdAt: r.created_at,
  };
}

/** R9: the address is another shop's already. */
function addressTaken(address: string, shop: string): ParleyError {
  return new ParleyError('EEXISTS', `${address} is already the address of the shop "${shop}"`, {
    detail: { key: 'address.taken', params: { address, shop } },
  });
}

export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

export interface NewSeller {
  id: string;
  name: string;
  email: string;
  password: string;
  language: Language;
}

// Addresses whose owners are kept: a seller's buyers, each asked about once per message.
const OWNERS_CACHE_MAX = 10_000;

export class SellerRepo {
  /**
   * What this connection read of sellers and authorized_senders, kept until seller_changes moves (migration 20's
   * triggers move it on every change, by any connection): the relay asks for each message, and the outbox's own
   * connection commits all the time, so PRAGMA data_version alone would throw it away between two messages.
   */
  private cache = new Map<string, Seller | undefined>();
  /** sellersOwning's answers by normalized address; cleared past OWNERS_CACHE_MAX (one entry per buyer seen). */
  private owners = new Map<string, string[]>();
  private cacheGeneration = -1;
  /** The counter was read in this synchronous run of code: not again until its microtasks (or our own write). */
  private checked = false;

  constructor(private readonly store: Store) {}

  /**
   * The caches, emptied if the seller tables changed since they were filled; null inside a transaction, which reads
   * past them: what it sees may be rolled back, and the counter with it, to a value a later change reaches again.
   * The counter is read once per synchronous run of code (a message's accept asks a dozen times): another process's
   * change counts from the next one on, our own at once.
   */
  private cached(): { sellers: Map<string, Seller | undefined>; owners: Map<string, string[]> } | null {
    if (this.store.db.inTransaction) return null;
    if (this.checked) return { sellers: this.cache, owners: this.owners };
    this.checked = true;
    queueMicrotask(() => (this.checked = false));
    // One row by its key: a prepared statement, cheaper than any of the queries it saves.
    const generation = this.store.stmt('SELECT n FROM seller_changes WHERE id = 1').pluck().get() as number;
    if (generation !== this.cacheGeneration) {
      this.cache.clear();
      this.owners.clear();
      this.cacheGeneration = generation;
    }
    return { sellers: this.cache, owners: this.owners };
  }

  /**
   * A new seller, from the CLI, first-run setup or a test alike: the id must be a valid seller id (seller-ids.ts), and
   * the address may not be one another seller registered or authorized (R9).
   */
  add(input: NewSeller): Seller {
    this.checkNew(input);
    return this.insert(input, hashPasswordSync(input.password));
  }

  /**
   * The same, with the password hashed on libuv's thread pool (scrypt takes ~50 ms): what the app's setup, the demo
   * and `parley seller add` use, so a relay running in the same process keeps answering meanwhile.
   */
  async create(input: NewSeller): Promise<Seller> {
    this.checkNew(input);
    const hash = await hashPassword(input.password);
    this.checkNew(input); // again: another call may have added the id or the address while the hash ran
    return this.insert(input, hash);
  }

  private checkNew(input: NewSeller): void {
    checkSellerId(input.id);
    if (this.get(input.id))
      throw new ParleyError('EEXISTS', `seller "${input.id}" exists already`, {
        detail: { key: 'seller.exists', params: { id: input.id } },
      });
    const email = normalizeEmail(input.email);
    const owners = this.sellersOwning(email);
    if (owners.length > 0) throw addressTaken(email, owners[0]);
  }

  private insert(input: NewSeller, passwordHash: string): Seller {
    this.store
      .stmt(
        `INSERT INTO sellers (id, name, email, language, password_hash, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(input.id, input.name, normalizeEmail(input.email), input.language, passwordHash, this.store.nowIso());
    this.checked = false; // our own change: read the counter again
    return this.require(input.id);
  }

  get(id: string): Seller | undefined {
    const cache = this.cached()?.sellers;
    if (cache?.has(id)) return cache.get(id);
    const row = this.store.stmt('SELECT * FROM sellers WHERE id = ?').get(id) as SellerRow | undefined;
    const seller = row && toSeller(row);
    cache?.set(id, seller);
    return seller;
  }

  require(id: string): Seller {
    const seller = this.get(id);
    if (!seller)
      throw new ParleyError('ENOTFOUND', `no seller "${id}"`, { detail: { key: 'seller.notFound', params: { id } } });
    return seller;
  }

  /** The seller set up first. */
  first(): Seller | undefined {
    const id = this.store.stmt('SELECT id FROM sellers ORDER BY created_at, rowid LIMIT 1').pluck().get() as
      string | undefined;
    return id === undefined ? undefined : this.get(id);
  }

  list(): Seller[] {
    return (this.store.stmt('SELECT * FROM sellers ORDER BY id').all() as SellerRow[]).map(toSeller);
  }

  byEmail(email: string): Seller | undefined {
    const row = this.store.stmt('SELECT * FROM sellers WHERE email = ?').get(normalizeEmail(email)) as
      SellerRow | undefined;
    return row && toSeller(row);
  }

  /** R7: the registered address or one the seller authorized. */
  isAuthorizedSender(sellerId: string, email: string): boolean {
    const address = normalizeEmail(email);
    const row = this.store
      .stmt(
        `SELECT 1 FROM sellers WHERE id = ? AND email = ?
      UNION SELECT 1 FROM authorized_senders WHERE seller_id = ? AND email = ?`,
      )
      .get(sellerId, address, sellerId, address);
    return row !== undefined;
  }

  /** R9: sellers whose registered or authorized address this is. */
  sellersOwning(email: string): string[] {
    const address = normalizeEmail(email);
    const cache = this.cached()?.owners;
    const known = cache?.get(address);
    if (known) return [...known];
    const rows = this.store
      .stmt(
        `SELECT id FROM sellers WHERE email = ?
      UNION SELECT seller_id AS id FROM authorized_senders WHERE email = ?`,
      )
      .all(address, address) as { id: string }[];
    const ids = rows.map((r) => r.id);
    if (cache) {
      if (cache.size >= OWNERS_CACHE_MAX) cache.clear();
      cache.set(address, ids);
    }
    return [...ids];
  }

  /**
   * R7: `email` may write to this seller's buyers. R9: never an address another seller registered or authorized, or
   * one seller could write as another. The seller's own registered address is authorized already and is not listed.
   */
  authorize(sellerId: string, email: string): void {
    const seller = this.require(sellerId);
    const address = normalizeEmail(email);
    if (this.sellersOwning(address).some((id) => id !== seller.id))
      throw new ParleyError(
        'EOTHERSELLER',
        `${address} belongs to another shop: sellers do not write to each other's buyers (R9)`,
        { detail: { key: 'sender.otherShop', params: { address } } },
      );
    if (address === seller.email) return;
    this.store
      .stmt('INSERT OR IGNORE INTO authorized_senders (seller_id, email, created_at) VALUES (?, ?, ?)')
      .run(sellerId, address, this.store.nowIso());
    this.checked = false;
  }

  /** R9: a seller's new registered address may not be one another seller registered or authorized. */
  private checkOwnAddress(seller: Seller, address: string): void {
    if (address === seller.email) return;
    const owners = this.sellersOwning(address).filter((owner) => owner !== seller.id);
    if (owners.length > 0) throw addressTaken(address, owners[0]);
  }

  /** R7: the address may no longer write to this seller's buyers. */
  unauthorize(sellerId: string, email: string): void {
    this.store
      .stmt('DELETE FROM authorized_senders WHERE seller_id = ? AND email = ?')
      .run(sellerId, normalizeEmail(email));
    this.checked = false;
  }

  authorizedSenders(sellerId: string): string[] {
    return (
      this.store.stmt('SELECT email FROM authorized_senders WHERE seller_id = ? ORDER BY email').all(sellerId) as {
        email: string;
      }[]
    ).map((r) => r.email);
  }

  update(
    id: string,
    changes: {
      bounceNotices?: boolean;
      language?: Language;
      strict?: boolean;
      urgentCheck?: UrgentCheck;
      name?: string;
      email?: string;
    },
  ): Seller {
    const seller = this.require(id);
    if (changes.email !== undefined) this.checkOwnAddress(seller, normalizeEmail(changes.email));
    const set: string[] = [];
    const values: unknown[] = [];
    if (changes.bounceNotices !== undefined) {
      set.push('bounce_notices = ?');
      values.push(changes.bounceNotices ? 1 : 0);
    }
    if (changes.language !== undefined) {
      set.push('language = ?');
      values.push(changes.language);
    }
    if (changes.strict !== undefined) {
      set.push('strict = ?');
      values.push(changes.strict ? 1 : 0);
    }
    if (changes.urgentCheck !== undefined) {
      set.push('urgent_check = ?');
      values.push(changes.urgentCheck);
    }
    if (changes.name !== undefined) {
      set.push('name = ?');
      values.push(changes.name);
    }
    if (changes.email !== undefined) {
      set.push('email = ?');
      values.push(normalizeEmail(changes.email));
    }
    if (set.length > 0) this.store.stmt(`UPDATE sellers SET ${set.join(', ')} WHERE id = ?`).run(...values, id);
    this.checked = false;
    return this.require(id);
  }

  /** A new submission password (hashed off the event loop); the old one stops working at once. */
  async setPassword(id: string, password: string): Promise<void> {
    this.require(id);
    const hash = await hashPassword(password);
    this.store.stmt('UPDATE sellers SET password_hash = ? WHERE id = ?').run(hash, id);
    this.checked = false;
  }

  /** Off the event loop; an unknown id costs the same hash as a wrong password, so timing tells no ids. */
  async checkPassword(id: string, password: string): Promise<boolean> {
    const row = this.store.stmt('SELECT password_hash FROM sellers WHERE id = ?').get(id) as
      { password_hash: string } | undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    return ok && row !== undefined;
  }
}
