import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the store's database in `dataDir`, with WAL, foreign keys and
 * synchronous=FULL so that a committed transaction survives power loss: the relay answers
 * 250 only after such a commit.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'parley.sqlite3'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000'); // ms: a CLI command may write while `serve` runs
  migrate(db);
  return db;
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

// ms: how long the first item of a batch waits for company. Concurrent SMTP sessions then share
// one commit (one fsync) instead of taking turns; the 250 waits at most this much longer.
const GROUP_WINDOW_MS = 1;

/**
 * Group commit: work queued within a short window runs in one transaction, so concurrent SMTP
 * sessions share one fsync. Each item runs in its own savepoint: one that throws rolls back alone
 * and rejects only its own promise.
 *
 * `durable: false` work (delivery states) commits without its own fsync (synchronous=NORMAL in
 * WAL): it reaches the disk with the next durable commit or checkpoint. Losing it to a power cut
 * can only make the outbox send a message once more, never lose one.
 */
export class CommitQueue {
  private pending: { work: () => unknown; durable: boolean; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private synchronous: 'FULL' | 'NORMAL' = 'FULL';

  /** `beforeCommit` runs (awaited) before each batch's transaction: the blob store's directory fsync. */
  constructor(private readonly db: Db, private readonly beforeCommit: () => Promise<void> = async () => {}) {}

  run<T>(work: () => T, opts: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, durable: opts.durable ?? true, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), GROUP_WINDOW_MS);
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      // Items queued from here on wait for the next batch: their files' directory entries may
      // not be in this sync.
      await this.beforeCommit();
      this.commit(batch);
    } catch (err) {
      for (const item of batch) item.reject(err);
    }
    this.scheduled = this.pending.length > 0;
    if (this.scheduled) setTimeout(() => void this.flush(), GROUP_WINDOW_MS);
  }

  private commit(batch: CommitQueue['pending']): void {
    this.setSynchronous(batch.some((item) => item.durable) ? 'FULL' : 'NORMAL');
    const outcomes: { ok: boolean; value: unknown }[] = [];
    this.db.transaction(() => {
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: this.db.transaction(item.work)() });
        } catch (err) {
          outcomes.push({ ok: false, value: err });
        }
      }
    }).immediate();
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
  }

  private setSynchronous(level: 'FULL' | 'NORMAL'): void {
    if (this.synchronous === level) return;
    this.db.pragma(`synchronous = ${level}`);
    this.synchronous = level;
  }
}
