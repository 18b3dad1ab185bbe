/**
 * "A risky send asks first" (R11), in Debian's Chromium against `parley serve --http` with the
 * demo data (Lukas Weber opted out of unsolicited messages; Anna Müller's order is handmade).
 * - Typing a review request marked [Wichtig] shows the R11 warning with the phrases that decided it;
 *   Send alone does not send it, "Send anyway" does, and the R11 log shows the override.
 * - The same message from the seller's mail program (SMTP submission to the running relay) is held;
 *   "Release" in the conversation sends it, and the R11 log says "released".
 * - A customization question marked [Wichtig] to an opted-out buyer of a handmade order goes at once.
 * These rely on the shipped classifier model.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import type { ParleyEnv } from './support/parley-env.js';

const PARLEY = path.resolve(import.meta.dirname, '../../bin/parley.js');
const LUKAS = { name: 'Lukas Weber', address: 'lukas.weber@example.de' };
const ANNA = { name: 'Anna Müller', address: 'anna.mueller@example.de' };
const SHOP = { id: 'holzwerkstatt', email: 'service@holzwerkstatt-berger.example', password: 'demo-password' };
const REVIEW = {
  subject: 'Bitte bewerten Sie uns',
  body: 'Hallo, wir würden uns sehr über eine positive Bewertung mit fünf Sternen freuen. Vielen Dank!',
};

test.beforeAll(async ({ demoEnv }) => {
  await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
});

/** Opens a new message to `buyer` from the conversation (All filter) and fills it in. */
async function compose(inbox: InboxPage, buyer: string, mail: { subject: string; body: string }): Promise<Locator> {
  await inbox.choose('all');
  await inbox.openConversation(buyer);
  await inbox.conversation.getByTestId('new-message-button').click();
  const composer = inbox.composer();
  await expect(composer).toBeVisible();
  await composer.getByRole('combobox', { name: 'Reason' }).selectOption('other');
  await composer.getByRole('textbox', { name: 'Subject' }).fill(mail.subject);
  await composer.getByRole('checkbox', { name: 'Mark as [Wichtig]' }).check();
  await inbox.body(composer).fill(mail.body);
  return composer;
}

/** The R11 log of the Performance view, once it shows `subject`. */
async function r11Log(page: Page, subject: string): Promise<Locator> {
  await page.getByTestId('nav-performance').click();
  const log = page.getByTestId('important-uses');
  await expect(log).toBeVisible({ timeout: 15_000 });
  await expect(log.getByTestId('important-use').filter({ hasText: subject }).first()).toBeVisible();
  return log;
}

/** The seller's mail program: SMTP submission with AUTH to the relay `parley serve` runs. */
async function fromMailProgram(env: ParleyEnv, to: string, mail: { subject: string; text: string }): Promise<string> {
  const status = await env.server.call('app.status', {});
  const port = Number(status.relayStatus.submission!.split(':').pop());
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    auth: { user: SHOP.id, pass: SHOP.password },
  });
  try {
    return (await transport.sendMail({ from: SHOP.email, to, ...mail })).response;
  } finally {
    transport.close();
  }
}

