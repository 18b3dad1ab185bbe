/**
 * The seller's day: Debian's Chromium against `parley serve --http` with
 * the demo data, three more buyers writing in over real SMTP before the inbox opens, and a real
 * smarthost that goes away and comes back. The tests run in file order on one data directory
 * (one worker), each starting from what the previous left, as a seller's day would; each one
 * asserts relative to what it finds, so after a failure (Playwright then starts a fresh worker,
 * hence fresh demo data) the rest still run and tell their own story.
 */
import { AxeBuilder } from '@axe-core/playwright';
import nodemailer from 'nodemailer';
import { expect, test } from './support/fixtures.js';
import { HOSTILE_SENTENCE } from './support/hostile.js';
import { InboxPage } from './support/inbox-page.js';
import { dropFile, inkOf } from './support/page-actions.js';
import { makePng } from './support/png.js';
import {
  ANSWERED,
  buyersWriteIn,
  JAMES,
  MALLORY,
  MARIA,
  NEEDING_RESPONSE,
  PETER,
  SPAM,
} from './support/sellers-day-cast.js';

test.beforeAll(async ({ demoEnv }) => {
  await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
  await buyersWriteIn(demoEnv);
  // The backend's own word, before any UI: five conversations wait for an answer (R20).
  await expect
    .poll(async () => (await demoEnv.server.call('inbox.counts', {}))['response-needed'])
    .toBe(NEEDING_RESPONSE.length);
});

test('the default filter shows only the conversations needing a response (R20)', async ({ page, demoEnv, shoot }) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  expect(await inbox.isActive('response-needed')).toBe(true);
  await expect(inbox.rows()).toHaveCount(NEEDING_RESPONSE.length);
  for (const name of NEEDING_RESPONSE) await expect(inbox.row(name)).toHaveCount(1);
  for (const name of ANSWERED) await expect(inbox.row(name)).toHaveCount(0);
  await inbox.expectCount('response-needed', NEEDING_RESPONSE.length);
  await shoot(page, 'inbox');
  await shoot(inbox.filters, 'filters');
  await shoot(inbox.list, 'conversation-list');

  // The filter really filters: All holds the answered ones too.
  await inbox.choose('all');
  await expect(inbox.rows()).toHaveCount(NEEDING_RESPONSE.length + ANSWERED.length);
  for (const name of ANSWERED) await expect(inbox.row(name)).toHaveCount(1);
  await inbox.expectCount('all', NEEDING_RESPONSE.length + ANSWERED.length);
});

test('one search box finds a buyer by alias, order number, name or words of a message (R3)', async ({
  page,
  demoEnv,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const james = (await demoEnv.server.call('inbox.list', { filter: 'all' })).rows.find(
    (r) => r.buyerName === JAMES.name,
  )!;
  await page.keyboard.press('/'); // the shortcut focuses the box
  await expect(inbox.searchBox()).toBeFocused();
  for (const [query, who] of [
    [james.alias, JAMES.name],
    ['302-5520981-7730120', JAMES.name],
    ['Maria', MARIA.name],
    ['Prague', PETER.name],
  ]) {
    await inbox.searchBox().fill(query);
    await expect(inbox.rows()).toHaveCount(1);
    await expect(inbox.row(who)).toHaveCount(1);
  }
  await inbox.searchBox().press('Escape');
  await expect(inbox.rows()).toHaveCount(NEEDING_RESPONSE.length);
});

test('a buyer message with a PDF shows a rendered preview of it', async ({ page, demoEnv, shoot }) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.openConversation(JAMES.name);
  const message = inbox.message(/walnut tray/);
  await expect(message).toContainText('delivery-note.pdf');
  const preview = message.getByTestId('attachment-preview').first();
  await expect(preview.locator('canvas, img').first()).toBeVisible({ timeout: 15_000 });
  // pdf.js drew page 1: "Delivery note 302-4417" in black on white, not an empty box.
  await expect
    .poll(async () => (await inkOf(preview)).ratio, { timeout: 15_000, message: 'ink in the PDF preview' })
    .toBeGreaterThan(0.002);
  const ink = await inkOf(preview);
  expect(ink.width).toBeGreaterThan(40);
  expect(ink.ratio).toBeLessThan(0.5);
  await shoot(inbox.conversation, 'conversation-pdf-preview');
});

test('the main screen has no serious or critical accessibility violations (axe-core)', async ({ page, demoEnv }) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.openConversation(JAMES.name);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  expect(bad).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10); // axe really looked at the page
});

