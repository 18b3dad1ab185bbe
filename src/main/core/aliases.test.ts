import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALIAS_PATTERN, newUniqueLocalPart, randomLocalPart } from './aliases.js';
import { CoreContext } from './context.js';
import { sqlRun, sqlValue } from './store/inspect.js';

describe('aliases (R1)', () => {
  const dirs: string[] = [];
  const open = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-alias-'));
    dirs.push(dataDir);
    const ctx = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
    ctx.sellers.add({ id: 'shop-one', name: 'One', email: 'cs@one.example', password: 'pw', language: 'en' });
    ctx.sellers.add({ id: 'shop-two', name: 'Two', email: 'cs@two.example', password: 'pw', language: 'de' });
    return ctx;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('draws 15 characters of [a-z0-9], all of them in use, none favoured', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const local = randomLocalPart();
      expect(local).toMatch(ALIAS_PATTERN);
      for (const c of local) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(36);
    const expected = (20_000 * 15) / 36;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.06);
  });

  it('gives 100,000 pairs 100,000 different aliases, each stored once', () => {
    const ctx = open();
    const seen = new Set<string>();
    ctx.store.transaction(() => {
      for (let i = 0; i < 100_000; i++) seen.add(ctx.pairs.ensurePair('shop-one', `b${i}@buyers.example`).alias);
    });
    expect(seen.size).toBe(100_000);
    expect(sqlValue(ctx.store, 'SELECT COUNT(DISTINCT alias) FROM pairs')).toBe(100_000);
    ctx.close();
  }, 120_000);

  it('gives the same buyer a different alias at every seller', () => {
    const ctx = open();
    const one = ctx.pairs.ensurePair('shop-one', 'anna@buyers.example');
    const two = ctx.pairs.ensurePair('shop-two', 'anna@buyers.example');
    expect(one.alias).not.toBe(two.alias);
    expect(one.replyToken).not.toBe(two.replyToken);
    ctx.close();
  });

  it('keeps an alias forever: the same pair, any letter case, after reopening, and the store refuses to change or delete it', () => {
    const ctx = open();
    const first = ctx.pairs.ensurePair('shop-one', 'Anna@Buyers.example', 'Anna');
    expect(ctx.pairs.ensurePair('shop-one', 'anna@buyers.example').alias).toBe(first.alias);
    ctx.orders.upsert({
      sellerId: 'shop-one',
      orderId: '302-1',
      buyerEmail: 'anna@buyers.example',
      purchasedAt: '2026-11-01',
    });
    expect(ctx.orders.require('302-1').alias).toBe(first.alias);
    expect(() => sqlRun(ctx.store, 'UPDATE pairs SET alias = ? WHERE id = ?', 'aaaaaaaaaaaaaaa', first.id)).toThrow(
      /never change/,
    );
    expect(() => sqlRun(ctx.store, 'DELETE FROM pairs WHERE id = ?', first.id)).toThrow(/never deleted/);
    const dataDir = ctx.store.dataDir;
    ctx.close();
    const again = new CoreContext({ dataDir, dns: 'offline' });
    expect(again.pairs.find('shop-one', 'anna@buyers.example')!.alias).toBe(first.alias);
    again.close();
  });

  it('retries a taken value and gives up loudly rather than reuse one', () => {
    let calls = 0;
    expect(newUniqueLocalPart(() => ++calls < 3)).toMatch(ALIAS_PATTERN);
    expect(calls).toBe(3);
    expect(() => newUniqueLocalPart(() => true)).toThrow(/could not draw/);
  });
});
