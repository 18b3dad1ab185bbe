import { afterEach, describe, expect, it } from 'vitest';
import { Sink } from '../../../../test/support/sink.js';
import type { ConversationRow } from '../../../shared/contract.js';
import { sqlColumn } from '../store/inspect.js';
import { eventually, removeTestDirs, startDemoApp, type TestApp } from './testing/test-app.js';

const JAMES = 'james.smith@example.com';
const ANNA = 'anna.mueller@example.de';

const open: TestApp[] = [];
const sinks: Sink[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  for (const sink of sinks.splice(0)) await sink.stop();
  removeTestDirs();
});

/** A smarthost that is down: a port that was free a moment ago, where the sink can come back later. */
async function downSmarthost(): Promise<Sink> {
  const sink = new Sink();
  sinks.push(sink);
  await sink.start();
  await sink.stop();
  return sink;
}

async function demoWith(sink: Sink, wake?: { now: () => number; interfaces: () => string }): Promise<TestApp> {
  const app = await startDemoApp({
    relayOverrides: { smarthost: sink.url },
    wake: wake && { intervalMs: 50, ...wake },
  });
  open.push(app);
  return app;
}

async function reply(
  app: TestApp,
  name: string,
  body: string,
): Promise<{ messageId: number; conversation: ConversationRow }> {
  const conversation = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === name)!;
  const original = (await app.call('conversation.get', { id: conversation.id })).messages.find(
    (m) => m.direction === 'buyer-to-seller',
  )!;
  const sent = await app.call('composer.send', {
    conversationId: conversation.id,
    replyToMessageId: original.id,
    subject: '',
    body,
  });
  return { messageId: sent.messageId, conversation };
}

async function deferredItem(app: TestApp, messageId: number) {
  await app.waitForEvent('delivery.changed', (e) => e.messageId === messageId && e.state === 'deferred');
  return (await app.call('outbox.list', {})).find((o) => o.messageId === messageId)!;
}

