/**
 * The contact response time (R19 anchor: the marketplace's seller performance page) at its edges,
 * over a real SQLite store whose clock the test moves: 24 h to the minute, weekends, marks (R19),
 * reports (R18), automatic messages (R17) and the quota formula (R16).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreContext } from '../context.js';
import { appendMessage } from '../ops/testing/seeded-record.js';
import { markNoResponseNeeded, reportMessage } from '../relay/marks.js';
import { sqlRun } from '../store/inspect.js';
import type { Seller } from '../store/sellers.js';
import { getPerformance, loadPerformance } from './performance.js';

// The R11 log as a test writes it: with its own times, and a use whose message was never recorded.
const INSERT_USE =
  'INSERT INTO important_uses (seller_id, message_id, kind, subject, category, necessary, verdict, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

const MIN = 60_000,
  HOUR = 60 * MIN;
let tmp: string;
let ctx: CoreContext;
let seller: Seller;
let now: Date;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-perf-'));
  now = new Date('2026-11-02T09:00:00Z'); // a Monday
  ctx = new CoreContext({ dataDir: tmp, domain: 'relay.test', dns: 'offline', clock: { now: () => now } });
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
  seller = ctx.sellers.require('shop-one');
});

afterEach(() => {
  ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let buyers = 0;
/** A new buyer's conversation; returns helpers that record at a given time. */
function conversation() {
  buyers++;
  const pair = ctx.pairs.ensurePair('shop-one', `buyer${buyers}@example.de`, `Buyer ${buyers}`);
  const conversationId = ctx.pairs.ensureConversation(pair.id, 'buyer', 'Question');
  const at = (iso: string | Date) => {
    now = new Date(iso);
  };
  return {
    alias: pair.alias,
    buyer: async (when: string | Date, subject = 'Question', verdict: 'deliver' | 'held' = 'deliver') => {
      at(when);
      return appendMessage(ctx, {
        conversationId,
        direction: 'buyer-to-seller',
        envelopeFrom: `buyer${buyers}@example.de`,
        subject,
        text: 'Hello?',
        verdict,
      });
    },
    seller: async (when: string | Date, via: 'app' | 'automatic' = 'app') => {
      at(when);
      return appendMessage(ctx, {
        conversationId,
        direction: 'seller-to-buyer',
        via,
        envelopeFrom: 'cs@shop.example',
        subject: 'Re: Question',
        text: 'Answer',
      });
    },
  };
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);
const window7 = (at: string) => getPerformance(ctx, seller, new Date(at)).windows.find((w) => w.days === 7)!;

