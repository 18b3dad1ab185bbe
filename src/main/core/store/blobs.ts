import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Content-addressed files (sha256) under `<data>/blobs/ab/abcdef…`. `put` resolves when the
 * file's bytes are on disk; the directory entries of new files are fsynced together by
 * `syncDirs`, which the store's group commit runs before every commit, so a row never commits
 * pointing at a file a power cut could take away.
 */
export class BlobStore {
  readonly root: string;
  private readonly madeDirs = new Set<string>();
  private pendingDirs = new Set<string>();
  private tmpCounter = 0;

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
    const dir = path.dirname(file);
    if (!this.madeDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = `${file}.${process.pid}.${++this.tmpCounter}.tmp`;
    const fh = await fs.promises.open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, file);
    this.pendingDirs.add(dir);
    return sha256;
  }

  /** Makes the names of every file put so far durable: one fsync per directory touched. */
  async syncDirs(): Promise<void> {
    if (this.pendingDirs.size === 0) return;
    const dirs = [...this.pendingDirs];
    this.pendingDirs = new Set();
    await Promise.all(dirs.map(async (dir) => {
      const dh = await fs.promises.open(dir, 'r');
      try {
        await dh.sync();
      } finally {
        await dh.close();
      }
    }));
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
