/**
 * Imported mail is history: after `mailImport` brings in old buyer conversations, nothing of it asks for a response,
 * is overdue, counts in the response time or today's limit, or changes what the relay's conversations show; it stays
 * under "All" with its own dates. A buyer who writes again through the relay needs a response as usual.
 */
import { describe, expect, it } from 'vitest';
import type { PerformanceView } from '../../../shared/contract-overviews.js';
import { DEMO_SELLER } from '../ops/demo.js';
import { mboxOf, testMail } from '../ops/testing/mbox.js';
import { sqlExec } from '../store/inspect.js';
import { HISTORY_MIGRATION } from '../store/migration-history.js';
import { appsPerTest, buyerWrites, eventually, type TestApp } from './testing/test-app.js';

const apps = appsPerTest();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dateAgo = (ms: number) => new Date(Date.now() - ms).toUTCString();

/** What the Performance view says about responses and today's limit (not the times it was computed at). */
const responseStats = (p: PerformanceView) => ({
  windows: p.windows.map((w) => ({
    days: w.days,
    total: w.total,
    answeredWithin24h: w.answeredWithin24h,
    late: w.late.length,
    unanswered: w.unanswered.length,
  })),
  daily: p.daily.map((d) => [d.total, d.answeredWithin24h]),
  sentToday: p.quota.sentToday,
});

async function importMbox(app: TestApp, messages: Buffer[]): Promise<void> {
  const bytes = mboxOf(messages);
  await app.call('mailImport.upload', { uploadId: 'history-0001', offset: 0, dataBase64: bytes.toString('base64') });
  const result = await app.call('mailImport.start', {
    uploadId: 'history-0001',
    fileName: 'alt.mbox',
    size: bytes.length,
  });
  expect(result).toMatchObject({ imported: messages.length, refused: 0 });
}

describe('imported mail history', () => {
  it('needs no response, is not overdue, leaves the response time and the limit alone, and stays under All', async () => {
    const app = await apps.demo();
    const counts = await app.call('inbox.counts', {});
    const stats = responseStats(await app.call('performance.get', {}));
    const needing = (await app.call('inbox.list', { filter: 'response-needed' })).rows;
    expect(needing.length).toBeGreaterThan(0); // the demo's open question (James) must stay open

    await importMbox(app, [
      // Unanswered buyer questions of the last days: each would be overdue if it asked for a response.
      ...[1, 2, 3].map((i) =>
        testMail({
          from: `Alter Kunde ${i} <old.customer${i}@example.org>`,
          to: DEMO_SELLER.email,
          subject: `Alte Frage ${i}`,
          messageId: `old-question-${i}@example.org`,
          date: dateAgo(i * DAY + HOUR),
        }),
      ),
      // The seller's old mail, written an hour ago from the shop's own mailbox: no part of today's limit.
      testMail({
        from: DEMO_SELLER.email,
        to: 'old.customer9@example.org',
        subject: 'Ihre alte Bestellung',
        messageId: 'old-seller-today@example.org',
        date: dateAgo(HOUR),
      }),
      // Old seller mail to the demo's buyers, imported after their relay conversations: it answers nothing there and
      // is not their latest outgoing message.
      ...['james.smith@example.com', 'lukas.weber@example.de', 'anna.mueller@example.de'].map((to, i) =>
        testMail({
          from: DEMO_SELLER.email,
          to,
          subject: 'Letztes Jahr',
          messageId: `old-seller-${i}@example.org`,
          date: dateAgo(365 * DAY),
        }),
      ),
    ]);

    const after = await app.call('inbox.counts', {});
    expect(after).toMatchObject({
      'response-needed': counts['response-needed'],
      undeliverable: counts.undeliverable,
      all: counts.all + 4,
    });
    const stillNeeding = (await app.call('inbox.list', { filter: 'response-needed' })).rows;
    expect(stillNeeding.map((r) => [r.id, r.lastLine])).toEqual(needing.map((r) => [r.id, r.lastLine]));
    expect(responseStats(await app.call('performance.get', {}))).toEqual(stats);

    const all = (await app.call('inbox.list', { filter: 'all' })).rows;
    const old = all.filter((r) => r.subject.startsWith('Alte Frage'));
    expect(old).toHaveLength(3);
    for (const row of old) {
      expect(row).toMatchObject({ needsResponse: false, responseDueAt: null });
      expect(Date.now() - Date.parse(row.lastMessageAt)).toBeGreaterThan(DAY); // its own date, not the import's
    }

    // The same buyer writes again, now through the relay: that needs a response.
    await buyerWrites(app, {
      from: { name: 'Alter Kunde 1', address: 'old.customer1@example.org' },
      subject: 'Noch eine Frage',
      text: 'Ist der Tisch wieder lieferbar?',
    });
    const now = await eventually(async () => {
      const c = await app.call('inbox.counts', {});
      return c['response-needed'] === counts['response-needed'] + 1 && c;
    });
    expect(now.all).toBe(counts.all + 4);
    const row = (await app.call('inbox.list', { filter: 'response-needed' })).rows.find(
      (r) => r.id === old.find((o) => o.subject === 'Alte Frage 1')!.id,
    );
    expect(row).toMatchObject({ needsResponse: true, lastLine: 'Ist der Tisch wieder lieferbar?' });
    expect(Date.parse(row!.responseDueAt!)).toBeGreaterThan(Date.now());
  });

  it('a store that imported mail before is put right when it opens on the new version', async () => {
    const app = await apps.demo();
    const counts = await app.call('inbox.counts', {});
    await importMbox(app, [
      testMail({
        from: 'Alter Kunde <old.customer@example.org>',
        to: DEMO_SELLER.email,
        subject: 'Alte Frage',
        date: dateAgo(30 * DAY),
      }),
    ]);
    // As the triggers before the migration left it: the old question waiting for a response.
    sqlExec(
      app.ctx.store,
      `UPDATE conversations SET pending_since = last_at WHERE id IN (SELECT conversation_id FROM messages WHERE via = 'import')`,
    );
    expect((await app.call('inbox.counts', {}))['response-needed']).toBe(counts['response-needed'] + 1);
    sqlExec(app.ctx.store, HISTORY_MIGRATION);
    expect(await app.call('inbox.counts', {})).toMatchObject({
      'response-needed': counts['response-needed'],
      all: counts.all + 1,
    });
  });
});
