import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from './store.js';

/** Every directory and file under `root` (itself included), with its permission bits. */
function modes(root: string): Map<string, number> {
  const found = new Map<string, number>([['.', fs.statSync(root).mode & 0o777]]);
  for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
    found.set(name, fs.statSync(path.join(root, name)).mode & 0o777);
  }
  return found;
}

function expectPrivate(root: string): void {
  const all = modes(root);
  for (const [name, mode] of all) {
    const isDir = fs.statSync(path.join(root, name)).isDirectory();
    expect({ name, mode: mode.toString(8) }).toEqual({ name, mode: isDir ? '700' : '600' });
  }
}

// POSIX permission bits; Windows keeps a user's files in a profile only that user can read.
describe.skipIf(process.platform === 'win32')('the store is readable by its owner only', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  async function filledStore(): Promise<{ dataDir: string; sha: string }> {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-perm-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const store = new Store(dataDir);
    const sha = await store.blobs.put(Buffer.from('a buyer wrote this'));
    store.hmacSecret();
    // The WAL and the shared memory file exist while the connection is open.
    expect(fs.existsSync(path.join(dataDir, 'parley.sqlite3-wal'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'parley.sqlite3-shm'))).toBe(true);
    expectPrivate(dataDir);
    store.close();
    return { dataDir, sha };
  }

  it('creates the data directory and its subdirectories 0700, the database, its WAL and the blobs 0600', async () => {
    const { dataDir, sha } = await filledStore();
    expect(modes(dataDir).get(path.join('blobs', sha.slice(0, 2), sha))).toBe(0o600);
    expect(modes(dataDir).get('parley.sqlite3')).toBe(0o600);
  });

  it('makes an existing store that others could read private when it opens', async () => {
    const { dataDir } = await filledStore();
    // A store from a version that left the umask's modes; the WAL as a crash would leave it.
    fs.writeFileSync(path.join(dataDir, 'parley.sqlite3-wal'), '');
    fs.mkdirSync(path.join(dataDir, 'mailbox', 'new'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'mailbox', 'new', 'one'), 'mail');
    for (const [name] of modes(dataDir)) {
      const p = path.join(dataDir, name);
      fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    }
    expect(modes(dataDir).get('parley.sqlite3')).toBe(0o644);

    const store = new Store(dataDir);
    try {
      expectPrivate(dataDir);
    } finally {
      store.close();
    }
  });
});
