/**
 * The IMAP intake's contract calls over a fake engine (testing/fake-intake.ts): what the schemas refuse, that a
 * password goes in and never comes back, that a state change is pushed (only the shop's, scrubbed), held messages
 * without their sender (R5), and a new intake over the reopened store after a domain change. The intake itself is
 * tested against a real Dovecot (src/main/core/intake, test/e2e/intake.spec.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { ParleyError } from '../errors.js';
import { DEMO_SELLER } from '../ops/demo.js';
import { HIDDEN_ADDRESS } from './intake-views.js';
import { fakeIntakes } from './testing/fake-intake.js';
import { removeTestDirs, startDemoApp, type TestApp } from './testing/test-app.js';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0')).join(':');
const SECRET = 'correct-horse-battery-staple';

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  removeTestDirs();
});

async function start() {
  const intakes = fakeIntakes();
  const app = await startDemoApp({ intake: intakes.factory });
  open.push(app);
  return { app, intakes };
}

describe('intake calls', () => {
  it.each([
    ['an http URL', { url: 'http://shop@imap.example.com' }],
    ['a URL without a user', { url: 'imaps://imap.example.com:993' }],
    ['a URL with a path', { url: 'imaps://shop@imap.example.com/INBOX' }],
    ['a port of six digits', { url: 'imaps://shop@imap.example.com:993993' }],
    ['an empty password', { password: '' }],
    ['a password over 1000 characters', { password: 'x'.repeat(1001) }],
    ['a folder with a line break', { folder: 'INBOX\r\nA1 LOGOUT' }],
    ['an empty folder', { folder: '  ' }],
    ['a fingerprint of SHA-1 length', { trustFingerprint: FINGERPRINT.slice(0, 59) }],
    ['a fingerprint without colons', { trustFingerprint: FINGERPRINT.replace(/:/g, '') }],
    ['an unknown field', { token: 'abc' }],
  ])('refuses %s before the intake sees it', async (_name, change) => {
    const { app, intakes } = await start();
    const input = { url: 'imaps://shop@imap.example.com:993', password: SECRET, ...change };
    await expect(app.call('intake.test', input as never)).rejects.toBeInstanceOf(ZodError);
    await expect(app.call('intake.add', input as never)).rejects.toBeInstanceOf(ZodError);
    expect(intakes.last.tested).toEqual([]);
  });

  it('takes a login that is an address, the default folder and a fingerprint in any letter case', async () => {
    const { app, intakes } = await start();
    const result = await app.call('intake.test', {
      url: ' imaps://shop@example.com@imap.example.com:993 ',
      password: SECRET,
      trustFingerprint: FINGERPRINT,
    });
    expect(result).toEqual({ idleSupported: true, messages: 3 });
    expect(intakes.last.tested).toEqual([
      {
        sellerId: DEMO_SELLER.id,
        url: 'imaps://shop@example.com@imap.example.com:993',
        folder: 'INBOX',
        password: SECRET,
        trustFingerprint: FINGERPRINT.toUpperCase(),
      },
    ]);
  });

  it('keeps the password in the secret store and never returns it', async () => {
    const { app, intakes } = await start();
    app.events.length = 0;
    const added = await app.call('intake.add', {
      url: 'imap://shop@127.0.0.1:1143',
      password: SECRET,
      folder: 'Käufer',
    });
    expect(added).toMatchObject({ host: '127.0.0.1', port: 1143, secure: false, folder: 'Käufer', hasSecret: true });
    expect(added).not.toHaveProperty('password');
    expect(intakes.last.accounts[0]).toHaveProperty('password', SECRET); // the fake's own field stays behind
    const everything = JSON.stringify([
      added,
      await app.call('intake.list', {}),
      await app.call('intake.status', {}),
      await app.call('app.status', {}),
      await app.call('intake.held', {}),
      app.events,
    ]);
    expect(everything).not.toContain(SECRET);
  });

  it("pushes each state change of the shop's mailboxes as intake.status, and app.status has them", async () => {
    const { app, intakes } = await start();
    const account = await app.call('intake.add', { url: 'imaps://shop@imap.example.com', password: SECRET });
    app.events.length = 0;
    intakes.last.push({ accountId: 99, sellerId: 'another-shop', state: 'idle' });
    intakes.last.push({
      accountId: account.id,
      sellerId: DEMO_SELLER.id,
      state: 'retrying',
      nextRetryAt: '2026-01-01T10:00:30.000Z',
      lastError: {
        code: 'EDELIVERY',
        message: 'Login failed for shop@imap.example.com',
        key: 'intake.authFailed',
        params: {},
      },
    });
    const pushed = await app.waitForEvent('intake.status');
    expect(pushed).toMatchObject({ accountId: account.id, state: 'retrying', nextRetryAt: '2026-01-01T10:00:30.000Z' });
    expect(pushed.lastError?.message).toBe('Login failed for shop@imap.example.com'); // the seller's own login
    expect(app.events.filter((e) => e.event === 'intake.status')).toHaveLength(1); // not the other shop's
    expect((await app.call('app.status', {})).intake).toEqual([pushed]);
    expect(await app.call('intake.status', {})).toEqual([pushed]);
  });

  it('lists held messages with whom they were for and the reason, never who sent them (R5)', async () => {
    const { app, intakes } = await start();
    const relayAddress = `nobody@${app.ctx.domain}`;
    intakes.last.heldMessages.push({
      id: 1,
      accountId: 1,
      sellerId: DEMO_SELLER.id,
      heldAt: '2026-01-01T10:00:00.000Z',
      subject: 'Frage von greta.hartmann@example.de an nobody',
      recipient: relayAddress,
      size: 2048,
      reason: {
        code: 'EPOLICY',
        message: `No such address: ${relayAddress} (from greta.hartmann@example.de)`,
        key: 'intake.unknownRecipient',
        params: { recipient: relayAddress, sender: 'Greta.Hartmann@example.de' },
      },
    });
    const held = await app.call('intake.held', {});
    expect(held).toHaveLength(1);
    expect(JSON.stringify(held).toLowerCase()).not.toContain('greta.hartmann@example.de');
    expect(held[0]).toMatchObject({
      subject: `Frage von ${HIDDEN_ADDRESS} an nobody`,
      recipient: relayAddress,
      reason: {
        key: 'intake.unknownRecipient',
        message: `No such address: ${relayAddress} (from ${HIDDEN_ADDRESS})`,
        params: { recipient: relayAddress, sender: HIDDEN_ADDRESS },
      },
    });
  });

  it("checks now and removes only the shop's own mailboxes", async () => {
    const { app, intakes } = await start();
    const mine = await app.call('intake.add', { url: 'imaps://shop@imap.example.com', password: SECRET });
    const theirs = await intakes.last.add({
      sellerId: 'another-shop',
      url: 'imaps://x@imap.example.org',
      password: 'p',
    });
    await app.call('intake.check', {});
    await app.call('intake.check', { id: mine.id });
    expect(intakes.last.checked).toEqual([mine.id, mine.id]);
    for (const call of ['intake.check', 'intake.remove'] as const) {
      const refused = await app.call(call, { id: theirs.id }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ParleyError);
      expect(refused).toMatchObject({ code: 'ENOTFOUND', detail: { key: 'intake.notFound' } });
    }
    expect(await app.call('intake.remove', { id: mine.id })).toEqual([]);
    expect(intakes.last.list().map((a) => a.id)).toEqual([theirs.id]);
  });

  it('starts with the app, stops with it, and runs anew over the store of a new relay domain', async () => {
    const { app, intakes } = await start();
    const first = intakes.last;
    expect(first.started).toBe(1);
    await app.call('settings.update', { relay: { domain: 'relay.new-shop.example' } });
    expect(intakes.made).toHaveLength(2);
    expect(first.stopped).toBe(1);
    expect(intakes.last.started).toBe(1);
    // The new engine's changes are pushed; the old one's listener is gone.
    app.events.length = 0;
    first.push({ accountId: 1, sellerId: DEMO_SELLER.id });
    intakes.last.push({ accountId: 2, sellerId: DEMO_SELLER.id });
    expect(app.events.filter((e) => e.event === 'intake.status').map((e) => e.payload)).toMatchObject([
      { accountId: 2 },
    ]);
    await app.close();
    open.length = 0;
    expect(intakes.last.stopped).toBe(1);
  });
});
