import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.js';
import { Store } from './store.js';

describe('background WAL checkpoints', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const open = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-ckpt-'));
    dirs.push(dir);
    return new Store(dir);
  };
  const until = async (check: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return check();
  };

  it('copies the WAL into the database on its own thread while the main connection only appends', async () => {
    const store = open();
    store.checkpoints.start();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const file = path.join(store.dataDir, 'parley.sqlite3');
    const before = fs.statSync(file).size;
    const put = store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 40; i++)
      store.db.transaction(() => {
        for (let j = 0; j < 50; j++) put.run(`k${i}-${j}`, 'x'.repeat(500));
      })();
    // Only a checkpoint writes pages into the database file itself.
    expect(await until(() => fs.statSync(file).size > before + 500_000)).toBe(true);
    await store.checkpoints.stop();
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    store.close();
  });

  it('lets the main connection checkpoint once when the WAL grew past the limit, then leaves it to the thread again', async () => {
    const store = open();
    const checkpoints = new Checkpointer(store.db, undefined, 50);
    checkpoints.start();
    const put = store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    const autocheckpoint = () => store.db.pragma('wal_autocheckpoint', { simple: true });
    // Commits keep coming for a while: the thread cannot finish, and reports a long WAL.
    let i = 0;
    const until400 = Date.now() + 400;
    while (Date.now() < until400)
      store.db.transaction(() => {
        for (let j = 0; j < 40; j++) put.run(`k${i++}`, 'x'.repeat(900));
      })();
    expect(await until(() => autocheckpoint() === 1000)).toBe(true);
    // The main connection's next commit checkpoints the rest; the commit after it starts the WAL over.
    store.db.transaction(() => put.run('next', 'x'))();
    store.db.transaction(() => put.run('last', 'x'))();
    expect(await until(() => autocheckpoint() === 0)).toBe(true);
    await checkpoints.stop();
    store.close();
  });

  it('gives the job back to the main connection when the thread cannot run', async () => {
    const store = open();
    const broken = new Checkpointer(store.db, path.join(store.dataDir, 'no-such-binding.node'));
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      broken.start();
      expect(await until(() => !broken.running)).toBe(true);
    } finally {
      console.error = log;
    }
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(String(errors[0])).toMatch(/background checkpoints stopped/);
    store.close();
  });
});