test('a reply with a dropped PNG is delivered to the buyer, file intact', async ({ page, demoEnv, shoot }) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const before = await inbox.count('response-needed');
  await inbox.openConversation(JAMES.name);
  const composer = await inbox.reply(/walnut tray/);
  await inbox
    .body(composer)
    .fill('Hello James,\n\nThursday works. Here is a photo of your tray, ready to go.\n\nHolzwerkstatt Berger');
  const png = makePng(120, 80, 7);
  await dropFile(composer, { name: 'tray-photo.png', type: 'image/png', bytes: png });
  await expect(composer.getByText('tray-photo.png')).toBeVisible();
  // The live dry run (the relay's own evaluate) says it will go.
  await expect(composer.getByText(/will be delivered|will deliver|can be sent/i).first()).toBeVisible({
    timeout: 10_000,
  });
  await shoot(composer, 'composer-dry-run');
  await inbox.send(composer);

  const [mail] = await demoEnv.smarthost.waitFor(JAMES.address, {
    match: (m) => m.attachments.some((a) => a.filename === 'tray-photo.png'),
  });
  const attachment = mail.attachments.find((a) => a.filename === 'tray-photo.png')!;
  expect(attachment.contentType).toBe('image/png');
  expect(Buffer.compare(attachment.content, png)).toBe(0);
  expect(mail.text).toContain('Thursday works');
  // R6: the shop's real address stays hidden
  expect(mail.from?.text ?? '').not.toContain('service@holzwerkstatt-berger.example');

  await expect(inbox.message('Thursday works')).toHaveAttribute('data-state', 'delivered', { timeout: 15_000 });
  await inbox.expectCount('response-needed', before - 1);
});

test('the spam message is reported: it leaves Response needed and is listed under Reported (R18)', async ({
  page,
  demoEnv,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const before = await inbox.count('response-needed');
  const reportedBefore = await inbox.count('reported');
  await inbox.openConversation(SPAM.name);
  await inbox
    .message(/claim your prize/)
    .getByRole('button', { name: /^report/i })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /spam/i }).check();
  await dialog.getByRole('button', { name: /^report|submit|send/i }).click();
  await expect(dialog).toBeHidden();

  await inbox.expectCount('response-needed', before - 1);
  await expect(inbox.row(SPAM.name)).toHaveCount(0);
  await inbox.expectCount('reported', reportedBefore + 1);
  await inbox.choose('reported');
  await expect(inbox.row(SPAM.name)).toHaveCount(1);
});

