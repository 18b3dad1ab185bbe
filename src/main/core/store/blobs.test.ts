import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blobs.js';

describe('the blob store', () => {
  const open: { dir: string; blobs: BlobStore }[] = [];
  const make = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-blobs-'));
    const blobs = new BlobStore(dir);
    open.push({ dir, blobs });
    return blobs;
  };
  afterEach(() => {
    for (const { dir, blobs } of open.splice(0)) {
      blobs.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  const leftovers = (blobs: BlobStore) =>
    fs
      .readdirSync(blobs.root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.tmp'));

  it('writes many concurrent puts, each under the sha256 of its bytes, identical ones once', async () => {
    const blobs = make();
    const bodies = Array.from({ length: 60 }, (_, i) => Buffer.from(`message ${i % 40}\r\n`.repeat(50 + i)));
    const shas = await Promise.all(bodies.map((b) => blobs.put(b)));
    shas.forEach((sha, i) => {
      expect(sha).toBe(BlobStore.hash(bodies[i]));
      expect(blobs.get(sha).equals(bodies[i])).toBe(true);
    });
    expect(new Set(shas).size).toBe(new Set(bodies.map((b) => b.toString())).size);
    expect(leftovers(blobs)).toEqual([]);
  });

  it('replaces a file a crash cut short instead of trusting its name', async () => {
    const blobs = make();
    const bytes = Buffer.from('Subject: order 4711\r\n\r\nthe whole message\r\n');
    const file = blobs.pathOf(BlobStore.hash(bytes));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes.subarray(0, 10)); // what a power cut mid-write can leave
    expect(blobs.verify(BlobStore.hash(bytes))).toBe(false);
    const sha = await blobs.put(bytes);
    expect(blobs.get(sha).equals(bytes)).toBe(true);
    expect(blobs.verify(sha)).toBe(true);
    expect(leftovers(blobs)).toEqual([]);
  });

  it('fails only the put that cannot be written, with the reason', async () => {
    const blobs = make();
    const good = Buffer.from('fine');
    const bad = Buffer.from('blocked');
    // A plain file where the blob's directory should be: that put cannot create its file.
    fs.writeFileSync(path.join(blobs.root, BlobStore.hash(bad).slice(0, 2)), 'in the way');
    const [a, b] = await Promise.allSettled([blobs.put(good), blobs.put(bad)]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(String((b as PromiseRejectedResult).reason)).toMatch(/^Error: blob store: .*(EEXIST|ENOTDIR)/);
    expect(blobs.verify(BlobStore.hash(good))).toBe(true);
  });

  it('fails outstanding puts when the writer is stopped, and starts a new writer for later ones', async () => {
    const blobs = make();
    const pending = blobs.put(Buffer.alloc(4 * 1024 * 1024, 1));
    blobs.close();
    await expect(pending).rejects.toThrow(/blob store/);
    const sha = await blobs.put(Buffer.from('after the stop'));
    expect(blobs.verify(sha)).toBe(true);
  });
});
