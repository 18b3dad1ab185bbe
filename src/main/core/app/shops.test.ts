import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../ops/demo.js';
import { appsPerTest, type TestApp } from './testing/test-app.js';

const apps = appsPerTest();

/** The demo store plus a second shop (through first run's "set up your shop"), with one buyer message in it. */
async function twoShops(): Promise<{ app: TestApp; second: string }> {
  const app = await apps.demo();
  const status = await app.call('setup.shop', { name: 'Kerzenladen', email: 'laden@kerzen.example', language: 'de' });
  const second = status.seller!.id;
  const [host, port] = app.service.relayInfo().smtp!.split(':');
  const transport = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({
      from: 'Erika Muster <erika@buyer.example>',
      to: app.ctx.addresses.sellerAddress(second),
      subject: 'Wo bleibt meine Kerze?',
      text: 'Hallo, wann kommt die Bestellung?',
    });
  } finally {
    transport.close();
  }
  await app.waitForEvent('message.new', (e) => e.shopId === second);
  return { app, second };
}

describe('several shops in one app', () => {
  it('lists every shop with its count, and the inbox, counts and settings follow the chosen one', async () => {
    const { app, second } = await twoShops();
    await app.call('shops.select', { shop: DEMO_SELLER.id });
    const demoCounts = await app.call('inbox.counts', {});
    const list = await app.call('shops.list', {});
    expect(list.selected).toBe(DEMO_SELLER.id);
    expect(list.shops.map((s) => [s.id, s.responseNeeded])).toEqual(
      expect.arrayContaining([
        [DEMO_SELLER.id, demoCounts['response-needed']],
        [second, 1],
      ]),
    );
    const demoRows = (await app.call('inbox.list', { filter: 'all' })).rows;
    expect(demoRows.every((r) => r.shop === undefined)).toBe(true);

    const status = await app.call('shops.select', { shop: second });
    expect(status.shop).toBe(second);
    expect(status.seller?.name).toBe('Kerzenladen');
    expect(await app.call('inbox.counts', {})).toMatchObject({ 'response-needed': 1, all: 1 });
    const rows = (await app.call('inbox.list', { filter: 'response-needed' })).rows;
    expect(rows.map((r) => r.subject)).toEqual(['Wo bleibt meine Kerze?']);
    // A demo conversation is no conversation of this shop.
    await expect(app.call('conversation.get', { id: demoRows[0].id })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('"All shops" merges the inboxes with a shop per row, sums the counts, and opens any row in its shop', async () => {
    const { app, second } = await twoShops();
    await app.call('shops.select', { shop: DEMO_SELLER.id });
    const demo = await app.call('inbox.counts', {});
    const status = await app.call('shops.select', { shop: 'all' });
    expect(status.shop).toBe('all');
    expect(status.seller).toBeNull();
    expect(status.firstRun).toBe(false);
    expect(await app.call('inbox.counts', {})).toMatchObject({
      'response-needed': demo['response-needed'] + 1,
      all: demo.all + 1,
    });
    const { rows, total } = await app.call('inbox.list', { filter: 'all' });
    expect(total).toBe(demo.all + 1);
    expect(new Set(rows.map((r) => r.shop?.id))).toEqual(new Set([DEMO_SELLER.id, second]));
    const sorted = [...rows].sort((a, b) => (a.lastMessageAt < b.lastMessageAt ? 1 : -1));
    expect(rows.map((r) => r.lastMessageAt)).toEqual(sorted.map((r) => r.lastMessageAt));
    // Each row opens in its own shop; the performance view and Settings ask for one shop.
    for (const row of rows) expect((await app.call('conversation.get', { id: row.id })).conversation.id).toBe(row.id);
    await expect(app.call('performance.get', {})).rejects.toMatchObject({
      code: 'EBADINPUT',
      detail: { key: 'shop.pickOne' },
    });
    const candle = rows.find((r) => r.shop?.id === second)!;
    const draft = await app.call('drafts.save', { conversationId: candle.id, subject: 'Re', body: 'Morgen.' });
    expect((await app.call('drafts.list', {})).map((d) => d.id)).toContain(draft.id);
  });

  it('keeps the chosen shop across a restart and refuses an unknown one', async () => {
    const { app, second } = await twoShops();
    await app.call('shops.select', { shop: 'all' });
    let again = await apps.reopen(app);
    expect((await again.call('app.status', {})).shop).toBe('all');
    await again.call('shops.select', { shop: second });
    again = await apps.reopen(again);
    expect((await again.call('shops.list', {})).selected).toBe(second);
    await expect(again.call('shops.select', { shop: 'nobody' })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect((await again.call('app.status', {})).shop).toBe(second);
  });
});
