import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeTransfer } from '../mail/mime-part.js';
import { HELPER_THREAD_LIMITS } from '../worker-limits.js';
import { PRIVATE_DIR_MODE } from './private-file.js';

/**
 * Content-addressed files (sha256) under `<data>/blobs/ab/abcdef…`, written by one worker thread
 * in batches (file-writer-thread.js). `put` resolves when the file's bytes and its name are on
 * disk, so a row committed after it never points at a file a power cut could take away.
 */
export class BlobStore {
  readonly root: string;
  private writer: Worker | undefined;
  private requestId = 0;
  private readonly waiting = new Map<number, { resolve: (sha256: string) => void; reject: (err: Error) => void }>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
    fs.mkdirSync(this.root, { recursive: true, mode: PRIVATE_DIR_MODE });
  }

  static hash(data: Uint8Array): string {
    return crypto.createHash('sha256').update(data).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * Stores the bytes (once: a blob already there is checked, not written again) and resolves to their sha256. The
   * writer thread hashes them, so a large message costs the caller's thread only the hand-off.
   */
  put(data: Uint8Array): Promise<string> {
    return this.request({ root: this.root, data });
  }

  /** Stops the writer thread (files already written stay). */
  close(): void {
    void this.writer?.terminate();
    this.writer = undefined;
  }

  private request(message: { root: string; data: Uint8Array }): Promise<string> {
    this.writer ??= this.startWriter();
    const id = ++this.requestId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.writer!.postMessage({ id, ...message });
    });
  }

  private startWriter(): Worker {
    const writer = new Worker(new URL('./file-writer-thread.js', import.meta.url), {
      resourceLimits: HELPER_THREAD_LIMITS,
    });
    writer.unref();
    writer.on('message', (results: { id: number; ok: boolean; sha256?: string; message?: string; code?: string }[]) => {
      for (const r of results) {
        const w = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        if (r.ok) w?.resolve(r.sha256!);
        else w?.reject(Object.assign(new Error(`blob store: ${r.message}`), { code: r.code }));
      }
    });
    const failAll = (err: Error) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    writer.on('error', (err) => {
      failAll(err);
      this.close();
    });
    // Stopped with puts outstanding (close() during a write): they fail instead of hanging.
    writer.on('exit', () => {
      if (this.writer === writer) this.writer = undefined;
      failAll(new Error('blob store: the writer thread stopped'));
    });
    return writer;
  }

  get(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256));
  }

  /** Bytes [start, end) of a blob, read without the rest; a blob shorter than `end` is an error. */
  range(sha256: string, start: number, end: number): Buffer {
    const fd = fs.openSync(this.pathOf(sha256), 'r');
    try {
      const out = Buffer.allocUnsafe(end - start);
      let done = 0;
      while (done < out.length) {
        const n = fs.readSync(fd, out, done, out.length - done, start + done);
        if (n === 0) throw new Error(`blob ${sha256} ends before byte ${end}`);
        done += n;
      }
      return out;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The decoded bytes of a MIME body kept as bytes [start, end) of a blob (an attachment inside its raw message). */
  part(sha256: string, at: { start: number; end: number; encoding: string }): Buffer {
    return decodeTransfer(this.range(sha256, at.start, at.end), at.encoding);
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
