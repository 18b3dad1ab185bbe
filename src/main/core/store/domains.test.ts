import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext, DEFAULT_DOMAIN } from '../context.js';
import { isParleyError } from '../errors.js';
import { checkDomainName } from './domains.js';
import { sqlExec, sqlValue } from './inspect.js';
import { MIGRATIONS } from './migrations.js';

describe('the relay domains a store has served', () => {
  let dataDir: string;
  let ctx: CoreContext | undefined;
  let now = new Date('2026-03-01T10:00:00.000Z');
  const open = (domain?: string) => {
    ctx?.close();
    ctx = new CoreContext({ dataDir, domain, dns: 'offline', clock: { now: () => now } });
    return ctx;
  };

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-domains-'));
    now = new Date('2026-03-01T10:00:00.000Z');
  });
  afterEach(() => {
    ctx?.close();
    ctx = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a new store serves the default domain, or the one it was opened with', () => {
    expect(open().domains.list()).toEqual([
      { name: DEFAULT_DOMAIN, firstServedAt: '2026-03-01T10:00:00.000Z', current: true },
    ]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    ctx?.close();
    ctx = undefined;
    fs.mkdirSync(dataDir);
    expect(open('Relay.Shop.Example').domain).toBe('relay.shop.example');
  });

  it('a new domain becomes current, the old ones stay served, and it all survives a reopen', () => {
    open('a.example');
    now = new Date('2026-04-01T08:00:00.000Z');
    const b = open('b.example');
    expect(b.replacedDomain).toBe('a.example');
    expect(b.domains.list()).toEqual([
      { name: 'b.example', firstServedAt: '2026-04-01T08:00:00.000Z', current: true },
      { name: 'a.example', firstServedAt: '2026-03-01T10:00:00.000Z', current: false },
    ]);
    // The seller's view (search) reads the setting: it follows the current domain.
    expect(b.store.getSetting('domain')).toBe('b.example');
    const again = open();
    expect(again.domain).toBe('b.example');
    expect(again.replacedDomain).toBeNull();
    expect(again.addresses.domains).toEqual(['b.example', 'a.example']);
    expect(again.addresses.parse('shop-one@a.example')).toEqual({ kind: 'seller', sellerId: 'shop-one' });
    expect(again.addresses.sellerAddress('shop-one')).toBe('shop-one@b.example');
    expect(again.addresses.isOwn('x@a.example')).toBe(true);
    expect(again.addresses.isOwn('x@c.example')).toBe(false);
  });

  it('going back to an old domain makes it current again and keeps its first day', () => {
    open('a.example');
    now = new Date('2026-04-01T08:00:00.000Z');
    open('b.example');
    now = new Date('2026-05-01T08:00:00.000Z');
    const back = open('a.example');
    expect(back.replacedDomain).toBe('b.example');
    expect(back.domains.list().map((d) => [d.name, d.current, d.firstServedAt])).toEqual([
      ['a.example', true, '2026-03-01T10:00:00.000Z'],
      ['b.example', false, '2026-04-01T08:00:00.000Z'],
    ]);
    expect(sqlValue(back.store, 'SELECT COUNT(*) FROM domains WHERE current = 1')).toBe(1);
  });

  it('the same domain again changes nothing', () => {
    open('a.example');
    expect(open('A.example.').replacedDomain).toBeNull();
    expect(ctx!.domains.names()).toEqual(['a.example']);
  });

  it('refuses a name that is not a domain, with a key the app words, and changes nothing', () => {
    open('a.example');
    for (const bad of ['localhost', 'no spaces.example', 'a..example', '-a.example', 'a-.example', 'x@y.example', '']) {
      let thrown: unknown;
      try {
        ctx!.domains.serve(bad);
      } catch (e) {
        thrown = e;
      }
      expect(isParleyError(thrown) && thrown.code, bad).toBe('EBADINPUT');
      expect(isParleyError(thrown) && thrown.detail).toEqual({ key: 'domain.invalid', params: { domain: bad } });
    }
    expect(() => checkDomainName(`${'a'.repeat(64)}.example`)).toThrow(/not a domain name/);
    expect(() => checkDomainName('relay.example.123')).toThrow(/not a domain name/);
    expect(checkDomainName(' Relay-1.Example.COM ')).toBe('relay-1.example.com');
    expect(ctx!.domains.names()).toEqual(['a.example']);
    expect(() => open('not a domain')).toThrow(/not a domain name/);
  });

  it('a store from before domains were kept is seeded with its domain, first served when its first shop was set up', () => {
    const old = open('legacy.example');
    old.sellers.add({ id: 'shop-one', name: 'Shop', email: 'cs@shop.example', password: 'pw', language: 'en' });
    const created = sqlValue<string>(old.store, 'SELECT created_at FROM sellers');
    // Migration 9 again, over a store as it was before: a 'domain' setting and no table.
    sqlExec(old.store, `DROP TABLE domains; ${MIGRATIONS.find((m) => m.version === 9)!.sql}`);
    now = new Date('2026-06-01T00:00:00.000Z');
    const reopened = open();
    expect(reopened.domains.list()).toEqual([{ name: 'legacy.example', firstServedAt: created, current: true }]);
  });
});
