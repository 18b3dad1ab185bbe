import { describe, expect, it } from 'vitest';
import { QUOTA_WINDOW_DAYS, quotaRefusal, quotaReport } from './quota.js';

// R16: 5 × average daily orders + 600, average over the 30 days before today.
describe('quotaReport (R16)', () => {
  it.each([
    // ordersInWindow, windowDays, limit, average, formula
    [96, 30, 616, 3.2, '5 × 3.2 + 600 = 616'],
    [100, 30, 616, 3.33, '5 × 3.33 + 600 = 616'],
    [0, 30, 600, 0, '5 × 0 + 600 = 600'],
    [3000, 30, 1100, 100, '5 × 100 + 600 = 1100'],
    [7, 30, 601, 0.23, '5 × 0.23 + 600 = 601'],
  ])('%i orders in %i days → limit %i', (ordersInWindow, windowDays, limit, average, formula) => {
    const report = quotaReport({ sentToday: 10, ordersInWindow, windowDays }, true);
    expect(report).toEqual({
      limit,
      sentToday: 10,
      remaining: limit - 10,
      averageDailyOrders: average,
      windowDays,
      perOrder: 5,
      base: 600,
      formula,
      counted: true,
    });
  });

  it('uses a 30-day window', () => {
    expect(QUOTA_WINDOW_DAYS).toBe(30);
    expect(quotaReport({ sentToday: 0, ordersInWindow: 60, windowDays: 0 }, true).windowDays).toBe(30);
  });

  it('refuses a counted message at the limit and says when it resets', () => {
    expect(quotaRefusal(quotaReport({ sentToday: 615, ordersInWindow: 96, windowDays: 30 }, true))).toBeNull();
    const refusal = quotaRefusal(quotaReport({ sentToday: 616, ordersInWindow: 96, windowDays: 30 }, true));
    expect(refusal?.rule).toBe('R16');
    expect(refusal?.message).toContain('daily limit of 616 messages');
    expect(refusal?.message).toContain('616 were sent today');
    expect(refusal?.message).toContain('00:00 UTC');
  });

  it('never refuses an uncounted (automatic) message', () => {
    const report = quotaReport({ sentToday: 5000, ordersInWindow: 96, windowDays: 30 }, false);
    expect(report.remaining).toBe(0);
    expect(quotaRefusal(report)).toBeNull();
  });
});
