import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../../../shared/contract.js';
import { RULE_TEXT } from '../../../shared/rules.js';
import { sqlValue } from '../store/inspect.js';
import { appsPerTest, eventually, type TestApp } from './testing/test-app.js';

// A 1×1 PNG: what a seller drops into the composer.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JAMES = 'james.smith@example.com';
const LUKAS = 'lukas.weber@example.de';
const LUKAS_ORDER = '302-7719034-1184460';

const apps = appsPerTest();
async function row(app: TestApp, name: string): Promise<ConversationRow> {
  return (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === name)!;
}
/** Messages delivered to `address` in the local mailbox (MaildirTransport: <data>/mailbox/<address>/new). */
function mailbox(app: TestApp, address: string): Buffer[] {
  const dir = path.join(app.dataDir, 'mailbox', address, 'new');
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .sort()
        .map((f) => fs.readFileSync(path.join(dir, f)))
    : [];
}

describe('composer: dry run and send through the outbox', () => {
  it('sends a reply through the outbox to the local mailbox, quoted and referenced (R10a), with a checked PNG', async () => {
    const app = await apps.demo();
    const james = await row(app, 'James Smith');
    const original = (await app.call('conversation.get', { id: james.id })).messages[0];
    const file = await app.call('files.check', {
      name: 'photo.png',
      type: 'image/png',
      dataBase64: PNG.toString('base64'),
    });
    expect(file).toMatchObject({ ok: true, sniffedType: 'png', problem: null });
    const before = mailbox(app, JAMES).length;
    const draft = await app.call('drafts.save', {
      conversationId: james.id,
      replyToMessageId: original.id,
      subject: 'Re: Delivery',
      body: 'Thursday is fine.',
      attachments: [{ sha256: file.sha256, name: 'photo.png', type: 'image/png', size: file.size }],
    });

    const sent = await app.call('composer.send', {
      id: draft.id,
      conversationId: james.id,
      replyToMessageId: original.id,
      subject: 'Re: Delivery',
      body: 'Thursday is fine.',
      attachments: draft.attachments,
    });
    expect(sent).toMatchObject({ conversationId: james.id, state: 'queued' });
    expect(sent.decision.verdict).toBe('deliver');
    // Never delivered synchronously: the outbox worker hands it over.
    const delivered = await eventually(
      () => mailbox(app, JAMES).length > before && mailbox(app, JAMES).at(-1),
      10_000,
      'the reply in the mailbox',
    );
    const mail = await simpleParser(delivered);
    expect(mail.subject).toBe('Re: Delivery');
    expect(mail.text).toContain('Thursday is fine.');
    expect(mail.text).toMatch(/^> I will be away from Monday to Wednesday\./m);
    // The shop's language, the time in UTC, the buyer's name and never an address (src/shared/quote.ts).
    expect(mail.text).toMatch(/^Am \d\d\.\d\d\.\d{4}, \d\d:\d\d UTC schrieb James Smith:$/m);
    expect(mail.from?.text).toContain('Holzwerkstatt Berger'); // R6
    expect(mail.attachments.map((a) => [a.filename, a.content.equals(PNG)])).toEqual([['photo.png', true]]);
    const view = (await app.call('conversation.get', { id: james.id })).messages.find((m) => m.id === sent.messageId)!;
    expect(view.via).toBe('app');
    await eventually(
      async () =>
        (await app.call('conversation.get', { id: james.id })).messages.find((m) => m.id === sent.messageId)!.state ===
        'delivered',
      5_000,
      'delivered state',
    );
    expect(sqlValue(app.ctx.store, 'SELECT in_reply_to FROM messages WHERE id = ?', sent.messageId)).toBe(
      original.relayMessageId,
    );
    // The draft went with it.
    expect(await app.call('drafts.list', {})).toEqual([]);
    await expect(app.call('drafts.get', { id: draft.id })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('delivers a reply to an opted-out buyer because it answers his message (R10a)', async () => {
    const app = await apps.demo();
    const james = await row(app, 'James Smith'); // a standard order: R10b does not apply
    app.ctx.pairs.setOptOut(JAMES, true);
    const original = (await app.call('conversation.get', { id: james.id })).messages[0];
    const check = await app.call('composer.check', {
      conversationId: james.id,
      replyToMessageId: original.id,
      subject: '',
      body: 'Thursday works.',
    });
    expect(check).toMatchObject({ willDeliver: true, subject: 'Re: Delivery of order 302-5520981-7730120' });
    expect(check.decision.rules).toContain('R10a');
    const blocked = await app.call('composer.check', {
      conversationId: james.id,
      subject: 'New products',
      body: 'Have a look at our new trays.',
    });
    expect(blocked.willDeliver).toBe(false);
    expect(blocked.decision.rules).toContain('R10');
  });

  it('refuses a message the policy would block, says why, and keeps the draft (R10)', async () => {
    const app = await apps.demo();
    const lukas = await row(app, 'Lukas Weber');
    const messagesBefore = sqlValue(app.ctx.store, 'SELECT COUNT(*) FROM messages');
    const input = {
      alias: lukas.aliasAddress,
      orderId: LUKAS_ORDER,
      topic: 'other' as const,
      subject: 'Ihre Meinung',
      body: 'Wir würden uns über eine Bewertung freuen!',
    };
    // The check says so first, with the buyer's name for the words and the code and tag for the fix.
    const check = await app.call('composer.check', input);
    expect(check).toMatchObject({ buyerName: 'Lukas Weber', decision: { verdict: 'block' } });
    expect(check.decision.reasons).toEqual([
      expect.objectContaining({ rule: 'R10', code: 'buyer-opted-out', params: { tag: '[Wichtig]', viaIgnored: 'no' } }),
    ]);
    await expect(app.call('composer.send', input)).rejects.toMatchObject({
      code: 'EPOLICY',
      // The rule's words in the UI language (German here), no rule id: the check has said it in detail already.
      message: `Nicht gesendet: ${RULE_TEXT.R10.de}`,
    });
    // Nothing recorded or queued, nothing lost: the text waits in Drafts.
    expect(sqlValue(app.ctx.store, 'SELECT COUNT(*) FROM messages')).toBe(messagesBefore);
    const drafts = await app.call('drafts.list', {});
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ alias: lukas.alias, body: input.body, subject: 'Ihre Meinung', topic: 'other' });
    expect((await app.call('inbox.counts', {})).drafts).toBe(1);
  });

  it('turns the "additional information required" topic into the R10c subject and delivers to an opted-out buyer', async () => {
    const app = await apps.demo();
    const lukas = await row(app, 'Lukas Weber');
    const input = {
      alias: lukas.alias,
      orderId: LUKAS_ORDER,
      topic: 'additional-info' as const,
      subject: '',
      body: 'Bitte nennen Sie uns die Hausnummer Ihrer Lieferadresse.',
    };
    const check = await app.call('composer.check', input);
    expect(check.subject).toBe(`Zusätzliche Informationen erforderlich (Bestellung ${LUKAS_ORDER})`);
    expect(check).toMatchObject({ willDeliver: true });
    expect(check.decision.rules).toContain('R10c');
    expect(check.quota).toMatchObject({ counted: true, remaining: check.quota.limit - check.quota.sentToday });
    const sent = await app.call('composer.send', input);
    expect(sent.state).toBe('queued');
    const important = await app.call('composer.check', {
      ...input,
      topic: 'other',
      subject: 'Hausnummer',
      important: true,
    });
    expect(important.subject).toBe('[Wichtig] Hausnummer'); // R10d in the shop's language
  });

  it('checks files by content, size and type, in the UI language (R15)', async () => {
    const app = await apps.demo();
    const exeAsPdf = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const mismatch = await app.call('files.check', {
      name: 'invoice.pdf',
      type: 'application/pdf',
      dataBase64: exeAsPdf.toString('base64'),
    });
    expect(mismatch).toMatchObject({ ok: false, problem: 'content-mismatch', rule: 'R15', sniffedType: 'exe' });
    expect(app.ctx.store.blobs.has(mismatch.sha256)).toBe(false); // refused files are not kept
    const exe = await app.call('files.check', { name: 'setup.exe', dataBase64: exeAsPdf.toString('base64') });
    expect(exe).toMatchObject({ ok: false, problem: 'type-not-allowed' });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await app.call('files.check', {
      name: 'scan.pdf',
      type: 'application/pdf',
      dataBase64: big.toString('base64'),
    });
    expect(tooLarge).toMatchObject({ ok: false, problem: 'too-large' });
    expect(tooLarge.reason).toContain('10 MB');
    await app.call('settings.update', { ui: { language: 'de' } });
    const german = await app.call('files.check', { name: 'setup.exe', dataBase64: exeAsPdf.toString('base64') });
    expect(german.reason).toContain('können nicht angehängt werden');
    const ok = await app.call('files.check', {
      name: 'notes.txt',
      type: 'text/plain',
      dataBase64: Buffer.from('Maße: 40 × 25 cm\n').toString('base64'),
    });
    expect(ok).toMatchObject({ ok: true, sniffedType: 'txt' });
    expect(app.ctx.store.blobs.get(ok.sha256).toString()).toBe('Maße: 40 × 25 cm\n');
  });

  it('says plainly what is missing: no buyer, an unknown alias, a subject', async () => {
    const app = await apps.demo();
    await expect(app.call('composer.check', { subject: 'Hallo', body: 'x' })).rejects.toMatchObject({
      code: 'EBADINPUT',
    });
    await expect(
      app.call('composer.check', { alias: 'aaaaaaaaaaaaaaa', subject: 'Hallo', body: 'x' }),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' });
    const lukas = await row(app, 'Lukas Weber');
    await expect(app.call('composer.send', { alias: lukas.alias, subject: '  ', body: 'x' })).rejects.toMatchObject({
      code: 'EBADINPUT',
    });
    const gone = { sha256: 'a'.repeat(64), name: 'gone.png', type: 'image/png', size: 3 };
    await expect(
      app.call('composer.check', { alias: lukas.alias, subject: 'Foto', body: 'x', attachments: [gone] }),
    ).rejects.toMatchObject({ code: 'EBADINPUT', message: expect.stringContaining('gone.png') });
  });
});

describe('R11 asks first: [Wichtig] on a review request to a buyer who opted out', () => {
  const REVIEW = {
    topic: 'other' as const,
    subject: 'Bitte bewerten Sie uns',
    important: true,
    body: 'Hallo, wir würden uns sehr über eine positive Bewertung mit fünf Sternen freuen. Vielen Dank!',
  };
  const count = (app: TestApp) =>
    sqlValue(
      app.ctx.store,
      'SELECT (SELECT COUNT(*) FROM messages) + (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM important_uses)',
    );

  it('the app refuses to send it without a confirmation (ECONFIRM, nothing recorded, the draft kept); "Send anyway" sends it and the R11 log says so', async () => {
    const app = await apps.demo();
    const lukas = await row(app, 'Lukas Weber');
    const input = { alias: lukas.alias, orderId: LUKAS_ORDER, ...REVIEW };
    const check = await app.call('composer.check', input);
    expect(check).toMatchObject({ willDeliver: false, subject: '[Wichtig] Bitte bewerten Sie uns' });
    expect(check.decision.verdict).toBe('hold');
    const before = count(app);
    await expect(app.call('composer.send', input)).rejects.toMatchObject({
      code: 'ECONFIRM',
      message: expect.stringContaining('Trotzdem senden'),
    });
    expect(count(app)).toBe(before);
    expect((await app.call('drafts.list', {})).map((d) => d.body)).toEqual([REVIEW.body]);

    const before2 = mailbox(app, LUKAS).length;
    const sent = await app.call('composer.send', { ...input, confirm: true });
    expect(sent).toMatchObject({ state: 'queued', decision: { verdict: 'deliver' } });
    await eventually(() => mailbox(app, LUKAS).length > before2, 10_000, 'the message in the buyer mailbox');
    const [use] = (await app.call('performance.get', {})).importantUses;
    expect(use).toMatchObject({
      messageId: sent.messageId,
      verdict: 'deliver',
      override: 'confirmed',
      necessary: false,
      category: 'review-request',
    });
  });

  it('from the seller\'s mail program it is held and told; "Release" in the app sends it, and the conversation shows it delivered', async () => {
    const app = await apps.demo();
    const lukas = await row(app, 'Lukas Weber');
    const [host, port] = app.service.relayInfo().submission!.split(':');
    const client = nodemailer.createTransport({
      host,
      port: Number(port),
      secure: false,
      ignoreTLS: true,
      auth: { user: 'holzwerkstatt', pass: 'demo-password' },
    });
    let response: string;
    try {
      response = (
        await client.sendMail({
          from: 'service@holzwerkstatt-berger.example',
          to: lukas.aliasAddress,
          subject: '[Wichtig] Bitte bewerten Sie uns',
          text: REVIEW.body,
        })
      ).response;
    } finally {
      client.close();
    }
    expect(response).toMatch(/held \(R11\)/);
    const find = async () =>
      (await app.call('conversation.get', { id: lukas.id })).messages.find(
        (m) => m.subject === '[Wichtig] Bitte bewerten Sie uns',
      )!;
    const held = await find();
    expect(held).toMatchObject({ state: 'held', releasable: true, releasedAt: null, via: 'mail-client' });
    expect(held.reasons.map((r) => r.rule)).toEqual(['R11']);
    expect((await row(app, 'Lukas Weber')).badges).toContain('held');
    const notice = (await app.call('conversation.get', { id: lukas.id })).messages.at(-1)!;
    expect(notice).toMatchObject({ direction: 'relay-to-seller' });
    expect(mailbox(app, LUKAS).some((m) => m.toString().includes('Bitte bewerten'))).toBe(false);

    await expect(app.call('message.release', { messageId: 999_999 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    const released = await app.call('message.release', { messageId: held.id });
    expect(released).toEqual({ messageId: held.id, conversationId: lukas.id, state: 'queued' });
    await eventually(
      () => mailbox(app, LUKAS).some((m) => m.toString().includes('Bitte bewerten')),
      10_000,
      'the released message in the buyer mailbox',
    );
    await eventually(async () => (await find()).state === 'delivered', 5_000, 'delivered state');
    expect(await find()).toMatchObject({ releasable: false, reasons: [] });
    expect((await row(app, 'Lukas Weber')).badges).not.toContain('held');
    const uses = (await app.call('performance.get', {})).importantUses.filter((u) => u.messageId === held.id);
    expect(uses.map((u) => [u.verdict, u.override])).toEqual([
      ['deliver', 'released'],
      ['held', null],
    ]);
    await expect(app.call('message.release', { messageId: held.id })).rejects.toMatchObject({ code: 'EEXISTS' });
  });

  it('"warn only" is a setting of the shop (R11)', async () => {
    const app = await apps.demo();
    expect((await app.call('app.status', {})).seller?.urgentCheck).toBe('confirm');
    const status = await app.call('settings.update', { seller: { urgentCheck: 'warn-only' } });
    expect(status.seller?.urgentCheck).toBe('warn-only');
    const lukas = await row(app, 'Lukas Weber');
    const check = await app.call('composer.check', { alias: lukas.alias, orderId: LUKAS_ORDER, ...REVIEW });
    expect(check).toMatchObject({
      willDeliver: true,
      decision: { verdict: 'deliver', warnings: [expect.objectContaining({ rule: 'R11' })] },
    });
    await expect(app.call('settings.update', { seller: { urgentCheck: 'never' as 'confirm' } })).rejects.toBeTruthy();
  });
});
