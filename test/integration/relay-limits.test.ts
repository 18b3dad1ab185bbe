import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmShipment } from '../../src/main/core/ops/ship.js';
import { sendDraft } from '../../src/main/core/ops/send.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import { sqlGet } from '../../src/main/core/store/inspect.js';

describe('limits on the relay: message size and the daily quota (R15, R16)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a message over the size limit during DATA with 552, and records nothing', async () => {
    const big = Buffer.alloc(26 * 1024 * 1024, 'a');
    const raw = Buffer.concat([
      Buffer.from(`From: big@buyers.example\r\nTo: ${SELLER.id}@${DOMAIN}\r\nSubject: big\r\n\r\n`),
      big,
    ]);
    const before = sqlGet(h.ctx.store, 'SELECT COUNT(*) AS n FROM messages');
    await expect(h.inbound({ from: 'big@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, raw)).rejects.toMatchObject({
      responseCode: 552,
      command: 'DATA',
      response: expect.stringContaining('at most 25 MB'),
    });
    expect(sqlGet(h.ctx.store, 'SELECT COUNT(*) AS n FROM messages')).toEqual(before);
  });

  it('refuses the message after the daily limit with a clear reason; automatic messages still go (R16, R17)', async () => {
    // 30 orders in the last 30 days: limit = 5 × 1 + 600 = 605.
    const yesterday = Date.now() - 86_400_000;
    for (let i = 0; i < 30; i++) {
      h.ctx.orders.upsert({
        sellerId: SELLER.id,
        orderId: `303-${i}`,
        buyerEmail: `q${i % 5}@buyers.example`,
        buyerName: 'Q',
        purchasedAt: new Date(yesterday - i * 3_600_000).toISOString(),
      });
    }
    const alias = h.aliasOf('q0@buyers.example');
    const draft = {
      sellerId: SELLER.id,
      alias,
      subject: '[Important] delivery appointment',
      text: 'When can we deliver your order?',
    };
    for (let batch = 0; batch < 604 / 50; batch++) {
      await Promise.all(Array.from({ length: Math.min(50, 604 - batch * 50) }, () => sendDraft(h.ctx, draft, 'cli')));
    }
    // Message 605 is the last one allowed.
    await expect(
      h.submit(SELLER, { from: SELLER.email, to: alias }, { subject: draft.subject, text: draft.text }),
    ).resolves.toMatch(/^250/);
    await expect(
      h.submit(SELLER, { from: SELLER.email, to: alias }, { subject: draft.subject, text: draft.text }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringMatching(/R16.*605/) });
    const rejected = sqlGet(h.ctx.store, "SELECT COUNT(*) AS n FROM messages WHERE verdict = 'reject'");
    expect(rejected).toEqual({ n: 1 });
    const shipped = await confirmShipment(h.ctx, { orderId: '303-0', carrier: 'DHL', tracking: '0034' });
    expect(shipped.message.verdict).toBe('deliver');
    expect(shipped.message.decision.quota.counted).toBe(false);
  }, 60_000);
});
