/**
 * Content-addressed blob files for bench/ui's generator, written on a worker thread
 * (blob-writer-thread.mjs) in batches, so file creation overlaps the SQLite inserts. Same
 * layout as the store's BlobStore (`blobs/ab/abcdef…`), without fsync: a benchmark store need
 * not survive a power cut.
 */
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';

const BATCH = 500; // files per message to the thread

export class BlobWriter {
  private readonly worker = new Worker(new URL('./blob-writer-thread.mjs', import.meta.url));
  private readonly seen = new Set<string>();
  private batch: [string, Uint8Array][] = [];
  private inFlight = 0;
  private failure: Error | undefined;
  private drained: (() => void) | undefined;

  constructor(private readonly pathOf: (sha256: string) => string) {
    this.worker.on('message', (m: 'ok' | { error: string }) => {
      this.inFlight--;
      if (m !== 'ok') this.failure ??= new Error(`blob writer: ${m.error}`);
      if (this.inFlight === 0) this.drained?.();
    });
    this.worker.on('error', (err) => {
      this.failure ??= err;
      this.drained?.();
    });
  }

  /** The sha256 of `bytes`; the file is written later, once per content. */
  put(bytes: Uint8Array): string {
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    if (this.seen.has(sha)) return sha;
    this.seen.add(sha);
    this.batch.push([this.pathOf(sha), bytes]);
    if (this.batch.length >= BATCH) this.flush();
    return sha;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.inFlight++;
    this.worker.postMessage({ files: this.batch });
    this.batch = [];
  }

  /** Resolves when every file is on disk; stops the thread. */
  async close(): Promise<void> {
    this.flush();
    if (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => (this.drained = resolve));
    await this.worker.terminate();
    if (this.failure) throw this.failure;
  }
}
