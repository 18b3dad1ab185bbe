import { Worker } from 'node:worker_threads';
import { HELPER_THREAD_LIMITS } from '../worker-limits.js';
import type { Db } from './db.js';

// ms between checkpoints: at the relay's rate a few hundred KB of WAL each, copied in one go.
const EVERY_MS = 200;
// SQLite's own default: a checkpoint when the WAL passes 1000 pages.
const AUTO_CHECKPOINT_PAGES = 1000;
// Pages: a WAL this long that the thread could not finish (commits kept coming) is checkpointed
// once by the main connection, which lets it start over.
const WAL_LIMIT_PAGES = 8_000;
// Bytes: what a WAL that started over is cut back to.
const WAL_KEEP_BYTES = 16 * 1024 * 1024;

/**
 * Moves the WAL checkpoints of a long-running process (serve, the app) off its event loop onto
 * checkpoint-thread.js. While it runs, the main connection does not checkpoint by itself; if the
 * thread fails, the main connection takes the job back.
 */
export class Checkpointer {
  private worker: Worker | undefined;

  constructor(
    private readonly db: Db,
    private readonly nativeBinding?: string,
    private readonly walLimitPages = WAL_LIMIT_PAGES,
  ) {}

  start(): void {
    if (this.worker || this.db.memory) return;
    const worker = new Worker(new URL('./checkpoint-thread.js', import.meta.url), {
      workerData: { file: this.db.name, nativeBinding: this.nativeBinding, everyMs: EVERY_MS },
      resourceLimits: HELPER_THREAD_LIMITS,
    });
    worker.unref();
    this.worker = worker;
    this.db.pragma('wal_autocheckpoint = 0');
    this.db.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`);
    const takeBack = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      console.error(`parley: background checkpoints stopped (${why}); the store checkpoints by itself again`);
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    };
    worker.on('message', (m: { error?: string; walFrames?: number }) => {
      if (m.error) console.error(`parley: checkpoint failed: ${m.error}`);
      // The main connection's own checkpoint runs after its next commit and lets the WAL start over.
      if (m.walFrames !== undefined && this.worker === worker && this.db.open)
        this.db.pragma(`wal_autocheckpoint = ${m.walFrames > this.walLimitPages ? AUTO_CHECKPOINT_PAGES : 0}`);
    });
    worker.on('error', (err) => takeBack(String(err.message)));
    worker.on('exit', (code) => takeBack(`exit ${code}`));
  }

  /**
   * Stops the thread; resolves once it has closed its connection (so the data directory is left
   * alone afterwards). The main connection checkpoints by itself again, and on close.
   */
  stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return Promise.resolve();
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    return exited;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }
}
