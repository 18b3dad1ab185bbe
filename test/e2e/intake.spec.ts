/**
 * The IMAP intake end to end: a seller on a machine no buyer's mail server can reach sets up a shop and, in first run,
 * connects the mailbox where buyer mail arrives — a real Dovecot (test/support/dovecot.ts) with a self-signed
 * certificate, trusted by its fingerprint. A buyer message appended to that mailbox's INBOX shows in the inbox within
 * 5 s, and the seller's reply from the composer reaches the smarthost, addressed to the buyer.
 */
import { makeCertKit, type CertKit } from '../support/certs.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import { ParleyEnv } from './support/parley-env.js';

const MAILBOX = { user: 'relay-box', password: 'imap-secret-1' };
const BUYER = { name: 'Greta Hartmann', address: 'greta.hartmann@example.de' };

function buyerMessage(to: string, subject: string): string {
  return [
    `Return-Path: <${BUYER.address}>`,
    `Delivered-To: ${to}`,
    `From: ${BUYER.name} <${BUYER.address}>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${Date.now()}.kerzen@example.de>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hallo,',
    '',
    'machen Sie auch Kerzenständer aus Kirschholz?',
    '',
    'Greta',
    '',
  ].join('\r\n');
}

test('first run connects a mailbox; buyer mail appended there shows within 5 s and the reply reaches the smarthost', async ({
  page,
  shoot,
}) => {
  let env: ParleyEnv | undefined;
  let dovecot: Dovecot | undefined;
  let certs: CertKit | undefined;
  try {
    certs = makeCertKit();
    const cert = certs.selfSigned(['127.0.0.1']);
    dovecot = await startDovecot({ users: [MAILBOX], tls: cert });
    env = await ParleyEnv.create({ demo: false });

    await page.goto(env.server.url);
    await page.getByRole('combobox', { name: /language|sprache/i }).selectOption('en');
    await page.getByRole('button', { name: 'Set up my shop' }).click();
    const shop = page.getByRole('form', { name: 'Set up my shop' });
    await shop.getByLabel(/shop name/i).fill('Drechslerei Vogel');
    await shop.getByLabel(/customer-service address/i).fill('kontakt@drechslerei-vogel.example');
    await shop.getByLabel(/smarthost url/i).fill(env.smarthost.url);
    await shop.getByRole('button', { name: 'Create my shop' }).click();

    // Where buyer mail arrives: the mailbox, over implicit TLS with a certificate no authority signed.
    const step = page.getByTestId('first-run-mailbox');
    await expect(step.getByRole('heading', { name: 'Where does buyer mail arrive?' })).toBeVisible({
      timeout: 20_000,
    });
    const form = step.getByRole('form', { name: 'Connect a mailbox' });
    const server = form.getByLabel(/IMAP server/);
    await server.fill(`imaps://${MAILBOX.user}@127.0.0.1:${dovecot.tlsPort}`);
    await server.blur();
    await expect(server).toHaveValue('127.0.0.1');
    await expect(form.getByLabel('Login')).toHaveValue(MAILBOX.user);
    await form.getByLabel('Password').fill(MAILBOX.password);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const warning = form.getByTestId('intake-certificate');
    await expect(warning).toContainText(cert.fingerprint256);
    await shoot(page, 'intake-first-run-certificate');
    await warning.getByRole('button', { name: 'Trust this certificate' }).click();
    await expect(form.getByTestId('intake-test-result')).toContainText('Connected: INBOX holds no messages.');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByTestId('first-run-done').click(); // past the mail program's login, shown once

    const inbox = new InboxPage(page);
    await expect(inbox.filters).toBeVisible({ timeout: 20_000 });
    const bar = page.getByTestId('intake-status');
    await expect(bar).toHaveAttribute('data-state', 'ok');
    await expect(bar).toContainText('Mailbox connected');
    const status = await env.server.call('app.status', {});
    expect(status.intake).toMatchObject([{ state: 'idle', idleSupported: true, lastError: null }]);
    const [account] = await env.server.call('intake.list', {});
    expect(account).toMatchObject({ user: MAILBOX.user, secure: true, trustFingerprint: cert.fingerprint256 });
    expect(JSON.stringify([status, account])).not.toContain(MAILBOX.password);

    // A buyer writes to the shop's relay address; the mail host drops it into the mailbox.
    const relayAddress = status.seller!.relayAddress;
    const appended = Date.now();
    await dovecot.append(MAILBOX.user, 'INBOX', buyerMessage(relayAddress, 'Kerzenständer aus Kirschholz?'));
    await expect(inbox.row(BUYER.name)).toHaveCount(1, { timeout: 5_000 });
    const shownAfter = Date.now() - appended;
    console.log(`intake e2e: appended to INBOX → in the inbox after ${shownAfter} ms`);
    expect(shownAfter).toBeLessThan(5_000);
    await inbox.expectCount('response-needed', 1);
    await expect.poll(() => dovecot!.count(MAILBOX.user, 'Parley/Done')).toBe(1);
    await shoot(page, 'intake-inbox');

    // The seller answers from the composer: the reply leaves through the smarthost to the buyer.
    await inbox.openConversation(BUYER.name);
    const composer = await inbox.reply('Kirschholz');
    await inbox.body(composer).fill('Guten Tag,\n\nja, gern — in drei Größen.\n\nViele Grüße\nDrechslerei Vogel');
    await inbox.send(composer);
    const [reply] = await env.smarthost.waitFor(BUYER.address, { ms: 15_000 });
    expect(reply.subject).toBe('Re: Kerzenständer aus Kirschholz?');
    expect(reply.text).toContain('in drei Größen');
    // The buyer sees the pair's reply address, never the seller's own (R6).
    expect(reply.from?.text).not.toContain('kontakt@drechslerei-vogel.example');
    await inbox.expectCount('response-needed', 0);
  } finally {
    await env?.dispose();
    await dovecot?.stop();
    certs?.remove();
  }
});
