/**
 * Reports (R18) through the app service over a real demo store: listed with reason and date,
 * withdrawn ones kept and marked, the senders reported most, and a withdrawal that puts the
 * conversation back into "Response needed" (migration 3's trigger) and announces the counts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlColumn } from '../store/inspect.js';
import { startDemoApp, type TestApp } from './testing/test-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await startDemoApp();
});
afterEach(async () => {
  await app.close();
});

/** A demo conversation whose last message is from the buyer and needs an answer. */
async function pendingConversation(): Promise<{ conversationId: number; messageId: number }> {
  const list = await app.call('inbox.list', { filter: 'response-needed' });
  const row = list.rows[0];
  const detail = await app.call('conversation.get', { id: row.id });
  const message = detail.messages.filter((m) => m.direction === 'buyer-to-seller').at(-1)!;
  return { conversationId: row.id, messageId: message.id };
}

describe('reports', () => {
  it('lists a report with reason and date, withdraws it, and the conversation needs a response again', async () => {
    const { conversationId, messageId } = await pendingConversation();
    const needBefore = (await app.call('inbox.counts', {}))['response-needed'];
    const { reportId } = await app.call('message.report', { messageId, reason: 'spam', note: 'not a real question' });
    expect((await app.call('inbox.counts', {}))['response-needed']).toBe(needBefore - 1);

    const listed = await app.call('reports.list', {});
    expect(listed.reports).toHaveLength(1);
    expect(listed.reports[0]).toMatchObject({
      id: reportId,
      messageId,
      conversationId,
      reason: 'spam',
      note: 'not a real question',
      withdrawnAt: null,
      createdAt: expect.any(String),
    });
    expect(listed.reports[0].alias).toMatch(/^[a-z0-9]{15}$/);
    expect(listed.topSenders).toEqual([expect.objectContaining({ alias: listed.reports[0].alias, count: 1 })]);

    app.events.length = 0;
    const withdrawn = await app.call('reports.withdraw', { id: reportId });
    expect(withdrawn.withdrawnAt).toEqual(expect.any(String));
    expect((await app.call('inbox.counts', {}))['response-needed']).toBe(needBefore);
    const row = (await app.call('inbox.list', { filter: 'response-needed' })).rows.find((r) => r.id === conversationId);
    expect(row?.needsResponse).toBe(true);
    await app.waitForEvent('counts.changed', (c) => c['response-needed'] === needBefore, 3000);

    const after = await app.call('reports.list', {});
    expect(after.reports[0]).toMatchObject({ id: reportId, withdrawnAt: withdrawn.withdrawnAt }); // kept, marked
    expect(after.topSenders).toEqual([]); // a withdrawn report accuses no one
    // Withdrawing again changes nothing; another shop's or an unknown report is not found.
    expect((await app.call('reports.withdraw', { id: reportId })).withdrawnAt).toBe(withdrawn.withdrawnAt);
    await expect(app.call('reports.withdraw', { id: 9999 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('never shows a buyer address in a report', async () => {
    const { messageId } = await pendingConversation();
    await app.call('message.report', { messageId, reason: 'abusive' });
    const json = JSON.stringify(await app.call('reports.list', {}));
    const emails = sqlColumn<string>(app.ctx.store, 'SELECT email FROM buyers');
    for (const e of emails) expect(json).not.toContain(e);
  });
});
