import type { Store } from './store.js';

// ms: how long new messages wait before they are indexed together. One FTS5 transaction per
// batch instead of per SMTP commit: the relay's hot path does not tokenize, and the index gets
// fewer, larger segments. A search never waits for it: it indexes what is missing first.
const INDEX_DELAY_MS = 250;
// Messages per background transaction: a store opened with many unindexed messages (an import,
// an older version) is caught up in slices, so the event loop keeps turning.
const SLICE = 2_000;

/**
 * The messages' full-text index (messages_fts), kept up to date a moment behind the record.
 * `fts_progress.through` is the last message id indexed; the record is append-only, so every
 * message after it is exactly what is missing.
 */
export class SearchIndex {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store) {}

  /** A message entered the record: index it with the others of the next moment. */
  soon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Not synced on its own: the index can always be rebuilt from the record.
      this.store.commits
        .run(() => this.indexMissing(SLICE), { durable: false })
        .then(
          (n) => {
            if (n === SLICE) this.soon();
          },
          (err: unknown) => console.error('parley: search index:', err),
        );
    }, INDEX_DELAY_MS);
    this.timer.unref(); // a CLI command exits anyway; the next search or serve catches up
  }

  /** Before a search: whatever is not indexed yet gets indexed now. */
  catchUp(): void {
    if (this.missing()) this.store.commits.runNow(() => this.indexMissing());
  }

  /** Indexes every message again, from the seller's view as it reads now (the relay domain changed). */
  rebuild(): void {
    this.store.transaction(() => {
      this.store.stmt("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')").run();
      this.store.stmt('UPDATE fts_progress SET through = (SELECT COALESCE(MAX(id), 0) FROM messages)').run();
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private missing(): boolean {
    const through = this.store.stmt('SELECT through FROM fts_progress').pluck().get() as number;
    const last = this.store.stmt('SELECT MAX(id) FROM messages').pluck().get() as number | null;
    return (last ?? 0) > through;
  }

  /** Indexes the messages after the mark, at most `limit`, and moves the mark; call inside a transaction. */
  private indexMissing(limit = -1): number {
    const through = this.store.stmt('SELECT through FROM fts_progress').pluck().get() as number;
    const last = this.store
      .stmt('SELECT MAX(id) FROM (SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?)')
      .pluck()
      .get(through, limit) as number | null;
    if (last === null) return 0;
    const { changes } = this.store
      .stmt(
        'INSERT INTO messages_fts (rowid, subject, text) SELECT id, subject, text FROM messages_seller_text WHERE id > ? AND id <= ?',
      )
      .run(through, last);
    this.store.stmt('UPDATE fts_progress SET through = ?').run(last);
    return changes;
  }
}
