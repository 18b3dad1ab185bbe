import { describe, expect, it } from 'vitest';
import { pageSql, type ConversationFilter } from '../store/inbox-queries.js';
import { sqlAll, sqlExec } from '../store/inspect.js';
import { INBOX_BACKFILL } from '../store/migration-inbox.js';
import { UNDELIVERABLE_BACKFILL } from '../store/migration-undeliverable.js';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();

const STATE = `SELECT id, seller_id, message_count, last_id, last_at, last_answer_id, pending_since, sent_count, problem_count, held_count,
  reported_count, marked_count, attachment_count FROM conversations ORDER BY id`;
const COUNTS = 'SELECT * FROM inbox_counts ORDER BY seller_id';

describe('conversation state kept by triggers (migration 3)', () => {
  it('equals what the migration computes from the record alone', async () => {
    const app = await apps.demo();
    const { rows } = await app.call('inbox.list', { filter: 'response-needed' });
    const first = (await app.call('conversation.get', { id: rows[0].id })).messages[0].id;
    await app.call('message.report', { messageId: first, reason: 'spam' });
    const second = (await app.call('conversation.get', { id: rows[1].id })).messages[0].id;
    await app.call('message.noResponse', { messageId: second });
    const store = app.ctx.store;
    const kept = sqlAll(store, STATE);
    expect(kept.length).toBe(4);
    const counts = await app.call('inbox.counts', {});
    expect(counts).toMatchObject({
      all: 4,
      'response-needed': 0,
      reported: 1,
      'no-response': 1,
      sent: 3,
      undeliverable: 0,
    });
    const keptCounts = sqlAll(store, COUNTS);
    sqlExec(
      store,
      `UPDATE conversations SET seller_id = NULL, message_count = 0, last_id = NULL, last_at = NULL, last_answer_id = 0, pending_since = NULL,
      sent_count = 0, problem_count = 0, held_count = 0, reported_count = 0, marked_count = 0, attachment_count = 0`,
    );
    sqlExec(store, 'DELETE FROM inbox_counts');
    sqlExec(store, INBOX_BACKFILL);
    sqlExec(store, UNDELIVERABLE_BACKFILL);
    expect(sqlAll(store, STATE)).toEqual(kept);
    expect(sqlAll(store, COUNTS)).toEqual(keptCounts);
  });

  it('reads a page and the counts from the filter indexes, never by scanning the messages', async () => {
    const app = await apps.demo();
    // The page queries the inbox runs (store/inbox-queries.ts), as SQLite plans them.
    const plan = (filter: ConversationFilter) =>
      sqlAll<{ detail: string }>(app.ctx.store, `EXPLAIN QUERY PLAN ${pageSql(filter)}`, 'holzwerkstatt', 100, 0)
        .map((r) => r.detail)
        .join('\n');
    expect(plan('response-needed')).toMatch(/USING (COVERING )?INDEX conversations_response_needed/);
    expect(plan('sent')).toMatch(/INDEX conversations_sent/);
    expect(plan('all')).not.toMatch(/TEMP B-TREE|messages/);
  });
});