test('typing a review request marked [Wichtig] shows the R11 warning and its phrases; Send asks, "Send anyway" sends, the R11 log shows it', async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const composer = await compose(inbox, LUKAS.name, REVIEW);

  // The live check: the R11 warning with the deciding phrases, and Send will ask.
  const panel = composer.getByRole('complementary', { name: /policy check/i });
  await expect(panel.getByTestId('dryrun-verdict')).toHaveText(/asks first/i, { timeout: 15_000 });
  // Said once, first: the R11 words of a message Send asks about are the summary.
  await expect(panel.getByTestId('dry-run-summary')).toContainText('[Wichtig]');
  const category = panel.getByTestId('dryrun-category');
  await expect(category).toContainText('a review or feedback request');
  await expect(category.locator('q').first()).toHaveText(/bewert|Bewertung|Sternen/i);
  await shoot(composer, 'r11-dry-run');

  const before = demoEnv.smarthost.to(LUKAS.address).length;
  await inbox.send(composer);
  const dialog = composer.getByRole('alertdialog', { name: 'Send this message anyway?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog).toContainText('a review or feedback request');
  await expect(dialog.locator('q').first()).toBeVisible();
  await shoot(composer, 'r11-confirm');
  // Nothing went and nothing was recorded by Send alone.
  expect(demoEnv.smarthost.to(LUKAS.address)).toHaveLength(before);
  const lukas = (await demoEnv.server.call('inbox.list', { filter: 'all' })).rows.find(
    (r) => r.buyerName === LUKAS.name,
  )!;
  expect(
    (await demoEnv.server.call('conversation.get', { id: lukas.id })).messages.some(
      (m) => m.subject === `[Wichtig] ${REVIEW.subject}`,
    ),
  ).toBe(false);

  await dialog.getByRole('button', { name: 'Send anyway' }).click();
  await expect(composer).toBeHidden();
  const [mail] = await demoEnv.smarthost.waitFor(LUKAS.address, {
    count: before + 1,
    match: (m) => m.subject === `[Wichtig] ${REVIEW.subject}`,
  });
  expect(mail.text).toContain('fünf Sternen');

  const log = await r11Log(page, REVIEW.subject);
  const row = log.getByTestId('important-use').filter({ hasText: REVIEW.subject }).first();
  await expect(row.getByTestId('important-override')).toHaveText('sent anyway');
  await shoot(log, 'r11-log-sent-anyway');
});

test('the same message from the mail program is held, and released from the app', async ({ page, demoEnv, shoot }) => {
  const lukas = (await demoEnv.server.call('inbox.list', { filter: 'all' })).rows.find(
    (r) => r.buyerName === LUKAS.name,
  )!;
  const subject = `[Wichtig] ${REVIEW.subject} (Mailprogramm)`;
  expect(await fromMailProgram(demoEnv, lukas.aliasAddress, { subject, text: REVIEW.body })).toMatch(/held \(R11\)/);
  // Held, not forwarded: the record says so, and the notice to the shop says how to release it.
  const notices = await demoEnv.smarthost.waitFor(SHOP.email, { match: (m) => (m.subject ?? '').includes(subject) });
  expect(notices[0].text).toContain('Freigeben');
  expect(demoEnv.smarthost.to(LUKAS.address).filter((m) => m.raw.toString('latin1').includes('Mailprogramm'))).toEqual(
    [],
  );

  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.choose('all');
  await inbox.openConversation(LUKAS.name);
  const held = inbox.messages().filter({ hasText: 'Mailprogramm' }).first();
  await expect(held).toHaveAttribute('data-state', 'held');
  await expect(held.getByTestId('message-reasons')).toContainText('R11');
  await shoot(held, 'r11-held-message');
  await held.getByRole('button', { name: 'Release' }).click();
  await demoEnv.smarthost.waitFor(LUKAS.address, { match: (m) => m.subject === subject });
  const released = inbox.messages().filter({ hasText: 'Mailprogramm' }).first();
  await expect(released).toHaveAttribute('data-state', 'delivered', { timeout: 15_000 });
  await expect(released.getByRole('button', { name: 'Release' })).toHaveCount(0);
  await expect(released.getByTestId('released-note')).toBeVisible();

  const log = await r11Log(page, 'Mailprogramm');
  await expect(
    log.getByTestId('important-use').filter({ hasText: 'Mailprogramm' }).first().getByTestId('important-override'),
  ).toHaveText('released');
  await shoot(log, 'r11-log-released');
});

test('a customization question marked [Wichtig] to an opted-out buyer of a handmade order is delivered and called a customization question', async ({
  page,
  demoEnv,
}) => {
  const optOut = spawnSync(
    process.execPath,
    [PARLEY, 'buyer', 'opt-out', '--email', ANNA.address, '--data', demoEnv.dataDir],
    { encoding: 'utf8', timeout: 30_000 },
  );
  expect(optOut.status, optOut.stderr).toBe(0);
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const question = {
    subject: 'Welche Gravur wünschen Sie für das Schneidebrett?',
    body: 'Hallo Frau Müller,\n\nwelche Gravur wünschen Sie für Ihr Schneidebrett? Bitte schreiben Sie uns den genauen Text und die Schriftart.\n\nHolzwerkstatt Berger',
  };
  const composer = await compose(inbox, ANNA.name, question);
  const panel = composer.getByRole('complementary', { name: /policy check/i });
  await expect(panel.getByTestId('dryrun-verdict')).toHaveText(/will be delivered/i, { timeout: 15_000 });
  await expect(panel.getByTestId('dryrun-category')).toContainText('a customization question');
  await expect(panel.getByTestId('dryrun-r11')).toHaveCount(0);
  await inbox.send(composer);
  await expect(composer.getByRole('alertdialog')).toHaveCount(0);
  await expect(composer).toBeHidden();
  const [mail] = await demoEnv.smarthost.waitFor(ANNA.address, {
    match: (m) => m.subject === `[Wichtig] ${question.subject}`,
  });
  expect(mail.text).toContain('genauen Text');
});

test('the confirmation fits a 1024×700 and a 1440×900 window, in English and in German', async ({
  page,
  demoEnv,
  shoot,
}) => {
  try {
    for (const [width, height, language, words] of [
      ...(
        [
          [1024, 700],
          [1440, 900],
        ] as const
      ).flatMap(([w, h]) => [
        [
          w,
          h,
          'en',
          {
            send: 'Send',
            title: 'Send this message anyway?',
            anyway: 'Send anyway',
            cancel: 'Cancel',
            reason: 'Reason',
            subject: 'Subject',
            tag: 'Mark as [Wichtig]',
          },
        ] as const,
        [
          w,
          h,
          'de',
          {
            send: 'Senden',
            title: 'Diese Nachricht trotzdem senden?',
            anyway: 'Trotzdem senden',
            cancel: 'Abbrechen',
            reason: 'Anlass',
            subject: 'Betreff',
            tag: 'Als [Wichtig] markieren',
          },
        ] as const,
      ]),
    ]) {
      await page.setViewportSize({ width, height });
      await demoEnv.server.call('settings.update', { ui: { language } });
      // a fresh load reads the UI language (the same URL again would only move the fragment)
      await page.goto('about:blank');
      await page.goto(demoEnv.server.url);
      await page.getByTestId('filter-all').click(); // by test id: the landmarks' names are in the UI language
      await page.getByTestId('conversation-row').filter({ hasText: LUKAS.name }).first().click();
      await page.getByTestId('new-message-button').click();
      const composer = page.getByTestId('composer');
      await composer.getByRole('combobox', { name: words.reason }).selectOption('other');
      await composer.getByRole('textbox', { name: words.subject }).fill(REVIEW.subject);
      await composer.getByRole('checkbox', { name: words.tag }).check();
      await composer.getByRole('textbox', { name: language === 'en' ? 'Message' : 'Nachricht' }).fill(REVIEW.body);
      await expect(composer.getByTestId('dryrun-verdict')).toHaveText(/asks first|fragt zuerst/i, { timeout: 15_000 });
      await composer.getByRole('button', { name: new RegExp(`^${words.send}$`) }).click();
      const dialog = composer.getByRole('alertdialog', { name: words.title });
      await expect(dialog).toBeVisible();
      // Everything the seller needs to decide is on screen: the reason, and both buttons.
      await expect(dialog.getByRole('heading', { name: words.title })).toBeInViewport();
      await expect(dialog.getByRole('button', { name: words.anyway })).toBeInViewport();
      await expect(dialog.getByRole('button', { name: words.cancel })).toBeInViewport();
      await expect(dialog.getByRole('button', { name: words.cancel })).toBeFocused();
      await shoot(page, `r11-confirm-${width}x${height}-${language}`);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      // Cancelled: the composer and its text stay (the ticked box put its tag in the subject); nothing went.
      await expect(composer.getByRole('textbox', { name: words.subject })).toHaveValue(`[Wichtig] ${REVIEW.subject}`);
      await shoot(composer.getByRole('complementary'), `r11-dry-run-${width}x${height}-${language}`);
    }
  } finally {
    await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
  }
});
