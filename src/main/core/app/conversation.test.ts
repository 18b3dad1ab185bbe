import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../../../shared/contract.js';
import { RULE_TEXT } from '../../../shared/rules.js';
import { appsPerTest, buyerWrites, type TestApp } from './testing/test-app.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const apps = appsPerTest();
async function row(app: TestApp, name: string): Promise<ConversationRow> {
  return (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === name)!;
}

describe('a conversation as the seller reads it', () => {
  it('shows messages in order with their delivery state (R8) and the blocking rule in the UI language (R10)', async () => {
    const app = await apps.demo();
    const lukas = await row(app, 'Lukas Weber');
    const detail = await app.call('conversation.get', { id: lukas.id });
    expect(detail.buyerOptedOut).toBe(true);
    expect(detail.orders).toEqual([
      expect.objectContaining({
        orderId: '302-7719034-1184460',
        productName: 'Gewürzregal Buche',
        category: 'standard',
        shippedAt: null,
      }),
    ]);
    expect(detail.messages.map((m) => [m.direction, m.state])).toEqual([
      ['seller-to-buyer', 'blocked'], // the review request (R10, R12)
      ['relay-to-seller', 'delivered'], // the bounce notice to the seller (R13)
      ['seller-to-buyer', 'delivered'], // [Wichtig] (R10d)
    ]);
    const blocked = detail.messages[0];
    expect(blocked.reasons.map((r) => r.rule)).toContain('R10');
    expect(blocked.category).toMatchObject({ category: 'review-request', necessary: false });
    expect(detail.messages[1].fromLabel).toBe('Parley');
    // the notice, in the shop's language, says how to reach the buyer when it is urgent (R10)
    expect(detail.messages[1].text).toContain('[Wichtig]');
    await app.call('settings.update', { ui: { language: 'de' } });
    const german = (await app.call('conversation.get', { id: lukas.id })).messages[0].reasons.find(
      (r) => r.rule === 'R10',
    )!;
    expect(german.message).toBe(RULE_TEXT.R10.de);
  });

  it('hands out the HTML as received, inline images by Content-ID, and attachments by their content (R14, R15)', async () => {
    const app = await apps.demo();
    await buyerWrites(app, {
      from: { name: 'Anna Müller', address: 'anna.mueller@example.de' },
      subject: 'Foto der Gravur',
      text: 'Hier ist das Foto.',
      html: '<p>Hier ist das <b>Foto</b>:</p><img src="cid:gravur@anna">',
      attachments: [
        { filename: 'gravur.png', content: PNG, contentType: 'image/png', cid: 'gravur@anna' },
        { filename: 'masse.txt', content: 'Breite 40 cm\n', contentType: 'text/plain' },
      ],
    });
    const anna = await row(app, 'Anna Müller');
    expect(anna).toMatchObject({ needsResponse: true, hasAttachments: true, lastLine: 'Hier ist das Foto.' });
    const message = (await app.call('conversation.get', { id: anna.id })).messages.at(-1)!;
    expect(message).toMatchObject({
      hasHtml: true,
      state: expect.stringMatching(/^(queued|delivered)$/),
      fromLabel: 'Anna Müller',
      auth: { spf: expect.any(String) },
    });
    expect(message.attachments.map((a) => [a.filename, a.sniffedType, a.contentId, a.removed])).toEqual([
      ['gravur.png', 'png', 'gravur@anna', false],
      ['masse.txt', 'txt', null, false],
    ]);
    const body = await app.call('message.body', { id: message.id });
    expect(body).toEqual({
      text: 'Hier ist das Foto.',
      html: '<p>Hier ist das <b>Foto</b>:</p><img src="cid:gravur@anna">',
    });
    const png = await app.call('attachment.get', { messageId: message.id, attachmentId: message.attachments[0].id });
    expect(png).toMatchObject({ filename: 'gravur.png', contentType: 'image/png' });
    expect(Buffer.from(png.dataBase64, 'base64').equals(PNG)).toBe(true);
    // With no blob of its own (the relay keeps attachments inside the raw message), the bytes come out of the raw one.
    const { sha256: sha } = app.ctx.conversations
      .messageAttachments(message.id)
      .find((a) => a.id === message.attachments[0].id)!;
    expect(app.ctx.store.blobs.has(sha)).toBe(false);
    const again = await app.call('attachment.get', { messageId: message.id, attachmentId: message.attachments[0].id });
    expect(again.dataBase64).toBe(png.dataBase64);
    const txt = await app.call('attachment.get', { messageId: message.id, attachmentId: message.attachments[1].id });
    expect(txt.contentType).toBe('text/plain; charset=utf-8');
    await expect(app.call('attachment.get', { messageId: message.id, attachmentId: 999_999 })).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    const james = (await app.call('conversation.get', { id: (await row(app, 'James Smith')).id })).messages[0];
    await expect(
      app.call('attachment.get', { messageId: message.id, attachmentId: james.attachments[0].id }),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('serves a removed or disguised attachment only as plain bytes, never as something a browser runs', async () => {
    const app = await apps.demo();
    await buyerWrites(app, {
      from: { name: 'James Smith', address: 'james.smith@example.com' },
      subject: 'Invoice',
      text: 'See attached.',
      attachments: [
        {
          filename: 'invoice.pdf',
          content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]),
          contentType: 'application/pdf',
        },
        { filename: 'page.html', content: '<script>alert(1)</script>', contentType: 'text/html' },
      ],
    });
    const message = (await app.call('conversation.get', { id: (await row(app, 'James Smith')).id })).messages.at(-1)!;
    expect(message.attachments.map((a) => [a.filename, a.removed])).toEqual([
      ['invoice.pdf', true],
      ['page.html', true],
    ]); // R15
    expect(message.attachments[0].removedWhy).toMatch(/Windows[- ]Progr/iu); // in the shop's language
    const exe = await app.call('attachment.get', { messageId: message.id, attachmentId: message.attachments[0].id });
    expect(exe.contentType).toBe('application/octet-stream');
    const html = await app.call('attachment.get', { messageId: message.id, attachmentId: message.attachments[1].id });
    expect(html.contentType).not.toMatch(/html/);
  });
});
