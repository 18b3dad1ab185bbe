import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { GENESIS_HASH } from './record.js';

describe('the store', () => {
  const dirs: string[] = [];
  const open = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-store-'));
    dirs.push(dataDir);
    return new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('opens with WAL, foreign keys, full sync and every migration applied', () => {
    const ctx = open();
    expect(ctx.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ctx.store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ctx.store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(ctx.store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    ctx.close();
  });

  it('hands every caller of the same SQL its rows, whatever the last caller plucked', () => {
    const ctx = open();
    ctx.store.setSetting('greeting', 'moin');
    const sql = 'SELECT key, value FROM settings WHERE key = ?';
    expect(ctx.store.stmt(sql).pluck().get('greeting')).toBe('greeting');
    expect(ctx.store.stmt(sql).get('greeting')).toEqual({ key: 'greeting', value: 'moin' });
    ctx.close();
  });

  it('keeps the record append-only and chained (R21)', async () => {
    const ctx = open();
    const sha = await ctx.store.blobs.put(Buffer.from('Subject: hi\r\n\r\nhello\r\n'));
    const base = {
      sellerId: null,
      conversationId: null,
      direction: 'buyer-to-seller' as const,
      via: 'mail-client',
      envelopeFrom: 'a@b.example',
      envelopeTo: ['c@d.example'],
      fromName: null,
      subject: 'hi',
      messageId: null,
      inReplyTo: null,
      references: [],
      text: 'hello',
      rawSha256: sha,
      rawSize: 22,
      auth: null,
      verdict: 'deliver' as const,
      decision: {},
      attachments: [],
    };
    const first = ctx.store.db.transaction(() => ctx.record.append({ ...base, relayMessageId: '<1@relay.test>' }))();
    const second = ctx.store.db.transaction(() => ctx.record.append({ ...base, relayMessageId: '<2@relay.test>' }))();
    const rows = ctx.store.db.prepare('SELECT prev_hash, record_hash FROM messages ORDER BY id').all() as {
      prev_hash: string;
      record_hash: string;
    }[];
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    expect(rows[1].prev_hash).toBe(first.recordHash);
    expect(rows[1].record_hash).toBe(second.recordHash);
    expect(() => ctx.store.db.prepare('UPDATE messages SET subject = ? WHERE id = ?').run('changed', first.id)).toThrow(
      /append-only/,
    );
    expect(() => ctx.store.db.prepare('DELETE FROM messages WHERE id = ?').run(first.id)).toThrow(/append-only/);
    ctx.close();
  });

  it('group-commits concurrent work in one transaction and isolates a failing item', async () => {
    const ctx = open();
    const results = await Promise.allSettled([
      ctx.store.commits.run(() => ctx.store.setSetting('a', '1')),
      ctx.store.commits.run(() => {
        ctx.store.setSetting('b', '2');
        throw new Error('boom');
      }),
      ctx.store.commits.run(() => ctx.store.setSetting('c', '3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([ctx.store.getSetting('a'), ctx.store.getSetting('b'), ctx.store.getSetting('c')]).toEqual([
      '1',
      undefined,
      '3',
    ]);
    ctx.close();
  });

  it('rolls back a lone failing item whole and commits the next one', async () => {
    const ctx = open();
    await expect(
      ctx.store.commits.run(() => {
        ctx.store.setSetting('a', '1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(ctx.store.getSetting('a')).toBeUndefined();
    await ctx.store.commits.run(() => ctx.store.setSetting('b', '2'));
    expect(ctx.store.getSetting('b')).toBe('2');
    expect(ctx.store.db.inTransaction).toBe(false);
    ctx.close();
  });

  it('keeps the event loop turning while another connection holds the write lock, and commits once it is free', async () => {
    const ctx = open();
    // Another connection to the same store (the SMTP client thread's, a CLI command) in a write transaction.
    const other = new CoreContext({ dataDir: dirs[dirs.length - 1], domain: 'relay.test', dns: 'offline' });
    other.store.db.prepare('BEGIN IMMEDIATE').run();
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    // Freed from this same event loop: a commit that waited in SQLite would hold the loop until it gave up (5 s).
    setTimeout(() => other.store.db.prepare('COMMIT').run(), 150);
    const started = Date.now();
    await ctx.store.commits.run(() => ctx.store.setSetting('after', 'lock'));
    clearInterval(ticker);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(turns).toBeGreaterThan(5);
    expect(ctx.store.getSetting('after')).toBe('lock');
    other.close();
    ctx.close();
  });

  it('writes blobs content-addressed and detects a changed file', async () => {
    const ctx = open();
    const sha = await ctx.store.blobs.put(Buffer.from('attachment bytes'));
    expect(await ctx.store.blobs.put(Buffer.from('attachment bytes'))).toBe(sha);
    expect(ctx.store.blobs.verify(sha)).toBe(true);
    fs.appendFileSync(ctx.store.blobs.pathOf(sha), 'x');
    expect(ctx.store.blobs.verify(sha)).toBe(false);
    ctx.close();
  });

  it('stores submission passwords only as scrypt hashes', async () => {
    const ctx = open();
    ctx.sellers.add({ id: 'shop-one', name: 'One', email: 'CS@One.example', password: 'hunter2!', language: 'en' });
    const row = ctx.store.db.prepare('SELECT email, password_hash FROM sellers').get() as {
      email: string;
      password_hash: string;
    };
    expect(row.email).toBe('cs@one.example');
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('hunter2');
    await expect(ctx.sellers.checkPassword('shop-one', 'hunter2!')).resolves.toBe(true);
    await expect(ctx.sellers.checkPassword('shop-one', 'hunter2')).resolves.toBe(false);
    ctx.close();
  });
});
