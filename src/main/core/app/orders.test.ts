/**
 * The Orders view through the app service, over a real demo store with its relay on
 * loopback: the order-report import with progress and without freezing the event loop, the
 * search by order number, name and alias (R3), and "Confirm shipment" (R17, outside R16).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractEvents } from '../../../shared/contract.js';
import { DEMO_SELLER } from '../ops/demo.js';
import { sqlGet } from '../store/inspect.js';
import { eventually, startDemoApp, type TestApp } from './testing/test-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await startDemoApp();
});
afterEach(async () => {
  await app.close();
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const HEADER = 'sku\tbuyer-email\torder-id\tpurchase-date\tbuyer-name\tcategory\n';

function report(rows: number, start = 0): string {
  let text = HEADER;
  for (let i = start; i < start + rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    text += `S${i}\tbuyer${i % 5000}@example.com\t305-${String(i).padStart(7, '0')}\t2026-10-${day}T10:00:00Z\tKäufer ${i % 5000}\t${i % 9 === 0 ? 'handmade' : 'standard'}\n`;
  }
  return text;
}

describe('orders.import', () => {
  it('imports the good rows, lists the failed ones with line and reason, and changes nothing on a re-import', async () => {
    const text =
      HEADER +
      'a\tnew@example.com\t305-0000001\t2026-10-02\tNina Neu\twine\n' +
      'b\tnot-an-address\t305-0000002\t2026-10-02\tX\tstandard\n' +
      'c\tnew@example.com\t305-0000003\t2026-02-30\tNina Neu\tstandard\n' +
      'd\tnew@example.com\t305-0000001\t2026-10-02\tNina Neu\twine\n';
    const first = await app.call('orders.import', { fileName: 'orders.txt', dataBase64: b64(text) });
    expect(first).toMatchObject({ rows: 4, imported: 1, updated: 0, unchanged: 1 });
    expect(first.failed.map((f) => f.line)).toEqual([3, 4]);
    expect(first.failed[0].reason).toContain('not-an-address');
    expect(first.failed[0].reason).not.toMatch(/^line/); // the line is its own field; the UI writes "Line 3:" before it
    expect(first.failed[1].reason).toContain('2026-02-30');
    const again = await app.call('orders.import', { fileName: 'orders.txt', dataBase64: b64(text) });
    expect(again).toMatchObject({ rows: 4, imported: 0, unchanged: 2 });
    expect((await app.call('orders.list', { query: '305-0000001' })).rows[0]).toMatchObject({
      category: 'wine',
      buyerName: 'Nina Neu',
      conversationId: null,
    });
  });

  it('reports progress and keeps the event loop turning while 50,000 rows go in', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const result = await app.call('orders.import', { fileName: 'big.txt', dataBase64: b64(report(50_000)) });
    const ms = performance.now() - started;
    clearInterval(timer);
    expect(result).toMatchObject({ rows: 50_000, imported: 50_000, failed: [] });
    // The 5 s target is bench/orders.mjs's to measure on a quiet machine; here, with the other test
    // files running alongside, a bound that still catches a regression to the ~20 s per-row path.
    expect(ms).toBeLessThan(10_000);
    expect(ticks).toBeGreaterThan(5); // timers ran between the chunks: the relay is not frozen
    const progress = app.events
      .filter((e) => e.event === 'job.progress')
      .map((e) => e.payload as ContractEvents['job.progress']);
    expect(progress.length).toBeGreaterThanOrEqual(50);
    expect(progress.at(-1)).toEqual({ job: 'orders.import', done: 50_000, total: 50_000 });

    const again = await app.call('orders.import', { fileName: 'big.txt', dataBase64: b64(report(50_000)) });
    expect(again).toMatchObject({ imported: 0, unchanged: 50_000, failed: [] });
    console.log(`orders.import 50,000 rows: ${ms.toFixed(0)} ms, re-import ${again.ms} ms`);
  }, 30_000);
});

describe('orders.list', () => {
  it('finds orders by order-number prefix, buyer name and alias with or without @domain (R3), newest first, never by real address', async () => {
    const all = await app.call('orders.list', {});
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.orderId)).toEqual([
      '302-1184503-2291047',
      '302-5520981-7730120',
      '302-7719034-1184460',
    ]);
    const anna = all.rows[0];
    expect(anna.aliasAddress).toBe(`${anna.alias}@${app.ctx.domain}`);
    expect(anna.conversationId).toEqual(expect.any(Number));
    expect(JSON.stringify(all)).not.toMatch(/@(?!relay)[a-z0-9-]+\.(de|com)/); // no buyer address anywhere

    expect((await app.call('orders.list', { query: '302-55' })).rows.map((r) => r.orderId)).toEqual([
      '302-5520981-7730120',
    ]);
    expect((await app.call('orders.list', { query: anna.alias })).rows.map((r) => r.orderId)).toEqual([anna.orderId]);
    expect(
      (await app.call('orders.list', { query: anna.aliasAddress.toUpperCase() })).rows.map((r) => r.orderId),
    ).toEqual([anna.orderId]);
    const lastName = anna.buyerName!.split(' ').at(-1)!;
    expect((await app.call('orders.list', { query: lastName.toLowerCase() })).rows.map((r) => r.orderId)).toContain(
      anna.orderId,
    );
    const email = app.ctx.pairs.byAlias(anna.alias)!.buyerEmail;
    expect((await app.call('orders.list', { query: email })).total).toBe(0);
    expect((await app.call('orders.list', { query: '%' })).total).toBe(0); // LIKE wildcards are literal
    expect((await app.call('orders.list', { query: '', offset: 1, limit: 1 })).rows.map((r) => r.orderId)).toEqual([
      '302-5520981-7730120',
    ]);
  });
});

describe('orders.ship', () => {
  it('sends the automatic confirmation (R17) to the alias, delivered, not counted against the daily limit (R16)', async () => {
    const before = (await app.call('performance.get', {})).quota.sentToday;
    const result = await app.call('orders.ship', {
      orderId: '302-7719034-1184460',
      carrier: 'DHL',
      tracking: 'JJD000123',
    });
    expect(result.order).toMatchObject({
      orderId: '302-7719034-1184460',
      carrier: 'DHL',
      tracking: 'JJD000123',
      shippedAt: expect.any(String),
    });
    expect(result.state).toBe('queued');
    const row = sqlGet(
      app.ctx.store,
      'SELECT via, direction, envelope_to FROM messages WHERE id = ?',
      result.messageId,
    );
    expect(row).toMatchObject({ via: 'automatic', direction: 'seller-to-buyer' });
    await eventually(
      () =>
        app.events.some(
          (e) =>
            e.event === 'delivery.changed' &&
            (e.payload as { messageId: number; state: string }).messageId === result.messageId &&
            (e.payload as { state: string }).state === 'delivered',
        ),
      10_000,
      'the confirmation delivered',
    );
    expect((await app.call('performance.get', {})).quota.sentToday).toBe(before);
    await expect(app.call('orders.ship', { orderId: 'nope' })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(DEMO_SELLER.id).toBeTruthy();
  });

  it('confirms a shipment once per tracking number: the same again is refused with its date, a new number corrects', async () => {
    const ship = (tracking: string) =>
      app.call('orders.ship', { orderId: '302-1184503-2291047', carrier: 'DHL', tracking });
    const first = await ship('JJD000777');
    const today = first.order.shippedAt!.slice(0, 10);
    await expect(ship('JJD000777')).rejects.toMatchObject({
      code: 'EEXISTS',
      detail: { key: 'ship.alreadyConfirmed', params: { order: '302-1184503-2291047', date: today } },
    });
    const corrected = await ship('JJD000778');
    expect(corrected.messageId).not.toBe(first.messageId);
    expect(corrected.order.tracking).toBe('JJD000778');
  });
});
