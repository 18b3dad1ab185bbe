import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { syncDir } from './sync-dir.js';

// Threads writing blobs: each fdatasync waits for the disk, so concurrent messages need several
// to overlap their waits instead of queueing behind one.
const WRITER_THREADS = 4;

/**
 * Content-addressed files (sha256) under `<data>/blobs/ab/abcdef…`, written by worker threads.
 * `put` resolves when the file's bytes are on disk; the directory entries of new files are fsynced together by
 * `syncDirs`, which the store's group commit runs before every commit, so a row never commits
 * pointing at a file a power cut could take away.
 */
export class BlobStore {
  readonly root: string;
  private pendingDirs = new Set<string>();
  private tmpCounter = 0;
  private writers: Worker[] = [];
  private requestId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
    fs.mkdirSync(this.root, { recursive: true });
  }

  static hash(data: Uint8Array): string {
    return crypto.createHash('sha256').update(data).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(data: Uint8Array): Promise<string> {
    const sha256 = BlobStore.hash(data);
    const file = this.pathOf(sha256);
    if (fs.existsSync(file)) return sha256;
    const tmp = `${file}.${process.pid}.${++this.tmpCounter}.tmp`;
    await this.request({ op: 'put', file, tmp, data });
    this.pendingDirs.add(path.dirname(file));
    return sha256;
  }

  /** Makes the names of every file put so far durable: one fsync per directory touched. */
  async syncDirs(): Promise<void> {
    if (this.pendingDirs.size === 0) return;
    const dirs = [...this.pendingDirs];
    this.pendingDirs = new Set();
    // On libuv's pool, not the writer thread: the sync must not queue behind other files' writes.
    await Promise.all(dirs.map(syncDir));
  }

  /** Stops the writer threads (files already written stay). */
  close(): void {
    for (const writer of this.writers) void writer.terminate();
    this.writers = [];
  }

  private request(msg: Record<string, unknown>): Promise<void> {
    if (this.writers.length === 0) for (let i = 0; i < WRITER_THREADS; i++) this.writers.push(this.startWriter());
    const id = ++this.requestId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.writers[id % this.writers.length].postMessage({ ...msg, id });
    });
  }

  private startWriter(): Worker {
    const writer = new Worker(new URL('./file-writer-thread.js', import.meta.url));
    writer.unref();
    writer.on('message', (m: { id: number; ok: boolean; message?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve();
      else w?.reject(new Error(`blob store: ${m.message}`));
    });
    writer.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      this.close();
    });
    return writer;
  }

  get(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** Re-hashes a blob: false when the file was altered or is missing. */
  verify(sha256: string): boolean {
    try {
      return BlobStore.hash(this.get(sha256)) === sha256;
    } catch {
      return false;
    }
  }
}
