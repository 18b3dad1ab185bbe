/**
 * R16: a seller may send at most 5 × its average daily order count + 600 messages a day.
 * Automatic messages (R17 shipping confirmations, bounce notices) do not count.
 */
import type { QuotaReport, QuotaState, RuleId } from '../../../shared/domain.js';

/** Days; the average is taken over the 30 days before today, so today's orders do not move it. */
export const QUOTA_WINDOW_DAYS = 30;
/** Messages per day every seller gets, however few orders it has. */
export const QUOTA_BASE = 600;
/** Messages per average daily order. */
export const QUOTA_PER_ORDER = 5;

function formatNumber(n: number): string {
  // At most 2 decimals and no trailing zeros: "3.2", "3.33", "0".
  return String(Math.round(n * 100) / 100);
}

/**
 * The limit for today and where the seller stands. `counted` says whether the message being
 * evaluated counts against the limit (false for automatic messages and buyer messages).
 */
export function quotaReport(state: QuotaState, counted: boolean): QuotaReport {
  const windowDays = state.windowDays > 0 ? state.windowDays : QUOTA_WINDOW_DAYS;
  const orders = Math.max(0, state.ordersInWindow);
  // 5 × orders / days in one division, so 96 orders in 30 days is exactly 16 and not 15.999….
  const limit = Math.floor((QUOTA_PER_ORDER * orders) / windowDays + QUOTA_BASE);
  const average = Math.round((orders / windowDays) * 100) / 100;
  return {
    limit,
    sentToday: state.sentToday,
    remaining: Math.max(0, limit - state.sentToday),
    averageDailyOrders: average,
    windowDays,
    perOrder: QUOTA_PER_ORDER,
    base: QUOTA_BASE,
    formula: `${QUOTA_PER_ORDER} × ${formatNumber(average)} + ${QUOTA_BASE} = ${limit}`,
    counted,
  };
}

export interface QuotaRefusal {
  rule: RuleId;
  code: 'daily-limit-reached';
  message: string;
  params: { limit: number; sent: number };
}

/** R16: a counted message once today's count has reached the limit is refused. */
export function quotaRefusal(report: QuotaReport): QuotaRefusal | null {
  if (!report.counted || report.sentToday < report.limit) return null;
  return {
    rule: 'R16',
    code: 'daily-limit-reached',
    message:
      `The daily limit of ${report.limit} messages is reached: ${report.sentToday} were sent today ` +
      `(${report.formula}, from ${report.averageDailyOrders} orders a day on average over the last ` +
      `${report.windowDays} days). Automatic messages do not count. The count resets at 00:00 UTC.`,
    params: { limit: report.limit, sent: report.sentToday },
  };
}