test('a message marked No response needed leaves the filter and the count drops by one (R19)', async ({
  page,
  demoEnv,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const before = await inbox.count('response-needed');
  await inbox.openConversation(MARIA.name);
  await inbox
    .message(/alles bestens/)
    .getByRole('button', { name: /no response needed/i })
    .click();

  await inbox.expectCount('response-needed', before - 1);
  await expect(inbox.row(MARIA.name)).toHaveCount(0);
  await inbox.choose('no-response');
  await expect(inbox.row(MARIA.name)).toHaveCount(1);
});

test('hostile HTML in a buyer message runs no script and makes no network request', async ({
  page,
  demoEnv,
  requests,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.openConversation(MALLORY.name);
  const frame = inbox.message(MALLORY.subject).locator('iframe').first();
  await expect(frame).toBeVisible();
  // It rendered (so the checks below are not vacuous) …
  await expect(frame.contentFrame().getByText(HOSTILE_SENTENCE)).toBeVisible();
  // … with remote content blocked behind the bar, and the seller clicking what a seller would click.
  await expect(inbox.conversation.getByRole('button', { name: /show remote content/i })).toBeVisible();
  for (const name of ['Track my parcel', 'Confirm payment']) {
    const target = frame.contentFrame().getByText(name);
    if (await target.count())
      await target
        .first()
        .click({ timeout: 2_000 })
        .catch(() => {});
  }
  await page.waitForTimeout(1_500);
  await shoot(inbox.conversation, 'hostile-html');

  expect(await page.evaluate(() => (globalThis as unknown as { __pwned: string[] }).__pwned)).toEqual([]);
  expect(await page.title()).not.toContain('pwned');
  expect(demoEnv.trap.hits).toEqual([]);
  expect(demoEnv.trap.connections).toBe(0);
  expect(requests.some((u) => u.startsWith(demoEnv.server.origin))).toBe(true); // the recorder does see requests
  // (the page fixture also fails the test if any request left for anything but the bridge)
});

test('with the smarthost down a reply waits in Outbox, survives a restart of serve and leaves exactly once', async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await demoEnv.smarthost.stop();
  await inbox.open(demoEnv.server.url);
  await inbox.openConversation(PETER.name);
  const composer = await inbox.reply(/Prague/);
  await inbox
    .body(composer)
    .fill('Hello Peter,\n\nyes, it leaves our workshop tomorrow and reaches Prague by Friday.\n\nHolzwerkstatt Berger');
  await inbox.send(composer);

  // The reply's outbox item (the buyer's own message has one too: its forward to the shop).
  const replyItems = async () =>
    (await demoEnv.server.call('outbox.list', {})).filter((o) => /^re:/i.test(o.subject) && /Prague/.test(o.subject));
  await expect.poll(async () => (await replyItems()).length, { message: 'the reply reached the outbox' }).toBe(1);
  const replyItem = async () => {
    const items = await replyItems();
    expect(items, 'exactly one outbox item for the reply').toHaveLength(1);
    return items[0];
  };
  const waiting = async () => {
    const item = await replyItem();
    expect(item.state).toMatch(/^(queued|deferred)$/);
    expect(item.to).not.toContain(PETER.address); // the UI sees the alias, never the real address
    await inbox.choose('outbox');
    const row = page.getByTestId(`outbox-${item.id}`);
    await expect(row.getByText(/^(Queued|Deferred)$/)).toBeVisible();
    await expect(row.getByRole('button', { name: /retry now/i })).toBeVisible();
    return row;
  };
  await waiting();
  await shoot(inbox.list, 'outbox');
  expect(demoEnv.smarthost.to(PETER.address)).toHaveLength(0);

  // serve dies (SIGKILL: no clean shutdown) and comes back on the same data directory.
  const server = await demoEnv.restartServe('SIGKILL');
  await inbox.open(server.url);
  const row = await waiting();

  await demoEnv.smarthost.start(); // the same port as before
  await row
    .getByRole('button', { name: /retry now/i })
    .click({ timeout: 2_000 })
    .catch(() => {}); // it may have left on its own already
  const [mail] = await demoEnv.smarthost.waitFor(PETER.address, { ms: 20_000 });
  expect(mail.text).toContain('reaches Prague by Friday');
  await expect(row.getByText(/^Delivered$/)).toBeVisible({ timeout: 15_000 });
  // Retries run every second or so: a second copy would show up in this time.
  await page.waitForTimeout(4_000);
  expect(demoEnv.smarthost.to(PETER.address)).toHaveLength(1);
  expect((await replyItem()).state).toBe('delivered');
  await inbox.choose('all');
  await inbox.openConversation(PETER.name);
  await expect(inbox.message('reaches Prague by Friday')).toHaveAttribute('data-state', 'delivered');
});

test('settings show the shop and its relay address', async ({ page, demoEnv, shoot }) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await page.getByRole('button', { name: /^settings$/i }).click();
  const dialog = page.getByRole('dialog', { name: /settings/i });
  await expect(dialog).toBeVisible();
  const status = await demoEnv.server.call('app.status', {});
  await expect(dialog.getByText(status.seller!.relayAddress)).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /shop name/i })).toHaveValue(status.seller!.name);
  await shoot(dialog, 'settings');
});

test('settings list mail to postmaster@ the relay domain and show it as plain text', async ({ page, demoEnv }) => {
  const { relay } = await demoEnv.server.call('app.status', {});
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: await demoEnv.inboundPort(),
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: 'abuse@isp.example',
      to: `postmaster@${relay.domain}`,
      subject: 'Abuse report 42',
      html: '<p>Your relay <b id="injected">sent</b> spam.</p>',
    });
  } finally {
    transport.close();
  }
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await page.getByRole('button', { name: /^settings$/i }).click();
  const section = page.getByRole('dialog', { name: /settings/i }).getByTestId('postmaster');
  await section.getByRole('button', { name: 'Abuse report 42' }).click();
  const message = section.getByTestId('postmaster-message');
  await expect(message.locator('pre')).toContainText('Your relay sent spam.');
  await expect(message.locator('pre')).toContainText('Subject: Abuse report 42');
  await expect(page.locator('#injected')).toHaveCount(0);
});
