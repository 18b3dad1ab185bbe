/**
 * Filling a store fast for benchmarks (bench/ui): no fsync, a big page cache, and the outbox rows
 * of messages the worker already delivered written in one INSERT each instead of enqueue, then
 * update. Product code never uses it: a relay store must survive a power cut.
 */
import type { Store } from './store.js';

export class BulkLoader {
  constructor(private readonly store: Store) {
    // A benchmark store need not survive a power cut; a big page cache keeps the random-key indexes in memory.
    store.db.pragma('synchronous = OFF');
    store.db.pragma('cache_size = -262144'); // KiB: 256 MB
  }

  /** A forward the outbox worker handed over (or, when `delivered` is false, that is still queued); its id. */
  forward(input: {
    messageId: number;
    envelopeFrom: string;
    recipients: string[];
    blobSha256: string;
    delivered: boolean;
    createdAt: string;
    expiresAt: string;
    deliveredAt: string | null;
  }): number {
    const info = this.store
      .stmt(
        `INSERT INTO outbox (message_id, kind, envelope_from, recipients, blob_sha256, state, attempts,
      next_attempt_at, expires_at, created_at, delivered_at) VALUES (?, 'forward', ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
      )
      .run(
        input.messageId,
        input.envelopeFrom,
        JSON.stringify(input.recipients),
        input.blobSha256,
        input.delivered ? 'delivered' : 'queued',
        input.createdAt,
        input.expiresAt,
        input.createdAt,
        input.deliveredAt,
      );
    return Number(info.lastInsertRowid);
  }

  /** The delivery event the worker logs for a state change. */
  event(outboxId: number, at: string, state: string, detail: string): void {
    this.store
      .stmt('INSERT INTO delivery_events (outbox_id, at, state, detail) VALUES (?, ?, ?, ?)')
      .run(outboxId, at, state, detail);
  }

  /** Folds the WAL into the database file and gathers the query planner's statistics. */
  finish(): void {
    this.store.db.pragma('wal_checkpoint(TRUNCATE)');
    this.store.db.exec('ANALYZE');
  }
}
