/**
 * Bring your old mail: a seller's past buyer conversations from an mbox or a Maildir come into the record as they
 * were, with no policy, no delivery and no notice. The seller's addresses (the customer-service address and the
 * authorized senders) mark the seller's side; any other single correspondent is a buyer, whose mail becomes
 * buyer → seller under the pair's alias (R1, drawn by PairRepo), and the seller's mail to a buyer seller → buyer. A
 * seller's message finds its buyer through its thread first (In-Reply-To, References), then by its one recipient.
 * Mailing lists, bulk mail and auto-replies are skipped and counted; what cannot be read is refused with its reason.
 * Duplicates (the same Message-ID in the seller's record, or the same bytes imported before) add nothing.
 *
 * Messages are read, parsed and their blobs written a batch at a time; each batch is one transaction together with
 * the run's position in the source (store/mail-import.ts), so a killed import goes on from the last batch.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../context.js';
import { isParleyError, ParleyError } from '../errors.js';
import { parseAddressList } from '../mail/addresses.js';
import { parseFields, splitMessage, type HeaderField } from '../mail/header-block.js';
import { newMessageId } from '../mail/message-ids.js';
import { parseMessage, type ParsedMessage } from '../relay/parse.js';
import { BlobStore } from '../store/blobs.js';
import type { ImportCounts, MailSourceKind } from '../store/mail-import.js';
import type { RecordDirection } from '../store/record.js';
import { normalizeEmail } from '../store/sellers.js';
import { isMaildir, isMbox, maildirSource, mboxSource, type SourceMessage } from './mail-sources.js';

/** Messages per transaction: large enough that the commit's cost spreads, small enough that progress moves. */
export const MAIL_IMPORT_BATCH = 250;
const REFUSED_LISTED = 100; // the result names this many refused messages; the count covers all

export type SkipReason = 'list' | 'bulk' | 'autoReply' | 'relay' | 'noBuyer';

export interface RefusedMessage {
  /** The message's place in the source: 1 for its first message. */
  at: number;
  /** A key of ERROR_KEYS and its params: the renderer words it. */
  key: string;
  params: Record<string, string | number>;
  message: string;
}

export interface MailImportProgress extends ImportCounts {
  done: number;
  total: number;
}

export interface MailImportResult extends MailImportProgress {
  skippedBy: Record<SkipReason, number>;
  refusedList: RefusedMessage[];
  /** The run had stopped part-way and went on where it stopped. */
  resumed: boolean;
  ms: number;
}

export interface MailImportOptions {
  sellerId: string;
  kind: MailSourceKind;
  /** The mbox file or the Maildir folder. */
  source: string;
  /** The file's name as the seller knows it (the app imports an uploaded copy); else the source's own name. */
  name?: string;
  onProgress?(p: MailImportProgress): void;
}

type Prepared =
  | { kind: 'record'; raw: Buffer; sha256: string; parsed: ParsedMessage; side: Side; receivedAt?: string }
  | { kind: 'duplicate' }
  | { kind: 'skip'; why: SkipReason }
  | { kind: 'refuse'; refused: RefusedMessage };

type Side =
  | { direction: 'buyer-to-seller'; buyer: { address: string; name: string | null }; to: string[] }
  | { direction: 'seller-to-buyer'; buyers: { address: string; name: string | null }[]; from: string; to: string[] };

const valueOf = (fields: HeaderField[], name: string) => fields.find((f) => !f.opaque && f.lowerName === name)?.value;

/** Why a message is no conversation with a buyer, from its header alone; null for one that may be. */
function skipReason(fields: HeaderField[]): SkipReason | null {
  if (valueOf(fields, 'list-id') !== undefined) return 'list';
  const auto = valueOf(fields, 'auto-submitted')?.trim().toLowerCase();
  if (auto && auto !== 'no') return 'autoReply';
  if (/^(bulk|list|junk|auto_reply)$/i.test(valueOf(fields, 'precedence')?.trim() ?? '')) return 'bulk';
  if (valueOf(fields, 'x-autoreply') !== undefined || valueOf(fields, 'x-autorespond') !== undefined)
    return 'autoReply';
  return null;
}

const AUTOMATIC_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i;

function receivedAtOf(fields: HeaderField[]): string | undefined {
  const date = valueOf(fields, 'date');
  if (!date) return undefined;
  const t = Date.parse(date.trim());
  return Number.isFinite(t) && t > 0 ? new Date(t).toISOString() : undefined;
}

