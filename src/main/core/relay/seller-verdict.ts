/**
 * What a seller message's Decision turns into at the relay: the error a refused one ends with, the
 * record's verdict, whether the seller overrode R11, and R16 decided again inside the commit.
 */
import type { Decision, Via } from '../../../shared/domain.js';
import { ParleyError } from '../errors.js';
import { quotaRefusal } from '../policy/quota.js';
import type { RecordVerdict } from '../store/record.js';
import type { Seller } from '../store/sellers.js';

/** Refused messages still enter the record (R8 shows them as rejected); the SMTP client gets the reason. */
export function refusal(decision: Decision): ParleyError {
  const first = decision.reasons[0];
  const code =
    first?.rule === 'R16'
      ? 'EQUOTA'
      : first?.rule === 'R7'
        ? 'EUNAUTHORIZED'
        : first?.rule === 'R9'
          ? 'EOTHERSELLER'
          : 'EPOLICY';
  const text = decision.reasons.map((r) => `${r.rule}: ${r.message}`).join(' ');
  return new ParleyError(code, `5.7.1 ${text}`.replace(/\s+/g, ' ').slice(0, 900), 550);
}

/**
 * R11 from the app or the CLI: the message is neither sent nor recorded; the seller confirms
 * ("Send anyway", `parley send --confirm`) or changes it.
 */
export function confirmationNeeded(decision: Decision, via: Via): ParleyError {
  const words = decision.reasons
    .filter((r) => r.rule === 'R11')
    .map((r) => r.message)
    .join(' ');
  const how = via === 'cli' ? ' To send it anyway, run the same command again with --confirm.' : '';
  return new ParleyError('ECONFIRM', `R11: ${words}${how}`);
}

/** The record knows 'held' (also DMARC-failed buyer mail); the policy says 'hold'. */
export function recordVerdictOf(decision: Decision): RecordVerdict {
  return decision.verdict === 'hold' ? 'held' : decision.verdict;
}

/**
 * The seller overrode a confident R11 call: what evaluate would have held went because the
 * message was confirmed. Strict mode and "warn only" never hold, so nothing is overridden there.
 */
export function overrodeUrgentCheck(decision: Decision, seller: Seller, confirmed: boolean | undefined): boolean {
  return (
    Boolean(confirmed) &&
    decision.verdict === 'deliver' &&
    !seller.strict &&
    seller.urgentCheck === 'confirm' &&
    !decision.category.unsure &&
    decision.warnings.some((w) => w.rule === 'R11')
  );
}

/**
 * R16 decided again inside the commit's transaction, with the count of messages sent today as it
 * is there: another window, the CLI or a mail client may have used up the limit since the message
 * was decided. Only the count can have moved, so only the quota is decided again (the classifier
 * does not run inside the write transaction). A refusal reads as `evaluate` words one: R16 first,
 * the sender refused before the opt-out and R11 are looked at, R15's notes on attachments kept.
 */
export function quotaDecidedAgain(decision: Decision, sentToday: number): Decision {
  const quota = { ...decision.quota, sentToday, remaining: Math.max(0, decision.quota.limit - sentToday) };
  const refused = quotaRefusal(quota);
  if (!refused) return decision;
  return {
    ...decision,
    verdict: 'reject',
    rules: ['R16', ...decision.rules.filter((rule) => rule === 'R15')],
    reasons: [refused, ...decision.reasons.filter((r) => r.rule === 'R15')],
    warnings: [],
    quota,
  };
}
