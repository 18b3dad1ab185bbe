/**
 * A smarthost that fails on purpose: 4xx, 5xx, a connection cut in the middle of DATA, slow replies, a final 250
 * slower than the wait for any other reply, a queue lifetime that runs out. Each message is delivered exactly once
 * (counted by Message-ID at the smarthost) or fails once with one notice to the seller. Real SMTP on 127.0.0.1;
 * the timeouts and the lifetime are scaled down (bench/hostile/faults.mjs runs the long variant: 30 s replies).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../src/main/core/app/testing/test-app.js';
import { sqlColumn, sqlValue } from '../../src/main/core/store/inspect.js';
import type { OutboxItem } from '../../src/main/core/store/outbox.js';
import { FaultSmarthost, type Fault } from '../support/fault-smarthost.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

// ms: the wait for a reply (scaled down from 60 s) and for the final reply (scaled down from 10 min).
const TIMEOUTS = { replyMs: 1_000, finalReplyMs: 8_000 };

/** A buyer writes first (that forward reaches the seller), then the seller answers: the answer goes to `buyer`. */
async function sellerAnswers(h: Harness, buyer: string, text = 'It is on its way.') {
  await h.inbound({ from: buyer, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Order?', text: 'Where is it?' });
  const response = await h.submit(SELLER, { from: SELLER.email, to: h.aliasOf(buyer) }, { subject: 'Order', text });
  const messageId = /<[^>\s]+@relay\.test>/.exec(response)![0];
  const record = h.ctx.record.byRelayId(messageId)!;
  const item = () => h.ctx.outbox.forMessage(record.id).find((o) => o.kind === 'forward')!;
  return { messageId, recordId: record.id, item };
}

const events = (h: Harness, item: OutboxItem) =>
  sqlColumn<string>(h.ctx.store, 'SELECT state FROM delivery_events WHERE outbox_id = ? ORDER BY id', item.id);

/** The states of the delivery-failure notices about the record's message `recordId`. */
const notices = (h: Harness, recordId: number) =>
  sqlColumn<string>(
    h.ctx.store,
    `SELECT o.state FROM outbox o JOIN messages m ON m.id = o.message_id
      WHERE o.kind = 'delivery-failure' AND json_extract(m.decision, '$.for') = ?`,
    recordId,
  );

const settled = (s: string) => s === 'delivered' || s === 'failed';

describe('smarthost faults: delivered exactly once, or failed once with a notice', () => {
  const faults = new Map<string, (n: number) => Fault>();
  const host = new FaultSmarthost((rcpt, n) => faults.get(rcpt)?.(n) ?? { kind: 'accept' });
  let h: Harness;
  beforeAll(async () => {
    await host.start();
    h = await startHarness({ smarthost: host.url, smarthostTimeouts: TIMEOUTS });
  });
  afterAll(async () => {
    await h?.stop();
    await host.stop();
  });

  it('a final 250 slower than the wait for any other reply: one copy, one attempt (the fixtures flake)', async () => {
    const buyer = 'slow-250@buyers.example';
    faults.set(buyer, () => ({ kind: 'slow-final-reply', ms: 2_500 }));
    const sent = await sellerAnswers(h, buyer);
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    // The smarthost answered (and kept) the slow copy before the relay could mark it delivered.
    expect(sent.item()).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(host.copies().get(sent.messageId), 'copies the smarthost took').toBe(1);
    expect(events(h, sent.item())).toEqual(['sending', 'delivered']);
  });

  it('marks a delivery as its 250 arrives, while the event loop is busy: a kill then finds it delivered', async () => {
    const buyer = 'busy-loop@buyers.example';
    let whileBlocked: string | undefined;
    host.afterTaken = (taken) => {
      if (!taken.to.includes(buyer)) return;
      host.afterTaken = undefined;
      // Hold this process's event loop (the relay's too) for up to 3 s and read the store meanwhile: the outbox
      // worker cannot run, so only a mark written where the 250 arrived (the client thread) can show up.
      const until = Date.now() + 3_000;
      do {
        whileBlocked = sqlValue<string>(h.ctx.store, `SELECT state FROM outbox WHERE recipients = ?`, `["${buyer}"]`);
      } while (whileBlocked !== 'delivered' && Date.now() < until);
    };
    const sent = await sellerAnswers(h, buyer);
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    expect(whileBlocked, 'the outbox state while the event loop was held after the 250').toBe('delivered');
    expect(sent.item()).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(events(h, sent.item())).toEqual(['sending', 'delivered']);
  });

  it('4xx twice: retried with backoff, then delivered once', async () => {
    const buyer = 'greylisted@buyers.example';
    faults.set(buyer, (n) =>
      n <= 2 ? { kind: 'refuse', code: 451, text: '4.7.1 Greylisted, try later' } : { kind: 'accept' },
    );
    const sent = await sellerAnswers(h, buyer);
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    expect(sent.item()).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(events(h, sent.item())).toEqual(['sending', 'deferred', 'sending', 'deferred', 'sending', 'delivered']);
    expect(host.copies().get(sent.messageId)).toBe(1);
  });

  it('5xx: failed after one attempt, nothing delivered, the seller told once', async () => {
    const buyer = 'gone@buyers.example';
    faults.set(buyer, () => ({ kind: 'refuse', code: 550, text: '5.1.1 No such user' }));
    const sent = await sellerAnswers(h, buyer);
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    expect(sent.item()).toMatchObject({ state: 'failed', attempts: 1 });
    expect(sent.item().lastError).toContain('5.1.1 No such user');
    expect(host.copies().get(sent.messageId)).toBeUndefined();
    // The notice is queued after the failure is on record; it reaches the seller's own address once.
    const notice = await eventually(() => notices(h, sent.recordId).find(settled), 10_000, 'the notice');
    expect(notice).toBe('delivered');
    expect(notices(h, sent.recordId)).toHaveLength(1);
  });

  it('the connection cut in the middle of DATA: retried, delivered once', async () => {
    const buyer = 'cut-off@buyers.example';
    faults.set(buyer, (n) => (n === 1 ? { kind: 'drop-mid-data' } : { kind: 'accept' }));
    // Large enough that the cut comes while the client is still sending.
    const sent = await sellerAnswers(h, buyer, 'Tracking details follow.\n'.repeat(20_000));
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    expect(sent.item()).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(host.tries.get(buyer)).toBe(2);
    expect(host.copies().get(sent.messageId)).toBe(1);
  });

  it('a reply slower than the reply wait (before any data): given up, retried, delivered once', async () => {
    const buyer = 'slow-rcpt@buyers.example';
    // The first two RCPT answers come after the client stopped waiting (1 s), so it gives up before DATA. One of
    // them may be retried at once by the client (a reused connection, no byte of the message sent), not both.
    faults.set(buyer, (n) => (n <= 2 ? { kind: 'slow-rcpt', ms: 1_800 } : { kind: 'accept' }));
    const sent = await sellerAnswers(h, buyer);
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    expect(sent.item()).toMatchObject({ state: 'delivered', lastError: null });
    expect(sent.item().attempts).toBeGreaterThanOrEqual(2);
    expect(events(h, sent.item())).toContain('deferred');
    expect(host.tries.get(buyer)).toBe(3);
    expect(host.copies().get(sent.messageId)).toBe(1);
  });
});

describe('smarthost faults: every reply slow (within the wait)', () => {
  const host = new FaultSmarthost();
  let h: Harness;
  beforeAll(async () => {
    await host.start();
    host.replyDelayMs = 500; // each of greeting, MAIL, RCPT and the final dot: 2 s per message
    h = await startHarness({ smarthost: host.url, smarthostTimeouts: TIMEOUTS });
  });
  afterAll(async () => {
    await h?.stop();
    await host.stop();
  });

  it('delivers each message once, on the first attempt', async () => {
    const a = await sellerAnswers(h, 'patient-1@buyers.example');
    const b = await sellerAnswers(h, 'patient-2@buyers.example');
    await eventually(() => settled(a.item().state) && settled(b.item().state), 20_000, 'both deliveries');
    for (const sent of [a, b]) {
      expect(sent.item()).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(host.copies().get(sent.messageId)).toBe(1);
    }
  });
});

describe('smarthost faults: a slow greeting, default timeouts', () => {
  const host = new FaultSmarthost();
  let h: Harness;
  beforeAll(async () => {
    await host.start();
    host.greetingDelayMs = 12_000; // the client used to give up on a greeting after 10 s, and never delivered
    h = await startHarness({ smarthost: host.url });
  });
  afterAll(async () => {
    await h?.stop();
    await host.stop();
  });

  it('waits for the greeting like for any reply and delivers once, on the first attempt', async () => {
    const response = await h.inbound(
      { from: 'early@buyers.example', to: `${SELLER.id}@${DOMAIN}` },
      { subject: 'Order?', text: 'Where is it?' },
    );
    const messageId = /<[^>\s]+@relay\.test>/.exec(response)![0];
    const item = () => h.ctx.outbox.forMessage(h.ctx.record.byRelayId(messageId)!.id)[0];
    await eventually(() => settled(item().state), 25_000, 'the delivery to settle');
    expect(item()).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(host.copies().get(messageId)).toBe(1);
  }, 30_000);
});

describe('smarthost faults: the queue lifetime runs out', () => {
  const host = new FaultSmarthost((rcpt) =>
    rcpt === 'never-there@buyers.example'
      ? { kind: 'refuse', code: 452, text: '4.2.2 Mailbox full' }
      : { kind: 'accept' },
  );
  let h: Harness;
  beforeAll(async () => {
    await host.start();
    // 2 s instead of 5 days: retried at 200, 400, 800 ms… and given up once the lifetime is over.
    h = await startHarness({ smarthost: host.url, smarthostTimeouts: TIMEOUTS, queueLifetimeMs: 2_000 });
  });
  afterAll(async () => {
    await h?.stop();
    await host.stop();
  });

  it('fails after the lifetime with the last reason, once, and tells the seller once', async () => {
    const sent = await sellerAnswers(h, 'never-there@buyers.example');
    await eventually(() => settled(sent.item().state), 15_000, 'the delivery to settle');
    const item = sent.item();
    expect(item.state).toBe('failed');
    expect(item.lastError).toMatch(/^gave up after the queue lifetime: .*4\.2\.2 Mailbox full/);
    expect(item.attempts).toBeGreaterThanOrEqual(3);
    expect(events(h, item).filter((e) => e === 'failed')).toHaveLength(1);
    expect(host.copies().get(sent.messageId)).toBeUndefined();
    const notice = await eventually(() => notices(h, sent.recordId).find(settled), 10_000, 'the notice');
    expect(notice).toBe('delivered');
    expect(notices(h, sent.recordId)).toHaveLength(1);
  });
});
