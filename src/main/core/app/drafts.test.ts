import { describe, expect, it } from 'vitest';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();

describe('drafts (offline drafting)', () => {
  it('restores a draft exactly after the app is closed and opened again', async () => {
    let app = await apps.demo();
    const james = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === 'James Smith')!;
    const replyTo = (await app.call('conversation.get', { id: james.id })).messages[0].id;
    const file = await app.call('files.check', {
      name: 'note.txt',
      type: 'text/plain',
      dataBase64: Buffer.from('Lieferung am Donnerstag\n').toString('base64'),
    });
    const saved = await app.call('drafts.save', {
      conversationId: james.id,
      replyToMessageId: replyTo,
      orderId: '302-5520981-7730120',
      topic: 'delivery-scheduling',
      subject: 'Re: Delivery',
      body: 'Dear James,\n\nThursday works.\n\n> I will be away',
      important: true,
      attachments: [{ sha256: file.sha256, name: 'note.txt', type: 'text/plain', size: file.size }],
    });
    expect(saved.id).toBeGreaterThan(0);
    app = await apps.reopen(app);
    const restored = await app.call('drafts.get', { id: saved.id });
    expect(restored).toEqual(saved);
    expect(restored).toMatchObject({
      conversationId: james.id,
      alias: james.alias,
      replyToMessageId: replyTo,
      orderId: '302-5520981-7730120',
      topic: 'delivery-scheduling',
      subject: 'Re: Delivery',
      important: true,
      body: 'Dear James,\n\nThursday works.\n\n> I will be away',
    });
    expect(restored.attachments).toEqual([
      { sha256: file.sha256, name: 'note.txt', type: 'text/plain', size: file.size },
    ]);
    expect(await app.call('drafts.list', {})).toEqual([saved]);
    expect(
      (await app.call('inbox.list', { filter: 'drafts' })).rows.map((r) => [r.id, r.badges.includes('draft')]),
    ).toEqual([[james.id, true]]);
  });

  it('updates a draft in place, lists the newest first, and deletes', async () => {
    const app = await apps.demo();
    const first = await app.call('drafts.save', { subject: 'first', body: 'a' });
    const second = await app.call('drafts.save', { subject: 'second', body: 'b' });
    await new Promise((r) => setTimeout(r, 5)); // updated_at is in ms
    const edited = await app.call('drafts.save', { id: first.id, subject: 'first, edited', body: 'a and more' });
    expect(edited.id).toBe(first.id);
    expect((await app.call('drafts.list', {})).map((d) => d.subject)).toEqual(['first, edited', 'second']);
    expect((await app.call('inbox.counts', {})).drafts).toBe(2);
    expect(await app.call('drafts.delete', { id: second.id })).toEqual({ ok: true });
    await expect(app.call('drafts.delete', { id: second.id })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect((await app.call('drafts.list', {})).map((d) => d.id)).toEqual([first.id]);
  });

  it('keeps what is typed even before it names a buyer, and never loses text saved under a stale id', async () => {
    const app = await apps.demo();
    const half = await app.call('drafts.save', { alias: 'abc', subject: '', body: 'half a thought' });
    expect(half).toMatchObject({ alias: 'abc', conversationId: null, body: 'half a thought' });
    await app.call('drafts.delete', { id: half.id });
    // Another window sent it meanwhile; the autosave of this one must still land somewhere.
    const again = await app.call('drafts.save', { id: half.id, subject: '', body: 'half a thought, continued' });
    expect(again.id).toBeGreaterThan(half.id); // ids are never reused (AUTOINCREMENT)
    expect((await app.call('drafts.get', { id: again.id })).body).toBe('half a thought, continued');
  });

  it("refuses a conversation or message that is not this shop's", async () => {
    const app = await apps.demo();
    await expect(app.call('drafts.save', { conversationId: 9_999, subject: 'x', body: 'y' })).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    await expect(app.call('drafts.save', { replyToMessageId: 9_999, subject: 'x', body: 'y' })).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    await expect(app.call('drafts.get', { id: 9_999 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('keeps one draft per buyer and purpose: a second new message, a change of reason and a refused send are one draft', async () => {
    const app = await apps.demo();
    const rows = (await app.call('inbox.list', { filter: 'all' })).rows;
    const lukas = rows.find((r) => r.buyerName === 'Lukas Weber')!;
    const james = rows.find((r) => r.buyerName === 'James Smith')!;
    const first = await app.call('drafts.save', { conversationId: lukas.id, topic: 'other', subject: 'Hi', body: 'a' });
    // The composer opened again without knowing the draft, with another reason: the same draft, now that reason.
    const again = await app.call('drafts.save', { alias: lukas.alias, topic: 'customization', subject: '', body: 'b' });
    expect(again).toMatchObject({ id: first.id, topic: 'customization', body: 'b', buyerName: 'Lukas Weber' });
    // Lukas opted out: the send is refused and its text kept, in that same draft.
    await expect(
      app.call('composer.send', { alias: lukas.alias, topic: 'other', subject: 'Ihre Meinung', body: 'c' }),
    ).rejects.toMatchObject({ code: 'EPOLICY' });
    // A reply is another purpose, another buyer another draft.
    const replyTo = (await app.call('conversation.get', { id: james.id })).messages[0].id;
    const reply = await app.call('drafts.save', {
      conversationId: james.id,
      replyToMessageId: replyTo,
      subject: 'Re: x',
      body: 'd',
    });
    const toJames = await app.call('drafts.save', { conversationId: james.id, subject: 'New', body: 'e' });
    const list = await app.call('drafts.list', {});
    expect(list.map((d) => [d.id, d.buyerName, d.body]).sort()).toEqual(
      [
        [first.id, 'Lukas Weber', 'c'],
        [reply.id, 'James Smith', 'd'],
        [toJames.id, 'James Smith', 'e'],
      ].sort(),
    );
    expect(new Set([first.id, reply.id, toJames.id]).size).toBe(3);
  });
});
