/**
 * Tests only: the fake backend's overviews (fake-backend.ts): orders with search and shipment, an
 * import that pushes 'job.progress' and reports failed rows, a performance view, reports with
 * withdraw, and a record export.
 */
import type {
  EventName,
  ImportResult,
  OrderRow,
  PerformanceView,
  ReportsOverview,
  ResponseItem,
} from '../../../../shared/contract';
import { fakeOrderRow } from './fake-orders';

const DAY = 86_400_000;
export const NOW = Date.parse('2026-03-16T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

export function fakeOrders(): OrderRow[] {
  return [
    fakeOrderRow({
      orderId: '028-1111111-1111111',
      buyerName: 'Anna Weber',
      productName: 'Oak board',
      category: 'handmade',
      purchasedAt: iso(NOW - 2 * DAY),
      alias: 'k3xq9z2m4p7w1ab',
      conversationId: 7,
    }),
    fakeOrderRow({
      orderId: '028-2222222-2222222',
      buyerName: 'Jonas Roth',
      productName: 'Riesling 2021',
      category: 'wine',
      purchasedAt: iso(NOW - 5 * DAY),
      shippedAt: iso(NOW - 4 * DAY),
      carrier: 'DHL',
      tracking: '00340434161094042557',
      alias: 'r8tq2v5n1c6y3de',
    }),
  ];
}

const item = (id: number, conversationId: number, receivedAgo: number, answeredAfter: number | null): ResponseItem => ({
  messageId: id,
  conversationId,
  buyerName: `Buyer ${conversationId}`,
  alias: `alias${conversationId}`,
  subject: `Question ${id}`,
  receivedAt: iso(NOW - receivedAgo),
  answeredAt: answeredAfter === null ? null : iso(NOW - receivedAgo + answeredAfter),
  responseMs: answeredAfter,
});

export function fakePerformance(): PerformanceView {
  const window = (days: 7 | 30 | 90, total: number, within: number) => ({
    days,
    total,
    answeredWithin24h: within,
    share: total ? within / total : null,
    averageResponseMs: 5 * 3_600_000,
    late: [item(5001, 12, 3 * DAY, 30 * 3_600_000)],
    unanswered: days === 7 ? [item(5002, 13, 2 * DAY, null)] : [],
    lateTotal: days === 90 ? 350 : 1,
    unansweredTotal: days === 7 ? 1 : 0,
  });
  return {
    windows: [window(7, 20, 19), window(30, 80, 72), window(90, 200, 186)],
    daily: Array.from({ length: 90 }, (_, i) => ({
      day: iso(NOW - (89 - i) * DAY).slice(0, 10),
      total: i % 7 === 0 ? 0 : 3,
      answeredWithin24h: i % 7 === 0 ? 0 : 2,
      share: i % 7 === 0 ? null : 2 / 3,
    })),
    quota: {
      limit: 616,
      sentToday: 42,
      remaining: 574,
      averageDailyOrders: 3.2,
      windowDays: 30,
      perOrder: 5,
      base: 600,
      formula: '5 × 3.2 + 600 = 616',
      counted: true,
      ordersInWindow: 96,
    },
    importantUses: [
      {
        id: 1,
        messageId: 6001,
        conversationId: 7,
        kind: 'important-tag',
        subject: '[Important] Your delivery address',
        category: 'address-check',
        necessary: true,
        verdict: 'Address question: allowed',
        override: null,
        at: iso(NOW - DAY),
      },
      {
        id: 2,
        messageId: 6002,
        conversationId: 8,
        kind: 'important-tag',
        subject: '[Important] Spring sale',
        category: 'marketing',
        necessary: false,
        verdict: 'Marketing is never important (R11)',
        override: 'confirmed',
        at: iso(NOW - 2 * DAY),
      },
    ],
  };
}

export function fakeReports(): ReportsOverview {
  return {
    reports: [
      {
        id: 31,
        messageId: 9001,
        conversationId: 9,
        reason: 'spam',
        note: 'third time',
        createdAt: iso(NOW - DAY),
        withdrawnAt: null,
        subject: 'Cheap watches',
        fromLabel: 'Spam Sender',
        alias: 'spamalias000001',
      },
      {
        id: 30,
        messageId: 9002,
        conversationId: 10,
        reason: 'abusive',
        note: null,
        createdAt: iso(NOW - 3 * DAY),
        withdrawnAt: iso(NOW - 2 * DAY),
        subject: 'You will regret',
        fromLabel: 'Angry Buyer',
        alias: 'angryalias00001',
      },
    ],
    topSenders: [{ alias: 'spamalias000001', buyerName: 'Spam Sender', count: 3, lastAt: iso(NOW - DAY) }],
  };
}

export interface OverviewOptions {
  importResult?: ImportResult;
  /** Held until the test releases it, so the progress bar can be seen. */
  importGate?: Promise<void>;
}

export function overviewHandlers(
  emit: (event: EventName, payload: unknown) => void,
  options: OverviewOptions,
): Record<string, (input: never) => unknown> {
  let orders = fakeOrders();
  let reports = fakeReports();
  return {
    'orders.list': ({ query = '', offset = 0, limit = 100 }: { query?: string; offset?: number; limit?: number }) => {
      const q = query.toLowerCase();
      const hit = orders.filter((o) =>
        [o.orderId, o.buyerName ?? '', o.alias].some((h) => h.toLowerCase().includes(q)),
      );
      return { total: hit.length, offset, rows: hit.slice(offset, offset + limit) };
    },
    'orders.import': async () => {
      emit('job.progress', { job: 'orders.import', done: 500, total: 1000 });
      await options.importGate;
      return (
        options.importResult ?? {
          rows: 4,
          imported: 2,
          updated: 0,
          unchanged: 1,
          failed: [
            {
              line: 4,
              reason: 'purchase-date "31.02.2026" (column 2) is not a date; expected …',
              problems: [
                { key: 'dateInvalid', params: { value: '31.02.2026', column: 'purchase-date', position: '2' } },
              ],
            },
          ],
          ms: 120,
        }
      );
    },
    'orders.ship': ({ orderId, carrier, tracking }: { orderId: string; carrier?: string; tracking?: string }) => {
      orders = orders.map((o) =>
        o.orderId === orderId ? { ...o, shippedAt: iso(NOW), carrier: carrier ?? null, tracking: tracking ?? null } : o,
      );
      return { order: orders.find((o) => o.orderId === orderId), messageId: 777, state: 'delivered' };
    },
    'performance.get': () => fakePerformance(),
    'reports.list': () => reports,
    'reports.withdraw': ({ id }: { id: number }) => {
      reports = {
        ...reports,
        reports: reports.reports.map((r) => (r.id === id ? { ...r, withdrawnAt: iso(NOW) } : r)),
      };
      return reports.reports.find((r) => r.id === id);
    },
    'record.export': () => ({
      fileName: 'record-7.zip',
      dataBase64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==',
      messages: 5,
      files: 8,
      head: 'ab'.repeat(32),
    }),
    'record.exportForAuthority': () => ({
      saved: true,
      path: '/home/seller/Documents/parley-authority-record-7.zip',
      messages: 5,
      files: 8,
      head: 'cd'.repeat(32),
    }),
  };
}
