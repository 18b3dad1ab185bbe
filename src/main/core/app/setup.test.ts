import crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { invokeCall } from '../transport/invoke.js';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();

describe("the app's seller rules are the repository's (the CLI calls the same)", () => {
  it("refuses another shop's address as an authorized sender (R9), with the key and params the UI words, and takes the shop's own (R7)", async () => {
    const app = await apps.demo();
    app.ctx.sellers.add({ id: 'other-shop', name: 'Other', email: 'cs@other.example', password: 'x', language: 'en' });
    app.ctx.sellers.authorize('other-shop', 'lager@other.example');
    const call = (email: string) => invokeCall(app.service.handlers, 'senders.add', { email });

    for (const owned of ['cs@other.example', 'lager@other.example']) {
      expect(await call(owned)).toEqual({
        ok: false,
        error: {
          code: 'EOTHERSELLER',
          message: `${owned} belongs to another shop: sellers do not write to each other's buyers (R9)`,
          // What the UI words in the seller's language (api/error-strings.ts).
          key: 'sender.otherShop',
          params: { address: owned },
        },
      });
    }
    expect(await call('versand@holzwerkstatt-berger.example')).toEqual({
      ok: true,
      value: ['versand@holzwerkstatt-berger.example'],
    });
    expect(app.ctx.sellers.authorizedSenders('other-shop')).toEqual(['lager@other.example']);
  });

  it('sets up no shop on an address another shop authorized (R9), and never under a reserved id', async () => {
    const app = await apps.demo();
    app.ctx.sellers.authorize('holzwerkstatt', 'lager@holzwerkstatt-berger.example');
    const setup = (email: string) =>
      invokeCall(app.service.handlers, 'setup.shop', { name: 'Postmaster', email, language: 'en' });

    expect(await setup('lager@holzwerkstatt-berger.example')).toEqual({
      ok: false,
      error: {
        code: 'EEXISTS',
        message: 'lager@holzwerkstatt-berger.example is already the address of the shop "holzwerkstatt"',
        key: 'address.taken',
        params: { address: 'lager@holzwerkstatt-berger.example', shop: 'holzwerkstatt' },
      },
    });
    const made = await setup('info@postmaster.example');
    expect(made).toMatchObject({ ok: true, value: { seller: { id: 'postmaster-shop' } } });
    expect(app.ctx.sellers.list().map((s) => s.id)).toEqual(['holzwerkstatt', 'postmaster-shop']);
  });

  it("hashes the new shop's submission password on the thread pool, never on the event loop the relay answers from", async () => {
    const app = await apps.empty();
    const onLoop = vi.spyOn(crypto, 'scryptSync');
    const onPool = vi.spyOn(crypto, 'scrypt');
    try {
      const made = await invokeCall(app.service.handlers, 'setup.shop', {
        name: 'Kleiner Laden',
        email: 'info@kleiner-laden.example',
        language: 'de',
      });
      expect(made).toMatchObject({ ok: true });
      expect(onLoop).not.toHaveBeenCalled();
      expect(onPool).toHaveBeenCalledTimes(1);
    } finally {
      onLoop.mockRestore();
      onPool.mockRestore();
    }
  });
});
