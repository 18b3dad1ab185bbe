import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { FILTERS, type ConversationRow, type FilterCounts } from '../../../shared/contract.js';
import { DEMO_SELLER } from '../ops/demo.js';
import { appsPerTest, buyerWrites, eventually, type TestApp } from './testing/test-app.js';

const apps = appsPerTest();
const byName = (rows: ConversationRow[], name: string) => rows.find((r) => r.buyerName === name);
/** The buyer's first message in a conversation. */
async function buyerMessage(app: TestApp, conversationId: number): Promise<number> {
  const detail = await app.call('conversation.get', { id: conversationId });
  return detail.messages.find((m) => m.direction === 'buyer-to-seller')!.id;
}

describe('inbox filters and counts over the demo store', () => {
  it('lists first, by default, only the conversations that need a response (R20)', async () => {
    const app = await apps.demo();
    expect(FILTERS[0]).toBe('response-needed');
    const needed = await app.call('inbox.list', { filter: 'response-needed' });
    // James asked about delivery (the automatic shipping confirmation is no answer); the spam is unanswered.
    expect(needed.rows.map((r) => r.buyerName).sort()).toEqual(['James Smith', 'Prize Center']);
    expect(needed.rows.every((r) => r.needsResponse && r.responseDueAt !== null)).toBe(true);
    const all = await app.call('inbox.list', { filter: 'all' });
    expect(all.total).toBe(4);
    // Anna was answered (R10a reply); Lukas never wrote.
    expect(byName(all.rows, 'Anna Müller')).toMatchObject({
      needsResponse: false,
      responseDueAt: null,
      lastDirection: 'seller-to-buyer',
    });
    expect(byName(all.rows, 'Lukas Weber')).toMatchObject({ needsResponse: false });
  });

  it('counts each filter as its list has rows', async () => {
    const app = await apps.demo();
    const counts = await app.call('inbox.counts', {});
    expect(counts).toEqual({
      'response-needed': 2,
      all: 4,
      sent: 3,
      undeliverable: 0, // Lukas's blocked review request was followed by a message that went
      reported: 0,
      'no-response': 0,
      drafts: 0,
      outbox: 0,
    } satisfies FilterCounts);
    for (const filter of FILTERS.filter((f) => f !== 'drafts' && f !== 'outbox')) {
      const list = await app.call('inbox.list', { filter });
      expect(list.total, filter).toBe(counts[filter]);
      expect(list.rows).toHaveLength(counts[filter]);
    }
  });

  it('fills a row with what the list shows: name, alias, orders, last line, paperclip, badges', async () => {
    const app = await apps.demo();
    const { rows } = await app.call('inbox.list', { filter: 'all' });
    const james = byName(rows, 'James Smith')!;
    expect(james.alias).toMatch(/^[a-z0-9]{15}$/);
    expect(james.aliasAddress).toBe(`${james.alias}@relay.parley.localhost`);
    expect(james.orderIds).toEqual(['302-5520981-7730120']);
    expect(james.hasAttachments).toBe(true); // R15: the delivery note
    expect(james.messageCount).toBe(2);
    const due =
      Date.parse(james.responseDueAt!) -
      Date.parse((await app.call('conversation.get', { id: james.id })).messages[0].receivedAt);
    expect(due).toBe(24 * 3_600_000);
    const anna = byName(rows, 'Anna Müller')!;
    expect(anna.lastLine).toBe('ja, Schreibschrift ist möglich. Wir schicken Ihnen vor dem Gravieren eine Vorschau.');
    const lukas = byName(rows, 'Lukas Weber')!;
    // R10: the review request was blocked, but the [Wichtig] message after it went: not undeliverable.
    expect(lukas.badges).toEqual(['opted-out']);
    // Newest first.
    const times = rows.map((r) => r.lastMessageAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("previews the buyer's question while a response is needed, not the automatic shipping confirmation after it", async () => {
    const app = await apps.demo();
    const james = byName((await app.call('inbox.list', { filter: 'response-needed' })).rows, 'James Smith')!;
    const detail = await app.call('conversation.get', { id: james.id });
    expect(detail.messages.map((m) => m.via)).toEqual(['mail-client', 'automatic']); // the confirmation is the last
    expect(james).toMatchObject({
      needsResponse: true,
      lastDirection: 'buyer-to-seller',
      subject: 'Delivery of order 302-5520981-7730120',
      lastLine:
        'I will be away from Monday to Wednesday. Could the walnut tray be delivered on Thursday instead? The delivery note is attached.',
    });
    // Ordered by its latest message all the same.
    expect(james.lastMessageAt).toBe(detail.messages[1].receivedAt);
    // Answered, the row previews the answer again.
    await app.call('composer.send', {
      conversationId: james.id,
      replyToMessageId: detail.messages[0].id,
      subject: 'Re: Delivery of order 302-5520981-7730120',
      body: 'Thursday works.',
    });
    const after = byName((await app.call('inbox.list', { filter: 'all' })).rows, 'James Smith')!;
    expect(after).toMatchObject({
      needsResponse: false,
      lastDirection: 'seller-to-buyer',
      lastLine: 'Thursday works.',
    });
  });

  it('marks a conversation undeliverable by its latest outgoing message only, badge, filter and count alike', async () => {
    const app = await apps.demo();
    const lukas = byName((await app.call('inbox.list', { filter: 'all' })).rows, 'Lukas Weber')!;
    const [host, port] = app.service.relayInfo().submission!.split(':');
    const client = nodemailer.createTransport({
      host,
      port: Number(port),
      secure: false,
      ignoreTLS: true,
      auth: { user: DEMO_SELLER.id, pass: 'demo-password' },
    });
    const state = async () => {
      const row = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.id === lukas.id)!;
      const filtered = (await app.call('inbox.list', { filter: 'undeliverable' })).rows.map((r) => r.id);
      return {
        badge: row.badges.includes('undeliverable'),
        listed: filtered.includes(lukas.id),
        count: (await app.call('inbox.counts', {})).undeliverable,
      };
    };
    try {
      expect(await state()).toEqual({ badge: false, listed: false, count: 0 });
      // Lukas opted out (R10): another review request from the mail program is blocked.
      await client
        .sendMail({
          from: 'service@holzwerkstatt-berger.example',
          to: lukas.aliasAddress,
          subject: 'Eine Bewertung?',
          text: 'Hallo Herr Weber,\n\nwir würden uns sehr über eine Bewertung freuen!\n',
        })
        .catch(() => undefined); // the relay refuses it; the record keeps it as blocked
      await eventually(async () => (await state()).badge, 5_000, 'the undeliverable badge');
      expect(await state()).toEqual({ badge: true, listed: true, count: 1 });
      // A necessary message after it goes: the conversation is no longer undeliverable.
      await app.call('composer.send', {
        conversationId: lukas.id,
        subject: '[Wichtig] Ihre Hausnummer – Bestellung 302-7719034-1184460',
        body: 'Hallo Herr Weber,\n\nbitte nennen Sie uns Ihre Hausnummer, damit wir versenden können.\n',
      });
      expect(await state()).toEqual({ badge: false, listed: false, count: 0 });
    } finally {
      client.close();
    }
  });

  it('pages with offset and limit', async () => {
    const app = await apps.demo();
    const all = await app.call('inbox.list', { filter: 'all' });
    const second = await app.call('inbox.list', { filter: 'all', offset: 1, limit: 2 });
    expect(second).toMatchObject({ total: 4, offset: 1 });
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(1, 3).map((r) => r.id));
  });

  it('takes a reported message out of "Response needed" and counts it under Reported (R18)', async () => {
    const app = await apps.demo();
    const spam = byName((await app.call('inbox.list', { filter: 'response-needed' })).rows, 'Prize Center')!;
    app.events.length = 0;
    const { reportId } = await app.call('message.report', {
      messageId: await buyerMessage(app, spam.id),
      reason: 'spam',
      note: 'lottery',
    });
    expect(reportId).toBeGreaterThan(0);
    const counts = await app.waitForEvent('counts.changed');
    expect(counts).toMatchObject({ 'response-needed': 1, reported: 1 });
    expect((await app.call('inbox.list', { filter: 'response-needed' })).rows.map((r) => r.id)).not.toContain(spam.id);
    const reported = await app.call('inbox.list', { filter: 'reported' });
    expect(reported.rows.map((r) => r.id)).toEqual([spam.id]);
    expect(reported.rows[0].badges).toContain('reported');
    const detail = await app.call('conversation.get', { id: spam.id });
    expect(detail.messages[0].reported).toMatchObject({ reason: 'spam', note: 'lottery' });
  });

  it('takes a message marked "no response needed" out of the filter, and the count drops (R19)', async () => {
    const app = await apps.demo();
    const before = await app.call('inbox.counts', {});
    const james = byName((await app.call('inbox.list', { filter: 'response-needed' })).rows, 'James Smith')!;
    app.events.length = 0;
    await app.call('message.noResponse', { messageId: await buyerMessage(app, james.id) });
    const counts = await app.waitForEvent('counts.changed');
    expect(counts['response-needed']).toBe(before['response-needed'] - 1);
    expect(counts['no-response']).toBe(1);
    expect((await app.call('inbox.list', { filter: 'no-response' })).rows.map((r) => r.id)).toEqual([james.id]);
    expect((await app.call('conversation.get', { id: james.id })).messages[0].noResponseNeeded).toBe(true);
  });

  it('refuses to report or mark a seller message, or a message of another shop', async () => {
    const app = await apps.demo();
    const anna = byName((await app.call('inbox.list', { filter: 'all' })).rows, 'Anna Müller')!;
    const sellerMessage = (await app.call('conversation.get', { id: anna.id })).messages.find(
      (m) => m.direction === 'seller-to-buyer',
    )!;
    await expect(app.call('message.report', { messageId: sellerMessage.id, reason: 'spam' })).rejects.toMatchObject({
      code: 'EBADINPUT',
    });
    await expect(app.call('message.noResponse', { messageId: 999_999 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('does not count an automatic message as an answer, but a reply from the app (R17 vs R20)', async () => {
    const app = await apps.demo();
    const james = byName((await app.call('inbox.list', { filter: 'all' })).rows, 'James Smith')!;
    const detail = await app.call('conversation.get', { id: james.id });
    expect(detail.messages.map((m) => m.via)).toEqual(['mail-client', 'automatic']);
    expect(james.needsResponse).toBe(true);
    await app.call('composer.send', {
      conversationId: james.id,
      replyToMessageId: detail.messages[0].id,
      subject: 'Re: Delivery of order 302-5520981-7730120',
      body: 'Thursday works: we will ask the carrier to deliver then.',
    });
    const after = byName((await app.call('inbox.list', { filter: 'all' })).rows, 'James Smith')!;
    expect(after).toMatchObject({ needsResponse: false, responseDueAt: null, lastDirection: 'seller-to-buyer' });
    expect((await app.call('inbox.counts', {}))['response-needed']).toBe(1);
  });

  it('announces new buyer mail (message.new) and the new counts, one recount for a burst', async () => {
    const app = await apps.demo();
    expect(app.events.find((e) => e.event === 'relay.status')?.payload).toMatchObject({ running: true });
    app.events.length = 0;
    for (const n of [1, 2, 3]) {
      await buyerWrites(app, {
        from: { name: 'Clara Neu', address: 'clara@example.org' },
        subject: `Frage ${n}`,
        text: `Frage Nummer ${n}`,
      });
    }
    const first = await app.waitForEvent('message.new');
    expect(first).toMatchObject({ direction: 'buyer-to-seller', fromLabel: 'Clara Neu', subject: 'Frage 1' });
    const clara = (await app.call('inbox.list', { filter: 'response-needed' })).rows.find(
      (r) => r.buyerName === 'Clara Neu',
    )!;
    expect(first.conversationId).toBe(clara.id);
    expect(clara).toMatchObject({ messageCount: 3, subject: 'Frage 3', lastLine: 'Frage Nummer 3' });
    await app.waitForEvent('counts.changed', (c) => c['response-needed'] === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(app.events.filter((e) => e.event === 'message.new')).toHaveLength(3);
    expect(app.events.filter((e) => e.event === 'counts.changed').length).toBeLessThan(3);
  });

  it('starts empty on first run: zero counts, no rows, no relay', async () => {
    const app = await apps.empty();
    const status = await app.call('app.status', {});
    expect(status).toMatchObject({ firstRun: true, seller: null, relayStatus: { running: false } });
    expect(Object.values(await app.call('inbox.counts', {})).every((n) => n === 0)).toBe(true);
    expect(await app.call('inbox.list', { filter: 'response-needed' })).toEqual({ total: 0, offset: 0, rows: [] });
    await expect(app.call('conversation.get', { id: 1 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(DEMO_SELLER.id).toBe('holzwerkstatt');
  });
});
