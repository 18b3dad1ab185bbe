import { afterEach, describe, expect, it } from 'vitest';
import { INBOX_BACKFILL } from '../store/migration-inbox.js';
import { removeTestDirs, startDemoApp, type TestApp } from './test-app.js';

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  removeTestDirs();
});

const STATE = `SELECT id, seller_id, message_count, last_id, last_at, last_answer_id, pending_since, sent_count, problem_count, held_count,
  reported_count, marked_count, attachment_count FROM conversations ORDER BY id`;

describe('conversation state kept by triggers (migration 3)', () => {
  it('equals what the migration computes from the record alone', async () => {
    const app = await startDemoApp();
    open.push(app);
    const { rows } = await app.call('inbox.list', { filter: 'response-needed' });
    const first = (await app.call('conversation.get', { id: rows[0].id })).messages[0].id;
    await app.call('message.report', { messageId: first, reason: 'spam' });
    const second = (await app.call('conversation.get', { id: rows[1].id })).messages[0].id;
    await app.call('message.noResponse', { messageId: second });
    const db = app.ctx.store.db;
    const kept = db.prepare(STATE).all();
    expect(kept.length).toBe(4);
    const counts = await app.call('inbox.counts', {});
    expect(counts).toMatchObject({
      all: 4,
      'response-needed': 0,
      reported: 1,
      'no-response': 1,
      sent: 3,
      undeliverable: 1,
    });
    const keptCounts = db.prepare('SELECT * FROM inbox_counts ORDER BY seller_id').all();
    db.exec(`UPDATE conversations SET seller_id = NULL, message_count = 0, last_id = NULL, last_at = NULL, last_answer_id = 0, pending_since = NULL,
      sent_count = 0, problem_count = 0, held_count = 0, reported_count = 0, marked_count = 0, attachment_count = 0`);
    db.exec('DELETE FROM inbox_counts');
    db.exec(INBOX_BACKFILL);
    expect(db.prepare(STATE).all()).toEqual(kept);
    expect(db.prepare('SELECT * FROM inbox_counts ORDER BY seller_id').all()).toEqual(keptCounts);
  });

  it('reads a page and the counts from the filter indexes, never by scanning the messages', async () => {
    const app = await startDemoApp();
    open.push(app);
    const plan = (sql: string) =>
      (app.ctx.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('holzwerkstatt') as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(
      plan(
        'SELECT id FROM conversations WHERE seller_id = ? AND pending_since IS NOT NULL ORDER BY last_at DESC, id DESC LIMIT 100',
      ),
    ).toMatch(/USING (COVERING )?INDEX conversations_response_needed/);
    expect(
      plan(
        'SELECT id FROM conversations WHERE seller_id = ? AND sent_count > 0 ORDER BY last_at DESC, id DESC LIMIT 100',
      ),
    ).toMatch(/INDEX conversations_sent/);
    expect(
      plan(
        'SELECT id FROM conversations WHERE seller_id = ? AND last_id IS NOT NULL ORDER BY last_at DESC, id DESC LIMIT 100',
      ),
    ).not.toMatch(/TEMP B-TREE|messages/);
  });
});
