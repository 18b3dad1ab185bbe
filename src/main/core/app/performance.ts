/**
 * The Performance view: contact response time as the marketplace's seller performance
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
 * What asks for a response and what answers is the inbox's definition (store/response-terms.ts),
 * read by store/performance-queries.ts; here the pairing, the windows and the arithmetic. Two
 * indexed range reads and one pass in memory: ~50 ms on 100,000 messages; the app reads them in slices
 * (loadPerformance), so that the main thread answers other calls in between.
 */
import type { ImportantUseView, PerformanceView, ResponseItem, ResponseWindow } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { quotaReport, QUOTA_WINDOW_DAYS } from '../policy/quota.js';
import { sentToday } from '../relay/seller-context.js';
import { startOfUtcDay } from '../store/orders.js';
import type { ResponseEvent } from '../store/performance-queries.js';
import type { Seller } from '../store/sellers.js';
import { buyerLabel, scrubber } from './privacy.js';

export const DAY_MS = 86_400_000;
export const RESPONSE_LIMIT_MS = DAY_MS;
const WINDOWS = [7, 30, 90] as const;
/** Late and unanswered messages listed per window, newest first; the totals count them all. */
export const LISTED_PER_WINDOW = 200;
/** The R11 log shown: the newest uses (a shop's whole history would make the view slow to open). */
export const IMPORTANT_USES_LISTED = 500;

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
  const { from, until } = range(now);
  const events = { buyers: [] as ResponseEvent[], answers: [] as ResponseEvent[] };
  readSlice(ctx, seller, events, from, until);
  events.answers.push(...ctx.performance.releasedAnswers(seller.id, from, until));
  return view(ctx, seller, now, outcomesOf(events, now.getTime()));
}

/**
 * The same view as getPerformance, for the app: the 90 days are read in slices of SLICE_DAYS with a turn of the event
 * loop between them, so a conversation opened meanwhile waits for one slice (a few ms) instead of the whole read
 * (~100 ms on 100,000 messages, on a loaded machine more).
 */
export async function loadPerformance(
  ctx: CoreContext,
  seller: Seller,
  now: Date = ctx.store.clock.now(),
): Promise<PerformanceView> {
  const { from, until } = range(now);
  const events = { buyers: [] as ResponseEvent[], answers: [] as ResponseEvent[] };
  const fromMs = Date.parse(from);
  for (let lo = fromMs; lo <= now.getTime(); lo += SLICE_DAYS * DAY_MS) {
    // received_at is the store's ISO time to the millisecond: [lo, next slice - 1 ms] leaves no gap and no overlap.
    const hi = Math.min(lo + SLICE_DAYS * DAY_MS - 1, now.getTime());
    readSlice(ctx, seller, events, new Date(lo).toISOString(), new Date(hi).toISOString());
    await turn();
  }
  events.answers.push(...ctx.performance.releasedAnswers(seller.id, from, until));
  const outcomes = outcomesOf(events, now.getTime());
  await turn();
  return view(ctx, seller, now, outcomes);
}

/** A slice of the 90 days: ~1,400 buyer messages and as many answers in the 100,000-message benchmark store. */
const SLICE_DAYS = 10;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function range(now: Date): { from: string; until: string } {
  return { from: new Date(now.getTime() - 90 * DAY_MS).toISOString(), until: now.toISOString() };
}

// Only what the metric needs for every message; names and subjects are read for the listed ones.
function readSlice(
  ctx: CoreContext,
  seller: Seller,
  into: { buyers: ResponseEvent[]; answers: ResponseEvent[] },
  from: string,
  until: string,
): void {
  for (const b of ctx.performance.asking(seller.id, from, until)) into.buyers.push(b);
  for (const a of ctx.performance.deliveredAnswers(seller.id, from, until)) into.answers.push(a);
}

/** Each buyer message paired with its answer. */
function outcomesOf(
  { buyers, answers }: { buyers: ResponseEvent[]; answers: ResponseEvent[] },
  nowMs: number,
): Outcome[] {
  const byConversation = new Map<number, ResponseEvent[]>();
  for (const a of answers) {
    const list = byConversation.get(a.conversationId);
    if (list) list.push(a);
    else byConversation.set(a.conversationId, [a]);
  }
  for (const list of byConversation.values()) if (list.length > 1) list.sort((a, b) => a.id - b.id);
  return buyers.map((b) => outcome(b, firstAfter(byConversation.get(b.conversationId), b.id), nowMs));
}

/** The windows, the daily series, the quota and the R11 log. */
function view(ctx: CoreContext, seller: Seller, now: Date, outcomes: Outcome[]): PerformanceView {
  const nowMs = now.getTime();
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

/** The first answer with an id after the buyer message's (a conversation's answers sorted by id): binary search. */
function firstAfter(list: ResponseEvent[] | undefined, id: number): ResponseEvent | undefined {
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

function outcome(b: ResponseEvent, answer: ResponseEvent | undefined, nowMs: number): Outcome {
  const at = Date.parse(b.at);
  const responseMs = answer ? Math.max(0, Date.parse(answer.at) - at) : null;
  const within = responseMs !== null && responseMs <= RESPONSE_LIMIT_MS;
  return {
    messageId: b.id,
    conversationId: b.conversationId,
    receivedAt: b.at,
    answeredAt: answer?.at ?? null,
    responseMs,
    at,
    within,
    due: within || responseMs !== null || nowMs - at > RESPONSE_LIMIT_MS,
  };
}

/** A listed message as the view shows it: buyer by name and alias, the subject scrubbed of the buyer's address (R5). */
function describer(ctx: CoreContext): Describe {
  // The 7 and 30 day lists are the newest of the 90 day one: each message is read once.
  const seen = new Map<number, ResponseItem>();
  return (o) => {
    let item = seen.get(o.messageId);
    if (!item) {
      const d = ctx.performance.detail(o.messageId);
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

/** R11: the audit log, newest first. */
function importantUses(ctx: CoreContext, seller: Seller): ImportantUseView[] {
  return ctx.performance.importantUses(seller.id, IMPORTANT_USES_LISTED);
}
