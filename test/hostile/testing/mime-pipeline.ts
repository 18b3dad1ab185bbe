/**
 * What the relay does to a message in process, without sockets or a store: parse, the loop guard, the policy in both
 * directions, both rewrites (with the R15 removals the policy asked for) — and the checks the MIME fuzz run makes on
 * each: nothing but a ParleyError may escape (that is a refusal with a reason; a TypeError or a RangeError is a crash),
 * and every rewritten message parses again with the From, Message-ID the rewrite set and no attachment the policy
 * removed.
 */
import { performance } from 'node:perf_hooks';
import type { Language, PolicyContext } from '../../../src/shared/domain.js';
import { isParleyError } from '../../../src/main/core/errors.js';
import { evaluate } from '../../../src/main/core/policy/evaluate.js';
import { removalsOf } from '../../../src/main/core/relay/accept.js';
import { refuseLoop } from '../../../src/main/core/relay/loop-guard.js';
import { parseMessage, type ParsedMessage } from '../../../src/main/core/relay/parse.js';
import { rewriteForBuyer, rewriteForSeller } from '../../../src/main/core/relay/rewrite.js';

export type Outcome =
  /** Through the whole pipeline, both rewritten copies checked. */
  | { kind: 'ok' }
  /** A deliberate refusal: a ParleyError with its code and words. */
  | { kind: 'refused'; reason: string }
  /** Anything else thrown: a bug. */
  | { kind: 'crash'; error: string }
  /** A rewritten copy that does not parse again as what the rewrite wrote. */
  | { kind: 'unparseable'; error: string }
  /** A removed attachment (R15) that a reader of the rewritten copy would still see. */
  | { kind: 'escaped'; error: string };

export interface PipelineResult {
  outcome: Outcome;
  /** Parse, policy and both rewrites; not the checks. */
  ms: number;
}

const DOMAIN = 'relay.test';
const ALIAS = `k3j4h5g6f7d8s9a@${DOMAIN}`;
const REPLY = `shop-1.q8w7e6r5t4@${DOMAIN}`;
const SELLER_EMAIL = 'service@shop.example';
const BUYER_EMAIL = 'real.buyer@buyers.example';
const RELAY_ID = `<fz0123456789abcdefghijklmnopqrstu@${DOMAIN}>`;

/** The settings of the seller and the buyer vary with the message number, so every branch of the policy runs. */
function sellerContext(index: number, language: Language): PolicyContext {
  return {
    language,
    buyerOptedOut: index % 2 === 0,
    orders:
      index % 5 === 0 ? [] : [{ orderId: '302-1111111-1111111', category: index % 7 === 0 ? 'handmade' : 'standard' }],
    senderAuthorized: index % 11 !== 0,
    senderIsOtherSeller: index % 13 === 0,
    strict: index % 3 === 0,
    urgentCheck: index % 4 === 0 ? 'warn-only' : 'confirm',
    quota: { sentToday: index % 17 === 0 ? 10_000 : 3, ordersInWindow: 90, windowDays: 30 },
  };
}

function buyerContext(language: Language): PolicyContext {
  return {
    language,
    buyerOptedOut: false,
    orders: [],
    senderAuthorized: true,
    senderIsOtherSeller: false,
    strict: false,
    quota: { sentToday: 0, ordersInWindow: 0, windowDays: 30 },
  };
}

// A relay id maps back to the id its sender wrote for every third id it meets, like a thread the relay knows.
const mapId = (id: string): string | undefined =>
  id.length % 3 === 0 ? `<orig-${id.length}@sender.example>` : undefined;

interface Rewritten {
  side: 'for seller' | 'for buyer';
  out: Buffer;
  from: string;
  /** The removed attachments (R15), by content and name: none of them may be in the copy. */
  removed: Set<string>;
}

const attachmentKey = (a: { sha256: string; filename: string }): string => `${a.sha256} ${a.filename}`;

/** The attachments the decision removes, empty ones aside (an empty part anywhere would look the same). */
function removedKeys(parsed: ParsedMessage, decision: ReturnType<typeof evaluate>): Set<string> {
  return new Set(
    decision.attachments.flatMap((a, i) =>
      a.action === 'remove' && parsed.attachments[i]?.size > 0 ? [attachmentKey(parsed.attachments[i])] : [],
    ),
  );
}

