/**
 * The Performance view (issue 4): contact response time as the marketplace's seller performance
 * page measures it (R19 anchor), today's quota (R16) and the [Important] audit log (R11).
 *
 * The metric, precisely:
 * - Counted are the buyer messages received in the window (7, 30 or 90 days ending now) that
 *   need an answer: delivered by the relay (not held or blocked), not reported (R18, active
 *   reports), not marked "no response needed" (R19).
 * - Their answer is the seller's first seller-to-buyer message in the same conversation after
 *   them that really went or is going to the buyer: not automatic (a shipping confirmation is
 *   not an answer, R17), delivered by policy (or held and released since, R11: answered when
 *   released), its delivery not failed, bounced or cancelled.
 *   One answer answers every buyer message before it.
 * - Within 24 hours means at most 24 h after receipt, to the millisecond; weekends and holidays
 *   count like any other day. Answered later: late.
 * - A message without an answer is late once 24 h have passed (listed as unanswered). One still
 *   inside its 24 h is not yet due: it is neither counted nor listed (the inbox shows it with
 *   its time left), so the share never drops for a message the seller can still answer in time.
 *   If it is answered in time it counts as soon as the answer exists.
 *
 * Two indexed range reads (messages_seller_day) and one pass in memory: ~50 ms on 100,000 messages.
 */
import type { ImportantUseView, PerformanceView, ResponseItem, ResponseWindow } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { quotaReport, QUOTA_WINDOW_DAYS } from '../policy/quota.js';
import { sentToday } from '../relay/seller-context.js';
import { startOfUtcDay } from '../store/orders.js';
import type { Seller } from '../store/sellers.js';
import { buyerLabel, scrubber } from './privacy.js';

export const DAY_MS = 86_400_000;
export const RESPONSE_LIMIT_MS = DAY_MS;
const WINDOWS = [7, 30, 90] as const;
/** Late and unanswered messages listed per window, newest first; the totals count them all. */
export const LISTED_PER_WINDOW = 200;
/** The R11 log shown: the newest uses (a shop's whole history would make the view slow to open). */
export const IMPORTANT_USES_LISTED = 500;

interface BuyerRow {
  id: number;
  conversation_id: number;
  received_at: string;
}
interface DetailRow {
  subject: string;
  alias: string;
  email: string;
  name: string | null;
}
interface AnswerRow {
  id: number;
  conversation_id: number;
  received_at: string;
}

/** A buyer message with its outcome; `answeredAt` null = not answered. */
interface Outcome {
  messageId: number;
  conversationId: number;
  receivedAt: string;
  answeredAt: string | null;
  responseMs: number | null;
  at: number;
  within: boolean;
  due: boolean;
}
type Describe = (o: Outcome) => ResponseItem;

export function getPerformance(ctx: CoreContext, seller: Seller, now: Date = ctx.store.clock.now()): PerformanceView {
  const nowMs = now.getTime();
  const from = new Date(nowMs - 90 * DAY_MS).toISOString();
  const until = now.toISOString();
  // Only what the metric needs for every message; names and subjects are read for the listed ones.
  const buyers = ctx.store
    .stmt(
      `SELECT m.id, m.conversation_id, m.received_at FROM messages m INDEXED BY messages_response
    WHERE m.seller_id = ? AND m.direction = 'buyer-to-seller' AND m.received_at >= ? AND m.received_at <= ?
      AND m.verdict = 'deliver' AND m.conversation_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM message_marks k WHERE k.message_id = m.id AND k.no_response_needed = 1)
      AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id AND r.withdrawn_at IS NULL)
    ORDER BY m.id`,
    )
    .all(seller.id, from, until) as BuyerRow[];
  const answers = ctx.store
    .stmt(
      `SELECT m.id, m.conversation_id, m.received_at FROM messages m INDEXED BY messages_response
    WHERE m.seller_id = ? AND m.direction = 'seller-to-buyer' AND m.received_at >= ? AND m.received_at <= ?
      AND m.via <> 'automatic' AND m.verdict = 'deliver' AND m.conversation_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))
    ORDER BY m.id`,
    )
    .all(seller.id, from, until) as AnswerRow[];
  // R11: a held message the seller released answers from the moment it was released.
  const released = ctx.store
    .stmt(
      `SELECT m.id, m.conversation_id, r.at AS received_at FROM releases r JOIN messages m ON m.id = r.message_id
    WHERE r.seller_id = ? AND r.at >= ? AND r.at <= ? AND m.via <> 'automatic' AND m.conversation_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id AND o.state IN ('failed','bounced','cancelled'))`,
    )
    .all(seller.id, from, until) as AnswerRow[];
  if (released.length > 0) {
    answers.push(...released);
    answers.sort((a, b) => a.id - b.id);
  }

  const byConversation = new Map<number, AnswerRow[]>();
  for (const a of answers) {
    const list = byConversation.get(a.conversation_id);
    if (list) list.push(a);
    else byConversation.set(a.conversation_id, [a]);
  }
  const outcomes = buyers.map((b) => outcome(b, firstAfter(byConversation.get(b.conversation_id), b.id), nowMs));
  const describe = describer(ctx);

  return {
    windows: WINDOWS.map((days) =>
      responseWindow(
        days,
        outcomes.filter((o) => o.at >= nowMs - days * DAY_MS),
        describe,
      ),
    ),
    daily: dailySeries(outcomes, now),
    quota: quota(ctx, seller),
    importantUses: importantUses(ctx, seller),
  };
}

/** The first answer with an id after the buyer message's (answers sorted by id): binary search. */
function firstAfter(list: AnswerRow[] | undefined, id: number): AnswerRow | undefined {
  if (!list) return undefined;
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].id > id) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

