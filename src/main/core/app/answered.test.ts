/**
 * "Answered" has one meaning (store/response-terms.ts): the inbox's conversation state, kept by the
 * triggers of migrations 3 and 6, and the response-time metric must agree on every case the terms
 * name: answers, automatic messages (R17), failed deliveries, releases (R11), reports (R18), marks
 * (R19) and messages held for DMARC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain.js';
import { CoreContext } from '../context.js';
import { appendMessage } from '../ops/testing/seeded-record.js';
import { markNoResponseNeeded, reportMessage } from '../relay/marks.js';
import { sqlGet, sqlValue } from '../store/inspect.js';
import { ASKS_FOR_RESPONSE, IS_ANSWER } from '../store/response-terms.js';
import { getPerformance } from './performance.js';

let tmp: string;
let ctx: CoreContext;
let now: Date;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-answered-'));
  now = new Date('2026-11-02T09:00:00Z');
  ctx = new CoreContext({ dataDir: tmp, domain: 'relay.test', dns: 'offline', clock: { now: () => now } });
  ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
});

afterEach(() => {
  ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let minutes = 0;
/** A new buyer's conversation; each message is recorded a minute after the one before. */
function conversation(buyer: string) {
  const pair = ctx.pairs.ensurePair('shop-one', `${buyer}@example.de`, buyer);
  const id = ctx.pairs.ensureConversation(pair.id, 'buyer', 'Question');
  const record = (input: Omit<Parameters<typeof appendMessage>[1], 'conversationId' | 'subject' | 'text'>) => {
    now = new Date(Date.parse('2026-11-02T09:00:00Z') + ++minutes * 60_000);
    return appendMessage(ctx, { conversationId: id, subject: 'Question', text: 'Hello', ...input });
  };
  return {
    id,
    buyer: (verdict: 'deliver' | 'held' = 'deliver') => record({ direction: 'buyer-to-seller', verdict }),
    seller: (via: 'app' | 'automatic' = 'app', verdict: 'deliver' | 'held' = 'deliver') =>
      record({ direction: 'seller-to-buyer', via, verdict, envelopeFrom: 'cs@shop.example' }),
  };
}

it('the inbox state and the response-time metric agree on what is answered', async () => {
  const answered = conversation('answered');
  await answered.buyer();
  await answered.seller();
  const askedAgain = conversation('asked-again');
  await askedAgain.buyer();
  await askedAgain.seller();
  await askedAgain.buyer();
  const automatic = conversation('automatic');
  await automatic.buyer();
  await automatic.seller('automatic'); // R17: a shipping confirmation is not an answer
  const failed = conversation('failed');
  await failed.buyer();
  const lost = await failed.seller();
  const delivery = ctx.outbox.enqueue({
    messageId: lost,
    kind: 'forward',
    envelopeFrom: 'bounce@relay.test',
    recipients: ['failed@example.de'],
    blobSha256: '0'.repeat(64),
    lifetimeMs: 60_000,
  });
  ctx.outbox.markFinal(delivery, 'failed', 'mailbox full'); // a failed delivery answers nobody
  const released = conversation('released');
  await released.buyer();
  const held = await released.seller('app', 'held');
  // The re-evaluation's decision is stored as it is; nothing here reads it.
  const decision = { verdict: 'deliver', rules: [], reasons: [] } as unknown as Decision;
  ctx.releases.add({ messageId: held, sellerId: 'shop-one', source: 'app', decision }); // R11: answers when released
  const stillHeld = conversation('still-held');
  await stillHeld.buyer();
  await stillHeld.seller('app', 'held');
  const quiet = conversation('quiet');
  markNoResponseNeeded(ctx, await quiet.buyer(), 'app'); // R19
  reportMessage(ctx, await quiet.buyer(), { reason: 'spam', source: 'app' }); // R18
  await quiet.buyer('held'); // DMARC: never reached the seller

  const all = [answered, askedAgain, automatic, failed, released, stillHeld, quiet];
  const inbox = new Map(
    all.map((c) => [
      c.id,
      sqlGet<{ lastAnswerId: number; pendingSince: string | null }>(
        ctx.store,
        'SELECT last_answer_id AS lastAnswerId, pending_since AS pendingSince FROM conversations WHERE id = ?',
        c.id,
      )!,
    ]),
  );
  const needsResponse = all.filter((c) => inbox.get(c.id)!.pendingSince !== null).map((c) => c.id);
  expect(needsResponse).toEqual([askedAgain.id, automatic.id, failed.id, stillHeld.id]);

  // The terms read straight from the record give the state the triggers kept.
  for (const c of all) {
    const lastAnswerId = sqlValue<number>(
      ctx.store,
      `SELECT COALESCE(MAX(m.id), 0) FROM messages m WHERE m.conversation_id = ? AND ${IS_ANSWER}`,
      c.id,
    );
    const pendingSince = sqlValue<string | null>(
      ctx.store,
      `SELECT MIN(m.received_at) FROM messages m WHERE m.conversation_id = ? AND m.id > ? AND ${ASKS_FOR_RESPONSE}`,
      c.id,
      lastAnswerId,
    );
    expect({ lastAnswerId, pendingSince }).toEqual(inbox.get(c.id));
  }

  // Two days later every message is due: the metric's unanswered ones are those of "Response needed".
  const window = getPerformance(ctx, ctx.sellers.require('shop-one'), new Date(now.getTime() + 2 * 86_400_000))
    .windows[0];
  expect([...new Set(window.unanswered.map((i) => i.conversationId))].sort((a, b) => a - b)).toEqual(needsResponse);
  // the first asks of "answered" and "asked-again", and "released"
  expect(window.total - window.unansweredTotal).toBe(3);
});