function pipeline(raw: Buffer, parsed: ParsedMessage, index: number): Rewritten[] {
  const language: Language = index % 2 === 0 ? 'de' : 'en';
  refuseLoop(parsed.hops);
  const buyerAddress = parsed.fromAddress ?? BUYER_EMAIL;
  const fromBuyer = evaluate(
    {
      direction: 'buyer-to-seller',
      via: 'mail-client',
      subject: parsed.subject,
      text: parsed.text,
      attachments: parsed.attachments,
      repliesToBuyer: false,
    },
    buyerContext(language),
  );
  const buyerRemovals = removalsOf(parsed, fromBuyer, language);
  const forSeller = rewriteForSeller(raw, {
    aliasAddress: ALIAS,
    buyerName: parsed.fromName,
    buyerAddress,
    relayMessageId: RELAY_ID,
    mapId,
    authResults: `${DOMAIN}; spf=none; dkim=none; dmarc=none`,
    removals: buyerRemovals,
    actions:
      index % 2 === 0
        ? { report: `action+r-1-abc@${DOMAIN}`, noResponse: `action+n-1-abc@${DOMAIN}`, language }
        : undefined,
  });
  const fromSeller = evaluate(
    {
      direction: 'seller-to-buyer',
      via: index % 3 === 0 ? 'app' : 'mail-client',
      subject: parsed.subject,
      text: parsed.text,
      attachments: parsed.attachments,
      repliesToBuyer: index % 6 === 1,
      confirmed: index % 8 === 0,
    },
    sellerContext(index, language),
  );
  const sellerRemovals = removalsOf(parsed, fromSeller, language);
  const forBuyer = rewriteForBuyer(raw, {
    shopName: index % 2 === 0 ? 'Jörg’s Laden "Holz" <&>' : 'Shop',
    replyAddress: REPLY,
    buyerAddress: BUYER_EMAIL,
    buyerName: index % 4 === 0 ? 'Änne Käufer' : null,
    aliasAddress: ALIAS,
    hideAddresses: [SELLER_EMAIL, parsed.fromAddress ?? SELLER_EMAIL, 'Other@Shop.Example'],
    relayMessageId: RELAY_ID,
    mapId,
    removals: sellerRemovals,
  });
  return [
    { side: 'for seller', out: forSeller, from: ALIAS, removed: removedKeys(parsed, fromBuyer) },
    { side: 'for buyer', out: forBuyer, from: REPLY, removed: removedKeys(parsed, fromSeller) },
  ];
}

/** The rewritten copy parses again as what the rewrite wrote, and no removed attachment is left in it (R15). */
async function check(copy: Rewritten): Promise<Outcome> {
  let again: ParsedMessage;
  try {
    // The byte limit is on what arrives: a rewritten field re-encoded as encoded-words can grow (parse.ts).
    again = await parseMessage(copy.out, { maxHeaderBytes: Infinity });
  } catch (err) {
    return { kind: 'unparseable', error: `${copy.side}: parse threw ${describe(err)}` };
  }
  if (again.fromAddress !== copy.from)
    return { kind: 'unparseable', error: `${copy.side}: From reads ${JSON.stringify(again.fromAddress)}` };
  if (again.messageId !== RELAY_ID)
    return { kind: 'unparseable', error: `${copy.side}: Message-ID reads ${JSON.stringify(again.messageId)}` };
  const left = again.attachments.filter((a) => copy.removed.has(attachmentKey(a)));
  if (left.length > 0)
    return {
      kind: 'escaped',
      error: `${copy.side}: ${left.length} removed attachment(s) still there: ${left
        .map((a) => a.filename)
        .join(', ')
        .slice(0, 200)}`,
    };
  return { kind: 'ok' };
}

export function describe(err: unknown): string {
  if (err instanceof Error) {
    const at = err.stack?.split('\n').find((l) => l.includes('/src/'));
    return `${err.name}: ${err.message.slice(0, 200)}${at ? ` (${at.trim()})` : ''}`;
  }
  return String(err).slice(0, 200);
}

/** One message through the pipeline and its checks; never throws. */
export async function runPipeline(raw: Buffer, index: number): Promise<PipelineResult> {
  const start = performance.now();
  let copies: Rewritten[];
  try {
    const parsed = await parseMessage(raw);
    copies = pipeline(raw, parsed, index);
  } catch (err) {
    const ms = performance.now() - start;
    if (isParleyError(err))
      return {
        outcome: { kind: 'refused', reason: `${err.code} ${err.message.replace(/\d+/g, '#').slice(0, 80)}` },
        ms,
      };
    return { outcome: { kind: 'crash', error: describe(err) }, ms };
  }
  const ms = performance.now() - start;
  try {
    for (const copy of copies) {
      const outcome = await check(copy);
      if (outcome.kind !== 'ok') return { outcome, ms };
    }
  } catch (err) {
    return { outcome: { kind: 'crash', error: `checking: ${describe(err)}` }, ms };
  }
  return { outcome: { kind: 'ok' }, ms };
}
