import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { sqlGet, sqlValue } from '../store/inspect.js';
import { parseReportDate } from './order-report.js';
import { importOrders } from './orders-import.js';

let dataDir: string;
let ctx: CoreContext;

const tsv = (...lines: string[][]) => lines.map((l) => l.join('\t')).join('\n') + '\n';
const HEADER = ['order-id', 'purchase-date', 'buyer-email', 'buyer-name', 'product-name', 'category'];

describe('importOrders', () => {
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-'));
    ctx = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
    ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
  });

  afterEach(() => {
    ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports rows whatever the column order, ignoring unknown columns, with BOM and CRLF', () => {
    const text =
      '\uFEFF' +
      [
        [
          'Carrier',
          'BUYER_EMAIL',
          'sku',
          'Order-Id',
          'Purchase_Date',
          'ship-date',
          'buyer-name',
          'item-category',
          'tracking-number',
        ],
        [
          'DHL',
          'Anna@Example.DE',
          'S1',
          '303-1',
          '2026-11-20T10:15:00-08:00',
          '2026-11-21',
          ' Anna B ',
          'Handmade',
          '00340',
        ],
        ['', 'bob@example.com', 'S2', '303-2', '2026-11-20', '', '', '', ''],
      ]
        .map((l) => l.join('\t'))
        .join('\r\n') +
      '\r\n\r\n\r\n';
    const report = importOrders(ctx, 'shop-one', Buffer.from(text, 'utf8'));
    expect(report).toEqual({ total: 2, imported: 2, unchanged: 0, failed: [] });

    const anna = ctx.orders.require('303-1', 'shop-one');
    expect(anna).toMatchObject({
      buyerEmail: 'anna@example.de',
      buyerName: 'Anna B',
      category: 'handmade',
      purchasedAt: '2026-11-20T18:15:00.000Z',
      productName: null,
    });
    expect(ctx.orders.require('303-2', 'shop-one')).toMatchObject({
      category: 'standard',
      purchasedAt: '2026-11-20T00:00:00.000Z',
      buyerName: null,
    });
    // R1/R3: the order's buyer has an alias at this seller.
    expect(ctx.pairs.byAlias(anna.alias)?.buyerEmail).toBe('anna@example.de');
  });

  it('reads the German category words (R10b)', () => {
    const rows = [
      ['handgefertigt', 'handmade'],
      ['WEIN', 'wine'],
      ['Sonderanfertigung', 'custom'],
      ['personalisiert', 'custom'],
      ['standard', 'standard'],
    ];
    const report = importOrders(
      ctx,
      'shop-one',
      tsv(HEADER, ...rows.map(([word], i) => [`o-${i}`, '2026-11-20', `b${i}@example.de`, '', '', word])),
    );
    expect(report.imported).toBe(5);
    rows.forEach(([, category], i) => expect(ctx.orders.require(`o-${i}`, 'shop-one').category).toBe(category));
  });

  it('reports bad rows by file line and imports the good ones', () => {
    const text = tsv(
      HEADER, //                                                                   line 1
      ['a-1', '2026-11-20T10:15:00+00:00', 'ok@example.com', '', '', ''], //      line 2
      ['a-2', '20.11.2026 25:00', 'ok2@example.com', '', '', ''], //              line 3
      ['a-3', '2026-02-30', 'ok3@example.com', '', '', ''], //                    line 4
      ['a-4', '2026-11-20', 'not-an-address', '', '', ''], //                     line 5
      ['a-5', '', 'ok5@example.com', '', '', ''], //                              line 6
      ['a-6', '2026-11-20', 'ok6@example.com', '', '', 'furniture'], //           line 7
      ['', '2026-11-20', 'ok7@example.com', '', '', ''], //                       line 8
      ['a-9', '2026-11-20', 'x7k2m9q4p1z8w3r@relay.test', '', '', ''], //         line 9
      ['a-10', 'yesterday', 'a b@example.com', '', '', ''], //                    line 10
    );
    const report = importOrders(ctx, 'shop-one', text);
    expect(report.total).toBe(9);
    expect(report.imported).toBe(1);
    expect(report.failed.map((f) => f.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const reason = (line: number) => report.failed.find((f) => f.line === line)!.reason;
    const formats = '2026-12-03, 03.12.2026 or 3.12.2026, optionally with a time (14:30 or 14:30:00) and a zone';
    expect(reason(3)).toBe(
      `line 3: purchase-date "20.11.2026 25:00" (column 2) is not a date; expected ${formats} (Z or +01:00)`,
    );
    expect(reason(4)).toMatch(
      /^line 4: purchase-date "2026-02-30" \(column 2\) is not a date; expected 2026-12-03, 03\.12/,
    );
    expect(reason(5)).toBe('line 5: buyer-email "not-an-address" is not an e-mail address');
    expect(reason(6)).toMatch(/^line 6: purchase-date is missing/);
    expect(reason(7)).toBe('line 7: category "furniture" is not one of standard, handmade, wine, custom');
    expect(reason(8)).toBe('line 8: order-id is empty');
    expect(reason(9)).toMatch(/is an address of this relay/);
    expect(reason(10)).toMatch(
      /^line 10: buyer-email "a b@example.com" is not an e-mail address; purchase-date "yesterday" \(column 2\) is not/,
    );
    expect(report.failed[0].raw).toBe('a-2\t20.11.2026 25:00\tok2@example.com\t\t\t');
    // The UI words each problem from its key in the seller's language.
    const problems = (line: number) => report.failed.find((f) => f.line === line)!.problems;
    expect(problems(3)).toEqual([
      { key: 'dateInvalid', params: { value: '20.11.2026 25:00', column: 'purchase-date', position: '2' } },
    ]);
    expect(problems(5)).toEqual([{ key: 'emailInvalid', params: { value: 'not-an-address' } }]);
    expect(problems(6)).toEqual([{ key: 'dateMissing', params: {} }]);
    expect(problems(7)).toEqual([{ key: 'categoryUnknown', params: { value: 'furniture' } }]);
    expect(problems(8)).toEqual([{ key: 'orderIdEmpty', params: {} }]);
    expect(problems(9)).toEqual([{ key: 'emailRelay', params: { value: 'x7k2m9q4p1z8w3r@relay.test' } }]);
    expect(problems(10).map((p) => p.key)).toEqual(['emailInvalid', 'dateInvalid']);
  });

  it("imports the German report's dates, read in the shop's time zone when they name none", () => {
    const report = importOrders(
      ctx,
      'shop-one',
      tsv(
        HEADER,
        ['g-1', '03.12.2026', 'g1@example.com', '', '', ''],
        ['g-2', '3.12.2026 14:30', 'g2@example.com', '', '', ''],
        ['g-3', '2026-12-03T14:30:00Z', 'g3@example.com', '', '', ''],
      ),
      { timeZone: 'Europe/Berlin' },
    );
    expect(report.failed).toEqual([]);
    expect(report.imported).toBe(3);
    const purchased = (id: string) => sqlValue(ctx.store, 'SELECT purchased_at FROM orders WHERE order_id = ?', id);
    expect(purchased('g-1')).toBe('2026-12-02T23:00:00.000Z'); // midnight in Berlin (CET, +01:00)
    expect(purchased('g-2')).toBe('2026-12-03T13:30:00.000Z');
    expect(purchased('g-3')).toBe('2026-12-03T14:30:00.000Z'); // a zone in the file wins
  });

  it("fails a row whose buyer is a seller's own address (R9) and imports the others", () => {
    ctx.sellers.add({ id: 'shop-two', name: 'Shop Two', email: 'cs@shop-two.example', password: 'pw', language: 'en' });
    ctx.sellers.authorize('shop-two', 'lager@shop-two.example');
    const report = importOrders(
      ctx,
      'shop-one',
      tsv(
        HEADER,
        ['303-0000001', '2026-11-20', 'CS@shop-two.example', 'X', 'Mug', 'standard'],
        ['303-0000002', '2026-11-20', 'lager@shop-two.example', 'Y', 'Mug', 'standard'],
        ['303-0000003', '2026-11-20', 'anna@example.de', 'Anna', 'Mug', 'standard'],
      ),
    );
    expect(report.imported).toBe(1);
    expect(report.failed.map((f) => f.reason)).toEqual([
      expect.stringMatching(/^line 2: buyer-email cs@shop-two\.example is the address of the shop "shop-two".*\(R9\)$/),
      expect.stringMatching(/^line 3: buyer-email lager@shop-two\.example .*\(R9\)$/),
    ]);
    expect(report.failed[0].problems).toEqual([{ key: 'emailSeller', params: { value: 'cs@shop-two.example' } }]);
    expect(sqlValue(ctx.store, "SELECT COUNT(*) FROM buyers WHERE email LIKE '%shop-two.example'")).toBe(0);
    // The same rule from `parley order add` and every other way a buyer is made.
    expect(() =>
      ctx.orders.upsert({ sellerId: 'shop-one', orderId: '303-9', buyerEmail: 'cs@shop-two.example' }),
    ).toThrow(expect.objectContaining({ code: 'EOTHERSELLER' }));
  });

  it('fails every row when the purchase-date column is absent', () => {
    const report = importOrders(ctx, 'shop-one', tsv(['order-id', 'buyer-email'], ['x-1', 'a@example.com']));
    expect(report.imported).toBe(0);
    expect(report.failed[0].reason).toMatch(/purchase-date is missing.*R16/);
    expect(report.failed[0].problems).toEqual([{ key: 'dateMissing', params: {} }]);
  });

  it.each([
    [['buyer-email', 'purchase-date'], 'the order report has no "order-id" column'],
    [['order-id', 'purchase-date', 'email'], 'the order report has no "buyer-email" column'],
  ])('refuses a header without a required column (%j)', (header, message) => {
    const run = () =>
      importOrders(
        ctx,
        'shop-one',
        tsv(
          header,
          header.map(() => 'x'),
        ),
      );
    expect(run).toThrow(ParleyError);
    expect(run).toThrow(message);
    // The app words it in the seller's language from the key, naming the column.
    const column = /"([a-z-]+)"/.exec(message)![1];
    expect(run).toThrow(
      expect.objectContaining({ code: 'EBADINPUT', detail: { key: 'orderReport.noColumn', params: { column } } }),
    );
  });

  it('refuses an empty report and an unknown seller', () => {
    expect(() => importOrders(ctx, 'shop-one', '\n\n')).toThrow('the order report is empty');
    expect(() => importOrders(ctx, 'no-such-shop', tsv(HEADER))).toThrow(/no seller/);
  });

  it('counts duplicate rows and re-imports as unchanged, changing nothing', () => {
    const text = tsv(
      HEADER,
      ['d-1', '2026-11-20', 'dup@example.com', 'Dee', 'Mug', 'wine'],
      ['d-1', '2026-11-20', 'dup@example.com', 'Dee', 'Mug', 'wine'],
      ['d-2', '2026-11-21', 'dup@example.com', 'Dee', 'Cup', ''],
    );
    expect(importOrders(ctx, 'shop-one', text)).toEqual({ total: 3, imported: 2, unchanged: 1, failed: [] });
    const alias = ctx.orders.require('d-1', 'shop-one').alias;
    const counts = () =>
      sqlGet(
        ctx.store,
        'SELECT (SELECT COUNT(*) FROM orders) o, (SELECT COUNT(*) FROM pairs) p, (SELECT COUNT(*) FROM buyers) b',
      );
    const before = counts();
    expect(importOrders(ctx, 'shop-one', text)).toEqual({ total: 3, imported: 0, unchanged: 3, failed: [] });
    expect(counts()).toEqual(before);
    // R1: both orders of the buyer share one alias, which a re-import keeps.
    expect(ctx.orders.require('d-2', 'shop-one').alias).toBe(alias);
  });

  it('never moves an order to another buyer or category', () => {
    importOrders(ctx, 'shop-one', tsv(HEADER, ['c-1', '2026-11-20', 'first@example.com', '', '', 'handmade']));
    const report = importOrders(
      ctx,
      'shop-one',
      tsv(
        HEADER,
        ['c-1', '2026-11-20', 'second@example.com', '', '', 'handmade'],
        ['c-1', '2026-11-20', 'first@example.com', '', '', 'standard'],
      ),
    );
    expect(report.imported + report.unchanged).toBe(0);
    expect(report.failed.map((f) => f.reason)).toEqual([
      'line 2: order c-1 is already recorded for a different buyer; it was not changed',
      'line 3: order c-1 is already recorded as "handmade", not "standard"; it was not changed',
    ]);
    expect(ctx.orders.require('c-1', 'shop-one')).toMatchObject({
      buyerEmail: 'first@example.com',
      category: 'handmade',
    });
  });

  it('uses an existing pair and fills a buyer name learned later', () => {
    const pair = ctx.pairs.ensurePair('shop-one', 'known@example.com');
    importOrders(ctx, 'shop-one', tsv(HEADER, ['k-1', '2026-11-20', 'KNOWN@example.com', 'Kim', '', '']));
    expect(ctx.orders.require('k-1', 'shop-one').alias).toBe(pair.alias);
    expect(ctx.pairs.buyerByEmail('known@example.com')?.name).toBe('Kim');
  });

  it('reads a Windows-1252 report', () => {
    const text = tsv(HEADER, ['w-1', '2026-11-20', 'jm@example.de', 'Jürgen Müller', 'Glühwein', 'Wein']);
    importOrders(ctx, 'shop-one', Buffer.from(text, 'latin1'));
    expect(ctx.orders.require('w-1', 'shop-one')).toMatchObject({
      buyerName: 'Jürgen Müller',
      productName: 'Glühwein',
      category: 'wine',
    });
  });

  // The time is printed, not asserted: a loaded CI machine must not fail the suite.
  it('imports 50,000 rows in one transaction and prints the time', () => {
    const lines = [
      ['order-id', 'purchase-date', 'buyer-email', 'buyer-name', 'product-name', 'category', 'carrier'].join('\t'),
    ];
    for (let i = 0; i < 50_000; i++) {
      // 30,000 distinct buyers, so some have several orders; 1 in 7 rows is handmade.
      lines.push(
        [
          `303-${String(i).padStart(7, '0')}-1`,
          `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:15:00-08:00`,
          `buyer${i % 30_000}@example.com`,
          `Buyer ${i % 30_000}`,
          `Product ${i}`,
          i % 7 === 0 ? 'handmade' : 'standard',
          'DHL',
        ].join('\t'),
      );
    }
    const text = lines.join('\n');
    const progress: number[] = [];
    let started = performance.now();
    const report = importOrders(ctx, 'shop-one', text, { onProgress: (done) => progress.push(done) });
    const firstMs = performance.now() - started;
    expect(report).toEqual({ total: 50_000, imported: 50_000, unchanged: 0, failed: [] });
    expect(progress.at(-1)).toBe(50_000);
    expect(progress.length).toBe(50);

    started = performance.now();
    const again = importOrders(ctx, 'shop-one', text);
    const secondMs = performance.now() - started;
    expect(again).toEqual({ total: 50_000, imported: 0, unchanged: 50_000, failed: [] });
    console.log(`50,000-row import: ${firstMs.toFixed(0)} ms first, ${secondMs.toFixed(0)} ms re-import`);
    expect(sqlValue(ctx.store, 'SELECT COUNT(*) FROM pairs')).toBe(30_000);
  });
});

