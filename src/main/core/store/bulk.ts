/**
 * Filling a store fast for benchmarks (bench/ui): no fsync and a big page cache while it fills, then the WAL folded in
 * and the planner's statistics gathered. The rows themselves go through the repositories (OutboxRepo.recordPast for
 * deliveries already handed over). Product code never uses it: a relay store must survive a power cut.
 */
import type { Store } from './store.js';

export class BulkLoader {
  constructor(private readonly store: Store) {
    // A benchmark store need not survive a power cut; a big page cache keeps the random-key indexes in memory.
    store.db.pragma('synchronous = OFF');
    store.db.pragma('cache_size = -262144'); // KiB: 256 MB
  }

  /** Folds the WAL into the database file and gathers the query planner's statistics. */
  finish(): void {
    this.store.db.pragma('wal_checkpoint(TRUNCATE)');
    this.store.db.exec('ANALYZE');
  }
}