function outcome(b: BuyerRow, answer: AnswerRow | undefined, nowMs: number): Outcome {
  const at = Date.parse(b.received_at);
  const responseMs = answer ? Math.max(0, Date.parse(answer.received_at) - at) : null;
  const within = responseMs !== null && responseMs <= RESPONSE_LIMIT_MS;
  return {
    messageId: b.id,
    conversationId: b.conversation_id,
    receivedAt: b.received_at,
    answeredAt: answer?.received_at ?? null,
    responseMs,
    at,
    within,
    due: within || responseMs !== null || nowMs - at > RESPONSE_LIMIT_MS,
  };
}

/** A listed message as the view shows it: buyer by name and alias, the subject scrubbed of the buyer's address (R5). */
function describer(ctx: CoreContext): Describe {
  const detail = ctx.store
    .stmt(`SELECT m.subject, p.alias, b.email, COALESCE(b.name, m.from_name) AS name FROM messages m
    JOIN conversations c ON c.id = m.conversation_id JOIN pairs p ON p.id = c.pair_id JOIN buyers b ON b.id = p.buyer_id WHERE m.id = ?`);
  // The 7 and 30 day lists are the newest of the 90 day one: each message is read once.
  const seen = new Map<number, ResponseItem>();
  return (o) => {
    let item = seen.get(o.messageId);
    if (!item) {
      const d = detail.get(o.messageId) as DetailRow;
      const subject = d.subject.includes('@')
        ? scrubber([d.email], ctx.addresses.aliasAddress(d.alias))(d.subject)
        : d.subject;
      item = {
        messageId: o.messageId,
        conversationId: o.conversationId,
        buyerName: d.name ? buyerLabel(d.name, d.alias) : null,
        alias: d.alias,
        subject,
        receivedAt: o.receivedAt,
        answeredAt: o.answeredAt,
        responseMs: o.responseMs,
      };
      seen.set(o.messageId, item);
    }
    return item;
  };
}

const newestFirst = (a: Outcome, b: Outcome) => b.at - a.at || b.messageId - a.messageId;

function responseWindow(days: 7 | 30 | 90, outcomes: Outcome[], describe: Describe): ResponseWindow {
  let total = 0,
    within = 0,
    answered = 0,
    responseSum = 0;
  const late: Outcome[] = [],
    unanswered: Outcome[] = [];
  for (const o of outcomes) {
    if (!o.due) continue;
    total++;
    if (o.within) within++;
    if (o.responseMs === null) unanswered.push(o);
    else {
      answered++;
      responseSum += o.responseMs;
      if (!o.within) late.push(o);
    }
  }
  late.sort(newestFirst);
  unanswered.sort(newestFirst);
  return {
    days,
    total,
    answeredWithin24h: within,
    share: total > 0 ? within / total : null,
    averageResponseMs: answered > 0 ? Math.round(responseSum / answered) : null,
    lateTotal: late.length,
    unansweredTotal: unanswered.length,
    late: late.slice(0, LISTED_PER_WINDOW).map(describe),
    unanswered: unanswered.slice(0, LISTED_PER_WINDOW).map(describe),
  };
}

/** The share per UTC day of receipt over the last 90 days (today included), oldest first. */
function dailySeries(outcomes: Outcome[], now: Date): PerformanceView['daily'] {
  const first = startOfUtcDay(now).getTime() - 89 * DAY_MS;
  const days = Array.from({ length: 90 }, (_, i) => ({
    day: new Date(first + i * DAY_MS).toISOString().slice(0, 10),
    total: 0,
    answeredWithin24h: 0,
    share: null as number | null,
  }));
  for (const o of outcomes) {
    const i = Math.floor((o.at - first) / DAY_MS);
    if (!o.due || i < 0 || i >= days.length) continue;
    days[i].total++;
    if (o.within) days[i].answeredWithin24h++;
  }
  for (const d of days) d.share = d.total > 0 ? d.answeredWithin24h / d.total : null;
  return days;
}

/** R16: as the relay computes it for the next message of the seller (counted). */
function quota(ctx: CoreContext, seller: Seller): PerformanceView['quota'] {
  const ordersInWindow = ctx.orders.countInWindow(seller.id, QUOTA_WINDOW_DAYS);
  return {
    ...quotaReport({ sentToday: sentToday(ctx, seller.id), ordersInWindow, windowDays: QUOTA_WINDOW_DAYS }, true),
    ordersInWindow,
  };
}

interface UseRow {
  id: number;
  message_id: number | null;
  conversation_id: number | null;
  kind: ImportantUseView['kind'];
  subject: string;
  category: string;
  necessary: number | null;
  verdict: string;
  override: ImportantUseView['override'];
  at: string;
}

/** R11: the audit log, newest first. */
function importantUses(ctx: CoreContext, seller: Seller): ImportantUseView[] {
  const rows = ctx.store
    .stmt(
      `SELECT u.id, u.message_id, m.conversation_id, u.kind, u.subject, u.category, u.necessary, u.verdict, u.override, u.at
    FROM important_uses u LEFT JOIN messages m ON m.id = u.message_id WHERE u.seller_id = ? ORDER BY u.at DESC, u.id DESC LIMIT ${IMPORTANT_USES_LISTED}`,
    )
    .all(seller.id) as UseRow[];
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    conversationId: r.conversation_id,
    kind: r.kind,
    subject: r.subject,
    category: r.category,
    necessary: r.necessary === null ? null : r.necessary === 1,
    verdict: r.verdict,
    override: r.override,
    at: r.at,
  }));
}
