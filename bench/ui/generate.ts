/**
 * Fills a data directory for bench/ui: one seller, 10,000 conversations, 100,000 messages — in
 * seconds, not over SMTP. It writes through the core's own repositories (pairs, orders, the
 * hash-chained record, the outbox, marks) inside big transactions, so every trigger and derived
 * table of the current schema is kept exactly as the relay keeps it; only the raw `.eml` blobs
 * are written directly (no fsync: a benchmark store need not survive a power cut).
 * The result is cached under bench/results/ui-store-s<schema>-g<generator>-… with a manifest
 * naming the conversations the bench searches for.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Decision, PolicyContext } from '../../src/shared/domain.js';
import { CoreContext } from '../../src/main/core/context.js';
import { evaluate } from '../../src/main/core/policy/evaluate.js';
import { markNoResponseNeeded, reportMessage } from '../../src/main/core/relay/marks.js';
import { BulkLoader } from '../../src/main/core/store/bulk.js';
import { MIGRATIONS } from '../../src/main/core/store/migrations.js';
import { BlobWriter } from './blob-writer.js';
import { messageText, seededRandom } from './corpus.js';
import { FILES, rawMessage } from './mime.js';
import { makePlan, type PlannedConversation } from './plan.js';

/** Bump when the generated content changes: the cache key includes it. */
export const GENERATOR_VERSION = 1;
export const SHOP = {
  id: 'werkstatt',
  name: 'Werkstatt Lindner',
  email: 'service@werkstatt-lindner.example',
  language: 'de' as const,
};
const BATCH = 5_000; // messages per transaction

export interface Manifest {
  schemaVersion: number;
  generator: number;
  conversations: number;
  messages: number;
  generatedInSeconds: number;
  /** Search queries with the conversations each must find (by conversation id). */
  queries: { kind: 'alias' | 'order' | 'buyer name' | 'full text'; query: string; expect: number[] }[];
}

interface ConversationState {
  pairId: number;
  alias: string;
  conversationId: number;
  lastRelayId: string | null;
  optedOut: boolean;
  rareFound: boolean;
}

export const schemaVersion = () => Math.max(...MIGRATIONS.map((m) => m.version));

export function storeDir(resultsDir: string, conversations: number, messages: number): string {
  return path.join(resultsDir, `ui-store-s${schemaVersion()}-g${GENERATOR_VERSION}-c${conversations}-m${messages}`);
}

/** The cached store for these sizes, generated first when missing or incomplete. */
export async function ensureStore(
  resultsDir: string,
  conversations: number,
  messages: number,
  log: (s: string) => void,
): Promise<{ dir: string; manifest: Manifest }> {
  const dir = storeDir(resultsDir, conversations, messages);
  const manifestFile = path.join(dir, 'bench-manifest.json');
  if (fs.existsSync(manifestFile))
    return { dir, manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest };
  fs.rmSync(dir, { recursive: true, force: true }); // a half-written one from an interrupted run
  log(`bench: generating ${messages} messages in ${conversations} conversations into ${dir} …`);
  const manifest = await generate(dir, conversations, messages, log);
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2)); // written last: its presence means complete
  return { dir, manifest };
}

