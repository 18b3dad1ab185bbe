/**
 * Smarthost fault scenarios at full scale for bench/hostile/faults.mjs: a relay (in process, real SMTP) whose
 * smarthost misbehaves as told, `messages` seller answers to as many buyers, counted at the smarthost by Message-ID
 * and in the store. test/hostile/faults-smarthost.test.ts checks the same behaviours one message at a time.
 */
import type { SmarthostTimeouts } from '../../src/main/core/relay/transports.js';
import { sqlValue } from '../../src/main/core/store/inspect.js';
import { FaultSmarthost, type Fault } from './fault-smarthost.js';
import { DOMAIN, SELLER, startHarness, type Harness } from './relay-harness.js';

/** Polls `check` until it holds or `ms` pass (test-app's `eventually` registers vitest hooks; this runs outside). */
async function eventually(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

export interface Scenario {
  name: string;
  messages: number;
  /** What the smarthost does with try `n` of a buyer's message. */
  fault: (n: number) => Fault;
  /** Every reply the smarthost gives is this late. */
  replyDelayMs?: number;
  timeouts?: Partial<SmarthostTimeouts>;
  queueLifetimeMs?: number;
  /** How long the scenario may take to settle, ms. */
  settleMs: number;
}

export interface ScenarioResult {
  scenario: string;
  messages: number;
  delivered: number;
  duplicates: number;
  /** Neither delivered once nor failed: marked delivered without a copy, or never settled. */
  lost: number;
  /** Failed (5xx, or the lifetime ran out). */
  bounced: number;
  /** Delivery-failure notices that reached the seller. */
  notices: number;
  attempts: number;
  seconds: number;
}

async function sellerAnswers(h: Harness, buyer: string) {
  await h.inbound({ from: buyer, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Order?', text: 'Where is it?' });
  const response = await h.submit(
    SELLER,
    { from: SELLER.email, to: h.aliasOf(buyer) },
    { subject: 'Order', text: 'It is on its way.' },
  );
  const messageId = /<[^>\s]+@relay\.test>/.exec(response)![0];
  const recordId = h.ctx.record.byRelayId(messageId)!.id;
  return { messageId, recordId, item: () => h.ctx.outbox.forMessage(recordId).find((o) => o.kind === 'forward')! };
}

export async function runScenario(s: Scenario): Promise<ScenarioResult> {
  const started = Date.now();
  const host = new FaultSmarthost((rcpt, n) => (rcpt.startsWith('buyer-') ? s.fault(n) : { kind: 'accept' }));
  await host.start();
  host.replyDelayMs = s.replyDelayMs ?? 0;
  const h = await startHarness({
    smarthost: host.url,
    smarthostTimeouts: s.timeouts,
    queueLifetimeMs: s.queueLifetimeMs,
  });
  try {
    const sent = await Promise.all(
      Array.from({ length: s.messages }, (_, i) => sellerAnswers(h, `buyer-${i + 1}@buyers.example`)),
    );
    const settled = (state: string) => state === 'delivered' || state === 'failed';
    await eventually(() => sent.every((m) => settled(m.item().state)), s.settleMs);
    const failedIds = sent.filter((m) => m.item().state === 'failed').map((m) => m.recordId);
    const notices = () =>
      failedIds.length === 0
        ? 0
        : sqlValue<number>(
            h.ctx.store,
            `SELECT COUNT(*) FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.kind = 'delivery-failure'
              AND o.state = 'delivered' AND json_extract(m.decision, '$.for') IN (${failedIds.join(',')})`,
          )!;
    await eventually(() => notices() >= failedIds.length, 30_000);
    const copies = host.copies();
    let delivered = 0;
    let duplicates = 0;
    let lost = 0;
    let attempts = 0;
    for (const m of sent) {
      const item = m.item();
      const n = copies.get(m.messageId) ?? 0;
      attempts += item.attempts;
      duplicates += Math.max(0, n - 1);
      if (item.state === 'delivered' && n >= 1) delivered++;
      else if (item.state !== 'failed') lost++;
    }
    return {
      scenario: s.name,
      messages: s.messages,
      delivered,
      duplicates,
      lost,
      bounced: failedIds.length,
      notices: notices(),
      attempts,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await h.stop();
    await host.stop();
  }
}