describe('parseReportDate', () => {
  it.each([
    ['2026-11-20T10:15:00+00:00', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20T10:15:00-08:00', '2026-11-20T18:15:00.000Z'],
    ['2026-11-20T10:15:00Z', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20T10:15:00.250+0100', '2026-11-20T09:15:00.250Z'],
    ['2026-11-20 10:15', '2026-11-20T10:15:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    // The German report: DD.MM.YYYY and D.M.YYYY, with a time (HH:MM or HH:MM:SS) and a zone or not.
    ['03.12.2026', '2026-12-03T00:00:00.000Z'],
    ['3.12.2026', '2026-12-03T00:00:00.000Z'],
    ['3.2.2026', '2026-02-03T00:00:00.000Z'],
    ['03.12.2026 14:30', '2026-12-03T14:30:00.000Z'],
    ['03.12.2026 14:30:15', '2026-12-03T14:30:15.000Z'],
    ['3.12.2026, 9:05', '2026-12-03T09:05:00.000Z'],
    ['03.12.2026 14:30 Z', '2026-12-03T14:30:00.000Z'],
    ['03.12.2026 14:30:00 +01:00', '2026-12-03T13:30:00.000Z'],
    ['03.12.2026 14:30+0200', '2026-12-03T12:30:00.000Z'],
    ['29.02.2028', '2028-02-29T00:00:00.000Z'],
  ])('%s → %s', (value, iso) => expect(parseReportDate(value)).toBe(iso));

  it.each([
    // A date or time without a zone is the shop's local time, summer and winter.
    ['03.12.2026', 'Europe/Berlin', '2026-12-02T23:00:00.000Z'],
    ['03.07.2026 14:30', 'Europe/Berlin', '2026-07-03T12:30:00.000Z'],
    ['2026-07-03T14:30:00', 'Europe/Berlin', '2026-07-03T12:30:00.000Z'],
    ['2026-07-03T14:30:00', 'America/New_York', '2026-07-03T18:30:00.000Z'],
    ['2026-07-03T14:30:00+00:00', 'Europe/Berlin', '2026-07-03T14:30:00.000Z'],
  ])('%s in %s → %s', (value, zone, iso) => expect(parseReportDate(value, zone)).toBe(iso));

  it.each([
    '',
    '2026-13-01',
    '31.02.2026',
    '03.13.2026',
    '03.12.26',
    '03/12/2026',
    '03.12.2026 24:00',
    '03.12.2026 14',
    '2026-02-29',
    '2026-11-20T24:00:00',
    '2026-11-20T10:15:00+25:00',
    'Nov 20 2026',
    '2026-11-20T10:15:00 PST',
  ])('refuses %j', (value) => expect(parseReportDate(value)).toBeNull());
});
