import crypto from 'node:crypto';
import { BlobStore } from './blobs.js';
import type { Statement } from 'better-sqlite3';
import { CommitQueue, openDatabase, type Db } from './db.js';
import { Checkpointer } from './checkpointer.js';
import { SearchIndex } from './search-index.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The local store: one SQLite database plus content-addressed blobs in the data directory.
 * Repositories take a Store and read/write through `db`; writes on the SMTP path go through
 * `commits` so that concurrent sessions share one fsync.
 */
export class Store {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly commits: CommitQueue;
  readonly searchIndex: SearchIndex;
  /** WAL checkpoints off the event loop, for long-running processes (the relay starts them). */
  readonly checkpoints: Checkpointer;
  private readonly statements = new Map<string, Statement>();
  private readonly nativeBinding: string | undefined;

  constructor(
    readonly dataDir: string,
    readonly clock: Clock = systemClock,
    opts: { nativeBinding?: string } = {},
  ) {
    this.nativeBinding = opts.nativeBinding;
    this.db = openDatabase(dataDir, opts);
    this.blobs = new BlobStore(dataDir);
    this.commits = new CommitQueue(this.db);
    this.searchIndex = new SearchIndex(this);
    this.checkpoints = new Checkpointer(this.db, opts.nativeBinding);
  }

  /**
   * A prepared statement, prepared once per store: preparing costs more than running a small query. The cached
   * statement is shared by every caller of the same SQL, so a reader comes back in its plain row mode: one caller's
   * `.pluck()` never changes what another caller gets.
   */
  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    } else if (statement.reader) {
      statement.pluck(false);
    }
    return statement;
  }

  /**
   * Runs `work` in one transaction (BEGIN IMMEDIATE when `immediate`) and returns its result; for a
   * unit of work that spans several repositories. Repositories own the statements; callers own the
   * boundary. Nested calls become savepoints.
   */
  transaction<T>(work: () => T, opts: { immediate?: boolean } = {}): T {
    const run = this.db.transaction(work);
    return opts.immediate ? run.immediate() : run();
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  /** What the SMTP client thread opens to mark a delivery the moment it is made (`delivered-mark.js`). */
  deliveredMarks(): { file: string; nativeBinding?: string } {
    return { file: this.db.name, nativeBinding: this.nativeBinding };
  }

  getSetting(key: string): string | undefined {
    const row = this.stmt('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.stmt(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  deleteSetting(key: string): void {
    this.stmt('DELETE FROM settings WHERE key = ?').run(key);
  }

  /** The secret behind VERP return paths and mail action links; made once per store. */
  hmacSecret(): Buffer {
    let hex = this.getSetting('hmac_secret');
    if (!hex) {
      hex = crypto.randomBytes(32).toString('hex');
      this.db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run('hmac_secret', hex);
      hex = this.getSetting('hmac_secret')!;
    }
    return Buffer.from(hex, 'hex');
  }

  close(): void {
    this.searchIndex.stop();
    void this.checkpoints.stop(); // normally stopped already, with the relay
    void this.commits.close();
    this.blobs.close();
    if (this.db.open) this.db.close();
  }
}