function refusal(at: number, err: unknown): RefusedMessage {
  if (isParleyError(err) && err.detail)
    return { at, key: err.detail.key, params: err.detail.params, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { at, key: 'mailImport.unreadable', params: { at }, message };
}

export async function importMail(ctx: CoreContext, opts: MailImportOptions): Promise<MailImportResult> {
  const started = performance.now();
  const seller = ctx.sellers.require(opts.sellerId);
  const sourcePath = path.resolve(opts.source);
  const mbox = opts.kind === 'mbox';
  if (
    !fs.existsSync(sourcePath) ||
    (mbox ? !fs.statSync(sourcePath).isFile() || !isMbox(sourcePath) : !isMaildir(sourcePath))
  )
    throw new ParleyError(
      'EBADINPUT',
      mbox
        ? `${opts.name ?? opts.source} is not an mbox file (it must start with a "From " line)`
        : `${opts.source} is not a Maildir (it has no cur/ or new/ folder)`,
      {
        detail: {
          key: mbox ? 'mailImport.notMbox' : 'mailImport.notMaildir',
          params: { name: opts.name ?? path.basename(opts.source) },
        },
      },
    );
  const source = mbox ? mboxSource(sourcePath) : maildirSource(sourcePath);
  const run = ctx.mailImports.begin(seller.id, opts.kind, sourcePath, source.total);
  const counts: ImportCounts = {
    imported: run.imported,
    duplicates: run.duplicates,
    skipped: run.skipped,
    refused: run.refused,
  };
  const skippedBy: Record<SkipReason, number> = { list: 0, bulk: 0, autoReply: 0, relay: 0, noBuyer: 0 };
  const refusedList: RefusedMessage[] = [];
  const done = () => counts.imported + counts.duplicates + counts.skipped + counts.refused;
  const progress = (): MailImportProgress => ({ ...counts, done: Math.min(done(), source.total), total: source.total });
  const sellerSide = new Set([seller.email, ...ctx.sellers.authorizedSenders(seller.id)].map((a) => normalizeEmail(a)));
  opts.onProgress?.(progress());

  const prepare = async (m: SourceMessage, at: number): Promise<Prepared> => {
    try {
      const sha256 = BlobStore.hash(m.raw);
      if (ctx.mailImports.has(seller.id, sha256)) return { kind: 'duplicate' };
      const fields = parseFields(splitMessage(m.raw).header);
      const skip = skipReason(fields);
      if (skip) return { kind: 'skip', why: skip };
      const parsed = await parseMessage(m.raw);
      if (parsed.messageId && ctx.record.pairOfMessageId(seller.id, parsed.messageId) !== undefined)
        return { kind: 'duplicate' };
      const from = parsed.fromAddress;
      if (!from)
        return {
          kind: 'refuse',
          refused: {
            at,
            key: 'mailImport.noSender',
            params: { at },
            message: `message ${at} has no From address`,
          },
        };
      if (AUTOMATIC_SENDER.test(from)) return { kind: 'skip', why: 'autoReply' };
      if (ctx.addresses.isOwn(from)) return { kind: 'skip', why: 'relay' };
      const to = ['to', 'cc']
        .flatMap((h) => fields.filter((f) => !f.opaque && f.lowerName === h))
        .flatMap((f) => parseAddressList(f.value))
        .map((a) => ({ address: a.address.toLowerCase(), name: a.name || null }))
        .filter((a) => a.address.includes('@'));
      const side: Side = sellerSide.has(normalizeEmail(from))
        ? {
            direction: 'seller-to-buyer',
            from,
            to: to.map((a) => a.address),
            buyers: to.filter((a) => !sellerSide.has(normalizeEmail(a.address)) && !ctx.addresses.isOwn(a.address)),
          }
        : {
            direction: 'buyer-to-seller',
            buyer: { address: from, name: parsed.fromName },
            to: to.map((a) => a.address),
          };
      return { kind: 'record', raw: m.raw, sha256, parsed, side, receivedAt: receivedAtOf(fields) };
    } catch (err) {
      return { kind: 'refuse', refused: refusal(at, err) };
    }
  };

  /** The pair a message belongs to: a seller's message by its thread first, then by its one buyer. */
  const pairOf = (p: Extract<Prepared, { kind: 'record' }>): number | null => {
    if (p.side.direction === 'buyer-to-seller')
      return ctx.pairs.ensurePair(seller.id, p.side.buyer.address, p.side.buyer.name).id;
    const thread = [p.parsed.inReplyTo, ...[...p.parsed.references].reverse()].filter((id): id is string => !!id);
    for (const id of thread) {
      const pairId = ctx.record.pairOfMessageId(seller.id, id);
      if (pairId) return pairId;
    }
    const buyers = [...new Map(p.side.buyers.map((b) => [normalizeEmail(b.address), b])).values()];
    if (buyers.length !== 1) return null;
    return ctx.pairs.ensurePair(seller.id, buyers[0].address, buyers[0].name).id;
  };

  const recordBatch = (batch: { prepared: Prepared; at: number }[], position: number) => {
    ctx.store.transaction(() => {
      for (const { prepared: p, at } of batch) {
        if (p.kind === 'duplicate') counts.duplicates++;
        else if (p.kind === 'skip') {
          counts.skipped++;
          skippedBy[p.why]++;
        } else if (p.kind === 'refuse') {
          counts.refused++;
          if (refusedList.length < REFUSED_LISTED) refusedList.push(p.refused);
        } else {
          // Again inside the transaction: the same message may come twice in one batch.
          const again = p.parsed.messageId && ctx.record.pairOfMessageId(seller.id, p.parsed.messageId) !== undefined;
          if (again || ctx.mailImports.has(seller.id, p.sha256)) {
            counts.duplicates++;
            continue;
          }
          let pairId: number | null;
          try {
            pairId = pairOf(p); // R9 refuses another shop's address as a buyer
          } catch (err) {
            counts.refused++;
            const address = p.side.direction === 'buyer-to-seller' ? p.side.buyer.address : '';
            const r9 = isParleyError(err) && err.code === 'EOTHERSELLER';
            const why = r9
              ? { at, key: 'sender.otherShop', params: { address }, message: err.message }
              : refusal(at, err);
            if (refusedList.length < REFUSED_LISTED) refusedList.push(why);
            continue;
          }
          if (pairId === null) {
            counts.skipped++;
            skippedBy.noBuyer++;
            continue;
          }
          const direction: RecordDirection = p.side.direction;
          const conversationId = ctx.pairs.ensureConversation(
            pairId,
            direction === 'buyer-to-seller' ? 'buyer' : 'seller',
            p.parsed.subject,
          );
          const { id } = ctx.record.append({
            sellerId: seller.id,
            conversationId,
            direction,
            via: 'import',
            envelopeFrom: p.parsed.fromAddress ?? '',
            envelopeTo: p.side.to,
            fromName: p.parsed.fromName,
            subject: p.parsed.subject,
            messageId: p.parsed.messageId,
            relayMessageId: newMessageId(ctx.domain),
            inReplyTo: p.parsed.inReplyTo,
            references: p.parsed.references,
            text: p.parsed.text,
            rawSha256: p.sha256,
            rawSize: p.raw.length,
            auth: null,
            verdict: 'deliver',
            decision: { imported: opts.kind },
            attachments: p.parsed.attachments.map((a) => ({
              filename: a.filename,
              declaredType: a.declaredType,
              sniffedType: 'unknown',
              size: a.size,
              sha256: a.sha256,
              removed: false,
            })),
            receivedAt: p.receivedAt,
          });
          ctx.mailImports.mark(seller.id, p.sha256, id);
          counts.imported++;
        }
      }
      ctx.mailImports.advance(run.id, position, counts);
    });
  };

  let batch: { prepared: Prepared; at: number }[] = [];
  let pending: Promise<unknown>[] = [];
  let position = run.position;
  const flush = async () => {
    await Promise.all(pending); // the raw messages and their attachments are on disk before their records commit
    recordBatch(batch, position);
    batch = [];
    pending = [];
    opts.onProgress?.(progress());
    await new Promise((resolve) => setImmediate(resolve)); // the app's other calls get their turn between batches
  };
  for (const m of source.read(run.position)) {
    const at = done() + batch.length + 1;
    const prepared = await prepare(m, at);
    if (prepared.kind === 'record') {
      pending.push(ctx.store.blobs.put(prepared.raw));
      for (const a of prepared.parsed.attachments) pending.push(ctx.store.blobs.put(a.content));
    }
    batch.push({ prepared, at });
    position = m.next;
    if (batch.length >= MAIL_IMPORT_BATCH) await flush();
  }
  await flush();
  ctx.mailImports.finish(run.id);
  return { ...progress(), skippedBy, refusedList, resumed: run.resumed, ms: Math.round(performance.now() - started) };
}
