import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { checkStoreAtStart } from '../ops/start-check.js';
import { appendMessage, seedConversation } from '../ops/testing/seeded-record.js';
import { verifyStore } from '../ops/verify-store.js';
import { backupStore, restoreStore, BACKUP_MANIFEST } from './backup.js';
import { sqlExec, sqlRun, sqlValue } from './inspect.js';
import { lockRelay } from './lock.js';

let tmp: string;
let ctx: CoreContext;

const open = (dataDir: string) => new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-backup-'));
  ctx = open(path.join(tmp, 'store'));
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
  await seedConversation(ctx);
});

afterEach(() => {
  ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('a backup restored into a new folder verifies and holds every message, file and shop', async () => {
    const attachment = { filename: 'invoice.pdf', declaredType: 'application/pdf', content: Buffer.from('%PDF-1.4 x') };
    await appendMessage(ctx, { subject: 'With a file', text: 'see attached' }, [attachment]);
    const manifest = await backupStore(ctx.store, path.join(tmp, 'backup'));
    expect(manifest).toMatchObject({ format: 'parley-backup/1', messages: 5, schemaVersion: expect.any(Number) });
    expect(manifest.head?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.blobs).toBeGreaterThanOrEqual(6);
    expect(fs.existsSync(path.join(tmp, 'backup', BACKUP_MANIFEST))).toBe(true);

    const target = path.join(tmp, 'restored');
    const result = await restoreStore(path.join(tmp, 'backup'), target);
    expect(result.setAside).toBeNull();
    const restored = open(target);
    try {
      expect(verifyStore(restored)).toEqual({ ok: true, messages: 5 });
      expect(restored.sellers.list().map((s) => s.id)).toEqual(['shop-one']);
      expect(checkStoreAtStart(restored)).toEqual({ ok: true, messages: 5 });
    } finally {
      restored.close();
    }
  });

  it('refuses a folder that is not empty', async () => {
    fs.mkdirSync(path.join(tmp, 'used'));
    fs.writeFileSync(path.join(tmp, 'used', 'notes.txt'), 'mine');
    await expect(backupStore(ctx.store, path.join(tmp, 'used'))).rejects.toMatchObject({
      detail: { key: 'backup.folderNotEmpty' },
    });
  });

  it('refuses to replace a newer store without force, and sets the replaced one aside with it', async () => {
    const backupDir = path.join(tmp, 'backup');
    await backupStore(ctx.store, backupDir);
    await appendMessage(ctx, { subject: 'After the backup', text: 'newer' });
    const dataDir = ctx.store.dataDir;
    ctx.close();

    await expect(restoreStore(backupDir, dataDir)).rejects.toMatchObject({ detail: { key: 'backup.storeNewer' } });
    ctx = open(dataDir);
    expect(verifyStore(ctx).messages).toBe(5); // untouched
    ctx.close();

    const { setAside } = await restoreStore(backupDir, dataDir, { force: true });
    expect(setAside && fs.existsSync(path.join(setAside, 'parley.sqlite3'))).toBe(true);
    ctx = open(dataDir);
    expect(verifyStore(ctx)).toEqual({ ok: true, messages: 4 });
  });

  it('refuses while a relay holds the store', async () => {
    const backupDir = path.join(tmp, 'backup');
    await backupStore(ctx.store, backupDir);
    const lock = await lockRelay(ctx.store.dataDir);
    try {
      await expect(restoreStore(backupDir, ctx.store.dataDir, { force: true })).rejects.toMatchObject({
        detail: { key: 'relay.running' },
      });
    } finally {
      lock.release();
    }
  });
});

describe('the integrity check at start', () => {
  it('fails on an altered record, naming the chain', () => {
    const [, second] = ctx.recordReader.listForSeller('shop-one', { alias: null, limit: 10 }).map((m) => m.id);
    sqlExec(ctx.store, 'DROP TRIGGER messages_no_update');
    sqlRun(ctx.store, "UPDATE messages SET subject = 'Re: nothing happened' WHERE id = ?", second);
    const check = checkStoreAtStart(ctx);
    expect(check).toMatchObject({ ok: false, failed: 'chain' });
    expect(check.problem).toMatch(/does not match its hash|prev_hash/);
  });

  it('fails on a missing message file, naming the chain', () => {
    const first = ctx.recordReader.listForSeller('shop-one', { alias: null, limit: 10 }).at(-1)!.id;
    fs.rmSync(ctx.store.blobs.pathOf(ctx.record.meta(first)!.rawSha256));
    expect(checkStoreAtStart(ctx)).toMatchObject({ ok: false, failed: 'chain' });
  });

  it('fails on a damaged database file, naming the database', () => {
    sqlExec(ctx.store, 'PRAGMA wal_checkpoint(TRUNCATE)');
    const dataDir = ctx.store.dataDir;
    const pageSize = sqlValue<number>(ctx.store, 'PRAGMA page_size')!;
    const root = sqlValue<number>(ctx.store, "SELECT rootpage FROM sqlite_schema WHERE name = 'messages'")!;
    ctx.close();
    // Overwrite the record's table page behind SQLite's back (the schema stays readable, so the store opens).
    const file = path.join(dataDir, 'parley.sqlite3');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);
    ctx = open(dataDir);
    expect(checkStoreAtStart(ctx)).toMatchObject({ ok: false, failed: 'database' });
  });
});
