/** R16 decided again inside the commit: only the count of messages sent today can have moved. */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain.js';
import { quotaReport } from '../policy/quota.js';
import { quotaDecidedAgain, refusal } from './seller-verdict.js';

// 30 orders in 30 days: limit 5 × 1 + 600 = 605.
const delivered = (sentToday: number): Decision => ({
  verdict: 'deliver',
  rules: ['R10a', 'R15'],
  reasons: [
    { rule: 'R10a', code: 'reply-to-buyer', message: 'It answers the buyer, so it is delivered.' },
    { rule: 'R15', code: 'attachments-removed', message: 'setup.exe was removed.' },
  ],
  category: { category: 'delivery-scheduling', necessary: true, confidence: 0.9, phrases: [], language: 'en' },
  evidence: [],
  warnings: [{ rule: 'R11', code: 'important-not-necessary', message: 'a warning' }],
  attachments: [],
  quota: quotaReport({ sentToday, ordersInWindow: 30, windowDays: 30 }, true),
});

describe('quotaDecidedAgain (R16)', () => {
  it('keeps the decision while the limit is not reached', () => {
    const decision = delivered(600);
    expect(quotaDecidedAgain(decision, 604)).toBe(decision);
  });

  it('refuses once messages committed meanwhile reached the limit, as evaluate words it: R16 first, R15 kept', () => {
    const again = quotaDecidedAgain(delivered(600), 605);
    expect(again).toMatchObject({
      verdict: 'reject',
      rules: ['R16', 'R15'],
      warnings: [],
      quota: { sentToday: 605, remaining: 0, limit: 605 },
    });
    expect(again.reasons.map((r) => r.rule)).toEqual(['R16', 'R15']);
    expect(again.reasons[0].message).toContain('605 were sent today');
    expect(refusal(again)).toMatchObject({ code: 'EQUOTA', responseCode: 550 });
  });

  it('leaves a message outside the quota alone (automatic messages are not counted)', () => {
    const automatic = {
      ...delivered(700),
      quota: quotaReport({ sentToday: 700, ordersInWindow: 30, windowDays: 30 }, false),
    };
    expect(quotaDecidedAgain(automatic, 900)).toBe(automatic);
  });
});