async function generate(
  dir: string,
  nConversations: number,
  nMessages: number,
  log: (s: string) => void,
): Promise<Manifest> {
  const started = performance.now();
  const now = Date.now();
  let clock = now;
  const ctx = new CoreContext({ dataDir: dir, dns: 'offline', clock: { now: () => new Date(clock) } });
  try {
    const bulk = new BulkLoader(ctx.store);
    ctx.sellers.add({ ...SHOP, password: 'bench-password' });
    const shopAddress = ctx.addresses.sellerAddress(SHOP.id);
    const plan = makePlan({ conversations: nConversations, messages: nMessages, now });
    const rnd = seededRandom(7);
    const state = new Map<number, ConversationState>();
    const blobs = new BlobWriter((sha) => ctx.store.blobs.pathOf(sha));
    const putBlob = (bytes: Buffer) => blobs.put(bytes);
    const decisions = new Map<string, Decision>();
    const fileSha = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, putBlob(f.content)]));

    const open = (c: PlannedConversation, startedBy: 'buyer' | 'seller', subject: string): ConversationState => {
      for (const o of c.orders) {
        ctx.orders.upsert({
          sellerId: SHOP.id,
          orderId: o.orderId,
          buyerEmail: c.buyerEmail,
          buyerName: c.buyerName,
          category: o.category,
          productName: o.product,
          purchasedAt: new Date(o.purchasedAt).toISOString(),
        });
      }
      const pair = ctx.pairs.ensurePair(SHOP.id, c.buyerEmail, c.buyerName);
      const optedOut = rnd() < 0.03;
      if (optedOut) ctx.pairs.setOptOut(c.buyerEmail, true);
      const s = {
        pairId: pair.id,
        alias: pair.alias,
        conversationId: ctx.pairs.ensureConversation(pair.id, startedBy, subject),
        lastRelayId: null,
        optedOut,
        rareFound: false,
      };
      state.set(c.index, s);
      return s;
    };

    const writeBatch = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const m = plan.messages[i];
        const c = plan.conversations[m.conversation];
        clock = m.at;
        const order = c.orders[i % c.orders.length];
        const words = messageText(
          rnd,
          c.german,
          m.fromBuyer,
          {
            product: order.product,
            order: order.orderId,
            name: c.buyerName.split(' ')[1],
            buyerName: c.buyerName,
            shopName: SHOP.name,
          },
          m.rare ? c.rareWord! : undefined,
        );
        const s = state.get(c.index) ?? open(c, m.fromBuyer ? 'buyer' : 'seller', words.subject);
        if (m.rare) s.rareFound = true;
        // moves last_message_at, as the relay does
        ctx.pairs.ensureConversation(s.pairId, m.fromBuyer ? 'buyer' : 'seller', words.subject);
        const subject = s.lastRelayId ? `Re: ${words.subject}` : words.subject;
        const aliasAddress = ctx.addresses.aliasAddress(s.alias);
        const relayMessageId = `<bench.${i}.${crypto.randomBytes(6).toString('hex')}@${ctx.domain}>`;
        const raw = rawMessage({
          fromName: m.fromBuyer ? c.buyerName : SHOP.name,
          from: m.fromBuyer ? c.buyerEmail : SHOP.email,
          to: m.fromBuyer ? shopAddress : aliasAddress,
          subject,
          text: words.text,
          date: new Date(m.at),
          messageId: `<m${i}@${m.fromBuyer ? 'mail.example' : 'werkstatt-lindner.example'}>`,
          inReplyTo: s.lastRelayId,
          attachment: m.attachment,
        });
        const rawSha = putBlob(raw);
        const file = m.attachment ? FILES[m.attachment] : null;
        const policyContext: PolicyContext = {
          language: SHOP.language,
          buyerOptedOut: s.optedOut,
          orders: c.orders.map((o) => ({ orderId: o.orderId, category: o.category })),
          senderAuthorized: true,
          strict: false,
          quota: { sentToday: 0, ordersInWindow: 300, windowDays: 30 },
        };
        // The policy's own decision, computed once per kind of message (the classifier is the slow part).
        // Order categories matter only for an opted-out buyer (R10b).
        const categories = s.optedOut ? [...new Set(c.orders.map((o) => o.category))].sort().join(',') : '';
        const key = `${m.fromBuyer}|${c.german}|${words.template}|${s.optedOut}|${s.lastRelayId !== null}|${m.attachment}|${categories}`;
        let decision = decisions.get(key);
        if (!decision) {
          decision = evaluate(
            {
              direction: m.fromBuyer ? 'buyer-to-seller' : 'seller-to-buyer',
              via: m.fromBuyer ? 'mail-client' : 'app',
              subject,
              text: words.text,
              attachments: file
                ? [
                    {
                      filename: file.filename,
                      declaredType: file.type,
                      size: file.content.length,
                      head: file.content.subarray(0, 64),
                    },
                  ]
                : [],
              repliesToBuyer: s.lastRelayId !== null,
            },
            policyContext,
          );
          decisions.set(key, decision);
        }
        const verdict =
          // R11 holds are recorded as held
          decision.verdict === 'reject' ? 'block' : decision.verdict === 'hold' ? 'held' : decision.verdict;
        const { id } = ctx.record.append({
          sellerId: SHOP.id,
          conversationId: s.conversationId,
          direction: m.fromBuyer ? 'buyer-to-seller' : 'seller-to-buyer',
          via: m.fromBuyer ? 'mail-client' : 'app',
          envelopeFrom: m.fromBuyer ? c.buyerEmail : SHOP.email,
          envelopeTo: [m.fromBuyer ? shopAddress : aliasAddress],
          fromName: m.fromBuyer ? c.buyerName : SHOP.name,
          subject,
          messageId: `<m${i}@bench>`,
          relayMessageId,
          inReplyTo: s.lastRelayId,
          references: s.lastRelayId ? [s.lastRelayId] : [],
          text: words.text,
          rawSha256: rawSha,
          rawSize: raw.length,
          auth: m.fromBuyer ? { spf: 'none', dkim: 'none', dmarc: 'none' } : null,
          verdict,
          decision,
          attachments: file
            ? [
                {
                  filename: file.filename,
                  declaredType: file.type,
                  sniffedType: file.sniffed,
                  size: file.content.length,
                  sha256: fileSha[m.attachment!],
                  removed: false,
                },
              ]
            : [],
        });
        if (m.fromBuyer) s.lastRelayId = relayMessageId;
        if (verdict === 'deliver') {
          // What the outbox holds once the worker handed it over: a delivered row and its event
          // (one INSERT each instead of the worker's enqueue, then update).
          const bounced = !m.fromBuyer && rnd() < 0.004;
          const outboxId = ctx.outbox.recordPast({
            messageId: id,
            envelopeFrom: `bounce@${ctx.domain}`,
            recipients: [m.fromBuyer ? SHOP.email : c.buyerEmail],
            blobSha256: rawSha,
            createdAt: new Date(m.at).toISOString(),
            expiresAt: new Date(m.at + ctx.queueLifetimeMs).toISOString(),
            deliveredAt: bounced ? null : new Date(m.at + 1_500).toISOString(),
            response: '250 2.0.0 OK',
          });
          clock += 1_500;
          // fires the undeliverable trigger
          if (bounced) ctx.outbox.markFinal(outboxId, 'bounced', '550 5.1.1 mailbox unavailable');
        }
        if (m.fromBuyer && rnd() < 0.02) markNoResponseNeeded(ctx, id, 'app');
        else if (m.fromBuyer && rnd() < 0.005) reportMessage(ctx, id, { reason: 'spam', source: 'app' });
      }
    };
    for (let from = 0; from < plan.messages.length; from += BATCH) {
      ctx.store.transaction(() => writeBatch(from, Math.min(from + BATCH, plan.messages.length)));
      if ((from / BATCH) % 4 === 3)
        log(`bench:   ${from + BATCH} messages, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // The record's full-text index follows it in batches (store/search-index.ts): all of it at once here.
    ctx.store.searchIndex.catchUp();
    await blobs.close();
    bulk.finish();
    return {
      schemaVersion: schemaVersion(),
      generator: GENERATOR_VERSION,
      conversations: nConversations,
      messages: nMessages,
      generatedInSeconds: Math.round((performance.now() - started) / 100) / 10,
      queries: sampleQueries(plan.conversations, state),
    };
  } finally {
    ctx.close();
  }
}

/** Ten queries: three aliases, two order numbers, two buyer names, three planted words. */
function sampleQueries(
  conversations: PlannedConversation[],
  state: Map<number, ConversationState>,
): Manifest['queries'] {
  const at = (k: number) => conversations[Math.floor((k * 7919) % conversations.length)];
  const id = (c: PlannedConversation) => state.get(c.index)!.conversationId;
  const byName = (name: string) => conversations.filter((c) => c.buyerName === name).map(id);
  const byWord = (word: string) =>
    conversations.filter((c) => c.rareWord === word && state.get(c.index)!.rareFound).map(id);
  const words = [
    ...new Set(conversations.filter((c) => c.rareWord && state.get(c.index)!.rareFound).map((c) => c.rareWord!)),
  ].slice(0, 3);
  return [
    ...[1, 2, 3].map((k) => ({ kind: 'alias' as const, query: state.get(at(k).index)!.alias, expect: [id(at(k))] })),
    ...[4, 5].map((k) => ({ kind: 'order' as const, query: at(k).orders[0].orderId, expect: [id(at(k))] })),
    ...[6, 7].map((k) => ({ kind: 'buyer name' as const, query: at(k).buyerName, expect: byName(at(k).buyerName) })),
    ...words.map((w) => ({ kind: 'full text' as const, query: w, expect: byWord(w) })),
  ];
}