describe('the outbox while the smarthost is away', () => {
  it('waits with its state, is cancelled or retried on request, and delivers exactly once when the smarthost is back', async () => {
    const sink = await downSmarthost();
    const app = await demoWith(sink);
    const james = await reply(app, 'James Smith', 'Thursday works.');
    const item = await deferredItem(app, james.messageId);
    expect(item).toMatchObject({
      kind: 'forward',
      state: 'deferred',
      attempts: 1,
      to: james.conversation.aliasAddress,
      conversationId: james.conversation.id,
    });
    expect(item.lastError).toBeTruthy();
    expect(Date.parse(item.nextAttemptAt!)).toBeGreaterThan(Date.now() + 30_000); // backoff: it would wait a minute
    expect((await app.call('inbox.counts', {})).outbox).toBe(1);
    const inOutbox = await app.call('inbox.list', { filter: 'outbox' });
    expect(inOutbox.rows.map((r) => [r.id, r.badges.includes('outbox')])).toEqual([[james.conversation.id, true]]);
    const view = (await app.call('conversation.get', { id: james.conversation.id })).messages.find(
      (m) => m.id === james.messageId,
    )!;
    expect(view).toMatchObject({ state: 'deferred', attempts: 1 }); // R8
    expect(view.nextAttemptAt).toBe(item.nextAttemptAt);

    // A waiting reply counts as the answer (R20)…
    expect(
      (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.id === james.conversation.id)!.needsResponse,
    ).toBe(false);
    // …and a second one, to Anna, is cancelled: it must never leave.
    const anna = await reply(app, 'Anna Müller', 'Die Vorschau kommt morgen.');
    const annaItem = await deferredItem(app, anna.messageId);
    expect(await app.call('outbox.cancel', { id: annaItem.id })).toMatchObject({
      state: 'cancelled',
      nextAttemptAt: null,
    });
    await expect(app.call('outbox.cancel', { id: annaItem.id })).rejects.toMatchObject({ code: 'EBADINPUT' });
    await expect(app.call('outbox.retry', { id: annaItem.id })).rejects.toMatchObject({ code: 'EBADINPUT' });
    expect(
      (await app.call('conversation.get', { id: anna.conversation.id })).messages.find((m) => m.id === anna.messageId)!
        .state,
    ).toBe('cancelled');

    await sink.start(sink.port);
    // "Retry now", twice at once: still one delivery (never two concurrent sends of one item).
    await Promise.all([app.call('outbox.retry', { id: item.id }), app.call('outbox.retry', { id: item.id })]);
    await sink.waitFor(1, { to: JAMES });
    await eventually(
      async () => (await app.call('outbox.list', {})).find((o) => o.id === item.id)!.state === 'delivered',
      5_000,
      'delivered',
    );
    await new Promise((r) => setTimeout(r, 1_000)); // the worker polls every 100 ms: time for a duplicate to show
    expect(sink.messages.filter((m) => m.to.includes(JAMES))).toHaveLength(1);
    expect(sink.messages.filter((m) => m.to.includes(ANNA))).toHaveLength(0);
    expect((await app.call('inbox.counts', {})).outbox).toBe(0);
    await expect(app.call('outbox.retry', { id: item.id })).rejects.toMatchObject({ code: 'EBADINPUT' });
    const list = await app.call('outbox.list', {});
    expect(list.find((o) => o.id === item.id)).toMatchObject({
      state: 'delivered',
      lastError: null,
      nextAttemptAt: null,
    });
  });

  it('counts a cancelled reply as no answer: the conversation needs a response again (R20)', async () => {
    const sink = await downSmarthost();
    const app = await demoWith(sink);
    const james = await reply(app, 'James Smith', 'Thursday works.');
    const item = await deferredItem(app, james.messageId);
    const needs = async () =>
      (await app.call('inbox.list', { filter: 'response-needed' })).rows.some((r) => r.id === james.conversation.id);
    expect(await needs()).toBe(false);
    await app.call('outbox.cancel', { id: item.id });
    expect(await needs()).toBe(true);
  });

  it('retries deferred mail at once after the machine slept (the wall clock jumped), without a restart', async () => {
    const sink = await downSmarthost();
    let now = Date.now();
    const app = await demoWith(sink, { now: () => now, interfaces: () => 'eth0=10.0.0.2' });
    const james = await reply(app, 'James Smith', 'Thursday works.');
    await deferredItem(app, james.messageId);
    await sink.start(sink.port);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).toHaveLength(0); // its backoff is a minute: nothing goes by itself yet
    now += 15 * 60_000; // 15 minutes of sleep: the next tick comes that much later than planned
    await sink.waitFor(1, { to: JAMES, ms: 5_000 });
  });

  it('retries deferred mail at once when the network changes', async () => {
    const sink = await downSmarthost();
    let fingerprint = 'wlan0=192.168.1.20';
    const app = await demoWith(sink, { now: () => Date.now(), interfaces: () => fingerprint });
    const james = await reply(app, 'James Smith', 'Thursday works.');
    await deferredItem(app, james.messageId);
    await sink.start(sink.port);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).toHaveLength(0);
    fingerprint = 'wlan0=10.20.0.7';
    await sink.waitFor(1, { to: JAMES, ms: 5_000 });
  });

  it("shows the seller's own address, never the buyer's, for mail toward the seller", async () => {
    const sink = await downSmarthost();
    const app = await demoWith(sink);
    const list = await app.call('outbox.list', {});
    expect(list.length).toBeGreaterThan(0); // the demo's deliveries, all final
    const buyers = sqlColumn<string>(app.ctx.store, 'SELECT email FROM buyers');
    for (const o of list) {
      expect(buyers.some((b) => o.to.includes(b))).toBe(false);
      expect(
        o.to === 'service@holzwerkstatt-berger.example' || /^[a-z0-9]{15}@relay\.parley\.localhost$/.test(o.to),
      ).toBe(true);
    }
  });
});
