/**
 * The IMAP intake through the app's contract calls, against a real Dovecot (test/support/dovecot.ts): a wrong password
 * is a worded failure and nothing is stored; a connected mailbox's password is kept in the secret store and in no
 * output; buyer mail appended to it arrives as 'message.new' with the state pushed as 'intake.status'; a message for
 * nobody here is listed as held without its sender (R5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../../src/main/core/errors.js';
import { SECRET_KEYS } from '../../src/main/core/app/secrets.js';
import { removeTestDirs, startDemoApp, type TestApp } from '../../src/main/core/app/testing/test-app.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';

const MAILBOX = { user: 'demo-box', password: 'imap-pass-7c1e' };
const BUYER = 'paula.schenk@buyers.example';

let dovecot: Dovecot;
let app: TestApp;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [MAILBOX] });
  app = await startDemoApp();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await dovecot?.stop();
  removeTestDirs();
});

describe('the intake through the app', () => {
  it('says a wrong password in words and stores nothing', async () => {
    const refused = await app
      .call('intake.test', { url: dovecot.url(MAILBOX.user), password: 'wrong-one' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ParleyError);
    expect(refused).toMatchObject({ detail: { key: 'intake.authFailed' } });
    await expect(app.call('intake.add', { url: dovecot.url(MAILBOX.user), password: 'wrong-one' })).rejects.toThrow();
    expect(await app.call('intake.list', {})).toEqual([]);
  });

  it('connects, keeps the password only in the secret store, and brings buyer mail in with its state pushed', async () => {
    const relayAddress = app.ctx.addresses.sellerAddress((await app.call('app.status', {})).seller!.id);
    expect(await app.call('intake.test', { url: dovecot.url(MAILBOX.user), password: MAILBOX.password })).toEqual({
      idleSupported: true,
      messages: 0,
    });
    app.events.length = 0;
    const account = await app.call('intake.add', { url: dovecot.url(MAILBOX.user), password: MAILBOX.password });
    expect(account).toMatchObject({ user: MAILBOX.user, folder: 'INBOX', hasSecret: true });
    const secrets = JSON.parse(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8')) as object;
    expect(secrets).toMatchObject({ [SECRET_KEYS.intakePassword(account.id)]: MAILBOX.password });
    const idle = await app.waitForEvent('intake.status', (s) => s.accountId === account.id && s.state === 'idle');
    expect(idle).toMatchObject({ idleSupported: true, lastError: null, label: expect.stringContaining(MAILBOX.user) });

    await dovecot.append(
      MAILBOX.user,
      'INBOX',
      `Delivered-To: ${relayAddress}\r\nFrom: Paula Schenk <${BUYER}>\r\nTo: ${relayAddress}\r\n` +
        'Subject: Geschenkverpackung?\r\nMessage-ID: <gv1@buyers.example>\r\n\r\nGeht das als Geschenk?\r\n',
    );
    const arrived = await app.waitForEvent('message.new', (m) => m.subject === 'Geschenkverpackung?');
    expect(arrived).toMatchObject({ direction: 'buyer-to-seller', fromLabel: 'Paula Schenk' });
    await app.waitForEvent('intake.status', (s) => s.accountId === account.id && s.recorded === 1);

    await dovecot.append(
      MAILBOX.user,
      'INBOX',
      `From: Paula Schenk <${BUYER}>\r\nTo: nobody-here@${app.ctx.domain}\r\n` +
        `Subject: Frage von ${BUYER}\r\nMessage-ID: <gv2@buyers.example>\r\n\r\nHallo\r\n`,
    );
    await app.waitForEvent('intake.status', (s) => s.accountId === account.id && s.held === 1);
    const held = await app.call('intake.held', {});
    expect(held).toMatchObject([
      { recipient: `nobody-here@${app.ctx.domain}`, reason: { key: 'intake.unknownRecipient' } },
    ]);

    const everything = JSON.stringify([
      await app.call('intake.list', {}),
      await app.call('intake.status', {}),
      await app.call('app.status', {}),
      held,
      app.events,
    ]);
    expect(everything).not.toContain(MAILBOX.password);
    expect(everything.toLowerCase()).not.toContain(BUYER);

    expect(await app.call('intake.remove', { id: account.id })).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8'))).not.toHaveProperty(
      SECRET_KEYS.intakePassword(account.id),
    );
  }, 60_000);
});
