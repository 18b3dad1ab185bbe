import Database, { type Statement } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { mayHoldAddress } from '../mail/address-forms.js';
import { scrubber } from '../mail/scrub.js';
import { MIGRATIONS } from './migrations.js';
import { syncDir } from './sync-dir.js';
import { makeStorePrivate, PRIVATE_FILE_MODE } from './private-file.js';

export type Db = Database.Database;

// ms a statement waits for another connection's write lock (a CLI command may write while `serve` runs), sleeping in
// SQLite's busy handler: 1, 2, 5, 10 ms and more at a time.
const BUSY_TIMEOUT_MS = 5000;
// ms the commit queue tries again without waiting before it waits in SQLite like any other statement.
const BUSY_RETRY_MAX_MS = 2000;

/** The store's database file in a data folder. */
export const STORE_FILE = 'parley.sqlite3';

/** Whether `dataDir` holds a store already (commands that only read refuse to make an empty one). */
export function storeExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, STORE_FILE));
}

/**
 * Opens (creating if needed) the store's database in `dataDir`, with WAL, foreign keys and
 * synchronous=FULL so that a committed transaction survives power loss: the relay answers
 * 250 only after such a commit.
 */
export function openDatabase(dataDir: string, opts: { nativeBinding?: string } = {}): Db {
  makeStorePrivate(dataDir);
  const file = path.join(dataDir, STORE_FILE);
  // Created 0600 before SQLite opens it: SQLite gives the WAL and the shared-memory file the database file's mode.
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  // nativeBinding: Electron loads a better-sqlite3 build for its own ABI; Node and the tests use the default.
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  registerSellerText(db);
  migrate(db);
  return db;
}

/**
 * `seller_text(text, buyer_email, alias_address)`: the text as the seller sees it, the buyer's address replaced by the
 * alias (R5). The search index is built from it (view messages_seller_text, migration 8), so the search box is no
 * oracle for a guessed address. Registered before the migrations, which rebuild the index with it.
 */
