import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { isValidSellerId, sellerIdProblem } from './seller-ids.js';

describe('the seller rules every front door shares', () => {
  let dataDir: string;
  let ctx: CoreContext;
  const add = (id: string, email: string) => ctx.sellers.add({ id, name: id, email, password: 'pw', language: 'en' });

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-sellers-'));
    ctx = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
  });
  afterEach(() => {
    ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes only ids that are neither a buyer alias (R1) nor a name the relay domain needs', () => {
    expect(isValidSellerId('shop-one')).toBe(true);
    expect(isValidSellerId('abc')).toBe(true);
    expect(isValidSellerId('a'.repeat(40))).toBe(true);
    for (const bad of ['ab', 'a'.repeat(41), '1shop', 'Shop', 'shop_one', 'shop.one', '']) {
      expect(sellerIdProblem(bad)).toMatch(/must be 3–40 characters/);
    }
    expect(sellerIdProblem('abcdefghijklmno')).toMatch(/shape of a buyer alias \(R1\)/);
    expect(isValidSellerId('abcdefghijklmn')).toBe(true); // 14: not an alias
    for (const reserved of ['postmaster', 'abuse', 'bounce', 'action', 'mailer-daemon', 'no-reply', 'noreply']) {
      expect(sellerIdProblem(reserved)).toMatch(/is reserved for the relay domain itself/);
    }
  });

  it('refuses to add a seller with such an id, or with an address another seller owns (R9)', () => {
    expect(() => add('postmaster', 'pm@x.example')).toThrow(
      expect.objectContaining({ code: 'EBADINPUT', message: expect.stringMatching(/"postmaster" is reserved/) }),
    );
    expect(() => add('abcdefghijklmno', 'a@x.example')).toThrow(expect.objectContaining({ code: 'EBADINPUT' }));
    expect(ctx.sellers.list()).toEqual([]);

    add('shop-one', 'cs@shop-one.example');
    ctx.sellers.authorize('shop-one', 'lager@shop-one.example');
    expect(() => add('shop-one', 'new@x.example')).toThrow(
      expect.objectContaining({ code: 'EEXISTS', message: 'seller "shop-one" exists already' }),
    );
    for (const taken of ['CS@shop-one.example', 'lager@shop-one.example']) {
      expect(() => add('shop-two', taken)).toThrow(
        expect.objectContaining({
          code: 'EEXISTS',
          message: `${taken.toLowerCase()} is already the address of the shop "shop-one"`,
        }),
      );
    }
    expect(add('shop-two', 'cs@shop-two.example').email).toBe('cs@shop-two.example');
  });

  it("authorizes a seller's own new addresses (R7) and never another seller's (R9)", () => {
    add('shop-one', 'cs@shop-one.example');
    add('shop-two', 'cs@shop-two.example');
    ctx.sellers.authorize('shop-one', 'Lager@Shop-One.example');
    ctx.sellers.authorize('shop-one', 'lager@shop-one.example'); // again: no change
    ctx.sellers.authorize('shop-one', 'cs@shop-one.example'); // the registered address is authorized already
    expect(ctx.sellers.authorizedSenders('shop-one')).toEqual(['lager@shop-one.example']);

    for (const owned of ['cs@shop-one.example', 'LAGER@shop-one.example']) {
      expect(() => ctx.sellers.authorize('shop-two', owned)).toThrow(
        expect.objectContaining({
          code: 'EOTHERSELLER',
          message: `${owned.toLowerCase()} belongs to another shop: sellers do not write to each other's buyers (R9)`,
        }),
      );
    }
    expect(ctx.sellers.authorizedSenders('shop-two')).toEqual([]);
    expect(ctx.sellers.isAuthorizedSender('shop-two', 'cs@shop-one.example')).toBe(false);
    expect(() => ctx.sellers.authorize('nobody', 'x@x.example')).toThrow(
      expect.objectContaining({ code: 'ENOTFOUND' }),
    );
  });

  it("changes a seller's address only to one no other seller registered or authorized (R9)", () => {
    add('shop-one', 'cs@shop-one.example');
    add('shop-two', 'cs@shop-two.example');
    ctx.sellers.authorize('shop-one', 'lager@shop-one.example');
    for (const owned of ['CS@shop-one.example', 'lager@shop-one.example']) {
      expect(() => ctx.sellers.update('shop-two', { email: owned })).toThrow(
        expect.objectContaining({ code: 'EEXISTS', message: expect.stringContaining('"shop-one"') }),
      );
    }
    expect(ctx.sellers.require('shop-two').email).toBe('cs@shop-two.example');
    // Its own authorized address may become the registered one; an unused one may too.
    expect(ctx.sellers.update('shop-one', { email: 'Lager@shop-one.example' }).email).toBe('lager@shop-one.example');
    expect(ctx.sellers.update('shop-two', { email: 'neu@shop-two.example' }).email).toBe('neu@shop-two.example');
  });

  it('creates a seller with the password hashed off the event loop, under the same rules as add', async () => {
    const created = ctx.sellers.create({
      id: 'shop-one',
      name: 'One',
      email: 'cs@one.example',
      password: 'pw-1',
      language: 'en',
    });
    let settledBeforeNextTurn = false;
    void created.then(() => (settledBeforeNextTurn = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settledBeforeNextTurn, 'still hashing on the thread pool').toBe(false);
    expect((await created).id).toBe('shop-one');
    expect(await ctx.sellers.checkPassword('shop-one', 'pw-1')).toBe(true);
    expect(await ctx.sellers.checkPassword('shop-one', 'pw-2')).toBe(false);
    await expect(
      ctx.sellers.create({ id: 'shop-two', name: 'Two', email: 'CS@one.example', password: 'x', language: 'en' }),
    ).rejects.toMatchObject({ code: 'EEXISTS' });
    await expect(
      ctx.sellers.create({ id: 'shop-one', name: 'One', email: 'other@one.example', password: 'x', language: 'en' }),
    ).rejects.toMatchObject({ code: 'EEXISTS' });
  });
});

