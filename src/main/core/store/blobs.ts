import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Content-addressed files (sha256) under `<data>/blobs/ab/abcdef…`. `put` resolves only when
 * the file and its directory entry are on disk, so a row that points at a blob may commit after.
 */
export class BlobStore {
  readonly root: string;

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
    await fs.promises.mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fh = await fs.promises.open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, file);
    const dh = await fs.promises.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
    return sha256;
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