function registerSellerText(db: Db): void {
  db.function('seller_text', { deterministic: true }, (text: unknown, buyerEmail: unknown, alias: unknown) =>
    typeof text === 'string' && typeof buyerEmail === 'string' && mayHoldAddress(text)
      ? scrubber([buyerEmail], typeof alias === 'string' ? alias : 'the buyer')(text)
      : text,
  );
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

const LOCK_TAKEN = Symbol('the write lock is taken');

type Item = { work: () => unknown; durable: boolean; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * The queue's statements, prepared once and run directly: better-sqlite3's transaction() builds a wrapper on each call,
 * and db.pragma() prepares its statement anew.
 */
function queueStatements(db: Db) {
  const prepare = (sql: string): Statement => db.prepare(sql);
  return {
    syncNormal: prepare('PRAGMA synchronous = NORMAL'),
    syncFull: prepare('PRAGMA synchronous = FULL'),
    begin: prepare('BEGIN IMMEDIATE'),
    commit: prepare('COMMIT'),
    rollback: prepare('ROLLBACK'),
    open: prepare('SAVEPOINT commit_queue_item'),
    release: prepare('RELEASE commit_queue_item'),
    undo: prepare('ROLLBACK TO commit_queue_item'),
  };
}

/**
 * Group commit: the work queued in one turn of the event loop runs in one transaction. Each item runs in its own
 * savepoint (a batch of one in the transaction alone): one that throws rolls back alone and rejects only its own
 * promise.
 *
 * The transaction itself commits with synchronous=NORMAL (WAL frames written, not synced), and
 * the queue then fdatasyncs the WAL file on libuv's thread pool before it resolves any durable
 * item: the same guarantee as synchronous=FULL, without the event loop waiting for the disk, and
 * the next batch may commit while this one syncs. One sync runs at a time: the batches that commit while it runs
 * share the next one, which starts when it ends, so concurrent SMTP sessions share a sync without any batch waiting
 * for company on an idle disk. `durable: false` work (delivery states) skips
 * the sync: it reaches the disk with the next durable batch or checkpoint, and losing it to a power
 * cut can only make the outbox send a message once more, never lose one.
 *
 * The queue does not wait in SQLite for the write lock: the SMTP client thread marks deliveries through a connection
 * of its own, and SQLite's busy handler would stop the event loop for 1 ms or more each time it holds the lock (about
 * 7 % of the time at 800 messages a second). A batch that finds the lock taken goes back to the queue and is tried
 * again on the next turn of the event loop; only after BUSY_RETRY_MAX_MS of that does it wait like any statement.
 */
export class CommitQueue {
  private pending: Item[] = [];
  private scheduled = false;
  private wal: Promise<fs.promises.FileHandle> | undefined;
  /** The WAL sync under way, and the one that starts when it ends (for the batches committed meanwhile). */
  private syncing: Promise<void> | undefined;
  private nextSync: Promise<void> | undefined;
  /** Since when batches have found the write lock taken (Date.now()); undefined while they find it free. */
  private busySince: number | undefined;

  private readonly sql: ReturnType<typeof queueStatements>;

  constructor(private readonly db: Db) {
    this.sql = queueStatements(db);
  }

  run<T>(work: () => T, opts: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, durable: opts.durable ?? true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Runs `work` at once in a transaction of its own, not synced: for data the store can always
   * derive again (the search index), where a caller cannot wait for the queue.
   */
  runNow<T>(work: () => T): T {
    // It waits for the lock (its caller cannot), so it never gets LOCK_TAKEN.
    const [outcome] = this.commit([{ work, durable: false, resolve: () => {}, reject: () => {} }], true) as {
      ok: boolean;
      value: unknown;
    }[];
    if (!outcome.ok) throw outcome.value;
    return outcome.value as T;
  }

  /** Closes the WAL handle; the database itself is closed by its owner. */
  async close(): Promise<void> {
    const wal = this.wal;
    this.wal = undefined;
    if (wal) await (await wal).close().catch(() => {});
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    let outcomes: { ok: boolean; value: unknown }[];
    try {
      const wait = this.busySince !== undefined && Date.now() - this.busySince > BUSY_RETRY_MAX_MS;
      const result = this.commit(batch, wait);
      if (result === LOCK_TAKEN) {
        this.busySince ??= Date.now();
        this.pending = batch.concat(this.pending);
        this.scheduled = true;
        // Once at the next turn; then every millisecond, so that a long lock (a CLI import) costs no busy loop.
        if (this.busySince === Date.now()) setImmediate(() => void this.flush());
        else setTimeout(() => void this.flush(), 1);
        return;
      }
      this.busySince = undefined;
      outcomes = result;
    } catch (err) {
      this.busySince = undefined;
      for (const item of batch) item.reject(err);
      return;
    }
    try {
      if (batch.some((item) => item.durable)) await this.durable();
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
  }

  /** Settles once a WAL sync that began after this call has ended. */
  private durable(): Promise<void> {
    if (!this.syncing) return this.startSync();
    this.nextSync ??= this.syncing
      .catch(() => {})
      .then(() => {
        this.nextSync = undefined;
        return this.startSync();
      });
    return this.nextSync;
  }

  private startSync(): Promise<void> {
    const sync: Promise<void> = this.syncWal().finally(() => {
      if (this.syncing === sync) this.syncing = undefined;
    });
    this.syncing = sync;
    return sync;
  }

  /** The batch in one transaction; LOCK_TAKEN (nothing done) if another connection holds the lock and `wait` is off. */
  private commit(batch: Item[], wait = true): { ok: boolean; value: unknown }[] | typeof LOCK_TAKEN {
    // Never inside a transaction: SQLite refuses to change the synchronous setting there.
    const { sql } = this;
    sql.syncNormal.run();
    try {
      // Through db.pragma, prepared anew each time: SQLite applies busy_timeout when it prepares the statement, so a
      // prepared one would not set it again.
      if (!wait) this.db.pragma('busy_timeout = 0');
      try {
        sql.begin.run();
      } catch (err) {
        if (!wait && String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return LOCK_TAKEN;
        throw err;
      } finally {
        if (!wait) this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      try {
        const outcomes = batch.length === 1 ? [this.alone(batch[0])] : batch.map((item) => this.inSavepoint(item));
        if (this.db.inTransaction) sql.commit.run();
        return outcomes;
      } catch (err) {
        if (this.db.inTransaction) sql.rollback.run();
        throw err;
      }
    } finally {
      sql.syncFull.run();
    }
  }

  /** A batch of one needs no savepoint: if its work throws, the whole transaction is its own to roll back. */
  private alone(item: Item): { ok: boolean; value: unknown } {
    try {
      return { ok: true, value: item.work() };
    } catch (err) {
      if (this.db.inTransaction) this.sql.rollback.run();
      return { ok: false, value: err };
    }
  }

  /** Runs one item of a batch in a savepoint of its own, so that one that throws rolls back alone. */
  private inSavepoint(item: Item): { ok: boolean; value: unknown } {
    const { sql } = this;
    sql.open.run();
    try {
      const value = item.work();
      sql.release.run();
      return { ok: true, value };
    } catch (err) {
      // SQLite rolled the whole transaction back (a full disk, say): the batch's other work is gone too.
      if (!this.db.inTransaction) throw err;
      sql.undo.run();
      sql.release.run();
      return { ok: false, value: err };
    }
  }

  private async syncWal(): Promise<void> {
    this.wal ??= this.openWal();
    await (await this.wal).datasync();
  }

  /** Opens the WAL once, and makes its directory entry durable once, so later syncs cover it. */
  private async openWal(): Promise<fs.promises.FileHandle> {
    const handle = await fs.promises.open(`${this.db.name}-wal`, 'r+');
    await syncDir(path.dirname(this.db.name));
    return handle;
  }
}