describe('who owns an address, as the relay asks for every message', () => {
  let dataDir: string;
  let ctx: CoreContext;
  let other: CoreContext;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-owners-'));
    ctx = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
    // A second process on the same store: the CLI while the relay runs.
    other = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
    ctx.sellers.add({ id: 'shop-one', name: 'One', email: 'cs@shop-one.example', password: 'pw', language: 'en' });
  });
  afterEach(() => {
    other.close();
    ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows every change: its own, another process’s, and none from a write rolled back', async () => {
    const owners = () => ctx.sellers.sellersOwning('Lager@shop-one.example');
    // Another process's change is seen from the relay's next piece of work on: it reads the store's change counter
    // once per synchronous run of code, not for every question.
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    expect(owners()).toEqual([]);
    ctx.sellers.authorize('shop-one', 'lager@shop-one.example');
    expect(owners()).toEqual(['shop-one']);
    other.sellers.unauthorize('shop-one', 'lager@shop-one.example');
    await nextTurn();
    expect(owners()).toEqual([]);
    other.sellers.authorize('shop-one', 'lager@shop-one.example');
    await nextTurn();
    expect(owners()).toEqual(['shop-one']);
    ctx.sellers.unauthorize('shop-one', 'lager@shop-one.example');
    expect(owners()).toEqual([]);

    // Asked inside a transaction that is then rolled back: the answer seen inside does not outlive it.
    expect(() =>
      ctx.store.transaction(() => {
        ctx.sellers.authorize('shop-one', 'lager@shop-one.example');
        expect(owners()).toEqual(['shop-one']);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    // Another process's change takes the store's change counter where the rolled-back write had taken it: what was
    // seen inside the rolled-back transaction must not come back.
    other.sellers.authorize('shop-one', 'versand@shop-one.example');
    await nextTurn();
    expect(owners()).toEqual([]);
    expect(ctx.sellers.sellersOwning('versand@shop-one.example')).toEqual(['shop-one']);

    other.sellers.update('shop-one', { email: 'lager@shop-one.example' });
    await nextTurn();
    expect(owners()).toEqual(['shop-one']);
    expect(ctx.sellers.sellersOwning('cs@shop-one.example')).toEqual([]);
  });
});