describe('contact response time', () => {
  it('counts an answer at 23:59 as within 24 hours and one at 24:01 as late', async () => {
    const a = conversation();
    await a.buyer('2026-10-27T10:00:00Z');
    await a.seller(plus('2026-10-27T10:00:00Z', 23 * HOUR + 59 * MIN));
    const b = conversation();
    const late = await b.buyer('2026-10-27T11:00:00Z');
    await b.seller(plus('2026-10-27T11:00:00Z', 24 * HOUR + MIN));

    const w = window7('2026-11-02T09:00:00Z');
    expect(w).toMatchObject({ total: 2, answeredWithin24h: 1, share: 0.5, lateTotal: 1, unansweredTotal: 0 });
    expect(w.late.map((i) => i.messageId)).toEqual([late]);
    expect(w.late[0]).toMatchObject({ alias: b.alias, buyerName: 'Buyer 2', responseMs: 24 * HOUR + MIN });
    expect(w.averageResponseMs).toBe(24 * HOUR); // (23:59 + 24:01) / 2
  });

  it('counts weekends like any day: a Saturday message answered on Monday is late', async () => {
    const c = conversation();
    await c.buyer('2026-10-31T10:00:00Z'); // Saturday
    await c.seller('2026-11-02T08:00:00Z'); // Monday, 46 h later
    expect(window7('2026-11-02T09:00:00Z')).toMatchObject({ total: 1, answeredWithin24h: 0, share: 0, lateTotal: 1 });
  });

  it('one answer answers every buyer message before it; an unanswered one is late once 24 h passed, not before', async () => {
    const c = conversation();
    await c.buyer('2026-10-30T10:00:00Z');
    await c.buyer('2026-10-30T12:00:00Z');
    await c.seller('2026-10-30T13:00:00Z');
    const overdue = await c.buyer('2026-10-31T08:00:00Z');
    await c.buyer('2026-11-02T07:00:00Z'); // 2 h ago: not due yet, neither counted nor listed

    const w = window7('2026-11-02T09:00:00Z');
    expect(w).toMatchObject({ total: 3, answeredWithin24h: 2, unansweredTotal: 1 });
    expect(w.unanswered.map((i) => i.messageId)).toEqual([overdue]);
    expect(w.unanswered[0].answeredAt).toBeNull();
  });

  it('leaves out messages marked "no response needed" (R19), reported ones (R18) and held ones', async () => {
    const c = conversation();
    const marked = await c.buyer('2026-10-28T10:00:00Z', 'Thanks!');
    const reported = await c.buyer('2026-10-28T11:00:00Z', 'Spam');
    await c.buyer('2026-10-28T12:00:00Z', 'Held by DMARC', 'held'); // never reached the seller
    markNoResponseNeeded(ctx, marked, 'app');
    reportMessage(ctx, reported, { reason: 'spam', source: 'app' });
    expect(window7('2026-11-02T09:00:00Z')).toMatchObject({ total: 0, share: null, unansweredTotal: 0 });

    // A withdrawn report no longer excludes the message: it is due and unanswered.
    sqlRun(ctx.store, 'UPDATE reports SET withdrawn_at = ? WHERE message_id = ?', '2026-11-01T00:00:00.000Z', reported);
    expect(window7('2026-11-02T09:00:00Z')).toMatchObject({ total: 1, unansweredTotal: 1 });
  });

  it('does not count an automatic message (a shipping confirmation) as an answer', async () => {
    const c = conversation();
    await c.buyer('2026-10-28T10:00:00Z');
    await c.seller('2026-10-28T10:30:00Z', 'automatic');
    await c.seller('2026-10-29T12:00:00Z'); // the real answer, 26 h after
    const w = window7('2026-11-02T09:00:00Z');
    expect(w).toMatchObject({ total: 1, answeredWithin24h: 0, lateTotal: 1 });
    expect(w.late[0].responseMs).toBe(26 * HOUR);
  });

  it('keeps the 7, 30 and 90 day windows and a daily series of 90 UTC days', async () => {
    const c = conversation();
    await c.buyer('2026-10-01T10:00:00Z'); // 32 days before
    await c.seller('2026-10-01T11:00:00Z');
    await c.buyer('2026-08-20T10:00:00Z'); // 74 days before, unanswered
    const view = getPerformance(ctx, seller, new Date('2026-11-02T09:00:00Z'));
    expect(view.windows.map((w) => [w.days, w.total, w.answeredWithin24h])).toEqual([
      [7, 0, 0],
      [30, 0, 0],
      [90, 2, 1],
    ]);
    expect(view.daily).toHaveLength(90);
    expect(view.daily.at(-1)!.day).toBe('2026-11-02');
    expect(view.daily.find((d) => d.day === '2026-10-01')).toEqual({
      day: '2026-10-01',
      total: 1,
      answeredWithin24h: 1,
      share: 1,
    });
    expect(view.daily.find((d) => d.day === '2026-08-20')).toMatchObject({ total: 1, answeredWithin24h: 0, share: 0 });
  });

  it('lets other calls in while the app reads the 90 days, and counts the same across the edges of what it reads', async () => {
    const at = '2026-11-02T09:00:00Z';
    await conversation().buyer('2026-08-04T09:00:00.000Z'); // the first millisecond of the 90 days, unanswered
    const c = conversation();
    await c.buyer('2026-08-14T08:59:59.999Z'); // the app reads 10 days at a time: the last millisecond of the first
    await c.seller('2026-08-14T09:00:00.000Z'); // its answer, the first millisecond of the next
    const late = await c.buyer('2026-10-20T10:00:00Z');
    await c.seller('2026-10-22T10:00:00Z');

    let done = false;
    let turnsMeanwhile = 0;
    const other = () => {
      if (done) return;
      turnsMeanwhile++;
      setImmediate(other);
    };
    setImmediate(other);
    const view = await loadPerformance(ctx, seller, new Date(at));
    done = true;

    expect(turnsMeanwhile).toBeGreaterThanOrEqual(9);
    expect(view).toEqual(getPerformance(ctx, seller, new Date(at)));
    expect(view.windows.find((w) => w.days === 90)).toMatchObject({
      total: 3,
      answeredWithin24h: 1,
      lateTotal: 1,
      unansweredTotal: 1,
    });
    expect(view.windows.find((w) => w.days === 30)!.late.map((i) => i.messageId)).toEqual([late]);
  });
});

describe('quota (R16) and the [Important] log (R11)', () => {
  it('is 5 × the average daily orders over the 30 days before today + 600, with its inputs', () => {
    for (let i = 0; i < 96; i++) {
      ctx.orders.upsert({
        sellerId: 'shop-one',
        orderId: `A-${i}`,
        buyerEmail: `o${i % 7}@example.com`,
        purchasedAt: new Date(Date.parse('2026-10-05T12:00:00Z') + i * HOUR).toISOString(),
      });
    }
    ctx.orders.upsert({
      sellerId: 'shop-one',
      orderId: 'TODAY',
      buyerEmail: 'o1@example.com',
      purchasedAt: '2026-11-02T08:00:00Z',
    }); // today: not in the window
    ctx.orders.upsert({
      sellerId: 'shop-one',
      orderId: 'OLD',
      buyerEmail: 'o1@example.com',
      purchasedAt: '2026-09-01T08:00:00Z',
    }); // before the window
    const { quota } = getPerformance(ctx, seller);
    expect(quota).toMatchObject({
      ordersInWindow: 96,
      averageDailyOrders: 3.2,
      limit: 616,
      sentToday: 0,
      remaining: 616,
      windowDays: 30,
    });
    expect(quota.formula).toBe('5 × 3.2 + 600 = 616');
  });

  it('lists every [Important] use newest first with its verdict and conversation', async () => {
    const c = conversation();
    const id = await c.seller('2026-11-01T10:00:00Z');
    sqlRun(
      ctx.store,
      INSERT_USE,
      'shop-one',
      id,
      'important-tag',
      '[Important] Your order',
      'order-issue',
      1,
      'necessary',
      '2026-11-01T10:00:00.000Z',
    );
    sqlRun(
      ctx.store,
      INSERT_USE,
      'shop-one',
      null,
      'additional-info',
      'Please rate us',
      'marketing',
      0,
      'blocked',
      '2026-11-01T12:00:00.000Z',
    );
    const uses = getPerformance(ctx, seller).importantUses;
    expect(uses.map((u) => [u.subject, u.necessary, u.verdict])).toEqual([
      ['Please rate us', false, 'blocked'],
      ['[Important] Your order', true, 'necessary'],
    ]);
    expect(uses[1].conversationId).toBe(
      ctx.pairs.ensureConversation(ctx.pairs.requireAlias(c.alias, 'shop-one').id, 'buyer', ''),
    );
  });
});
