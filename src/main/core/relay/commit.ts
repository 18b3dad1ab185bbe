import type { Decision, PolicyMessage, Via } from '../../../shared/domain.js';
import type { CoreContext, RecordedMessage } from '../context.js';
import { newMessageId } from '../mail/message-ids.js';
import { BlobStore } from '../store/blobs.js';
import { checkAdditionalInfo, findImportantTags } from '../policy/tags.js';
import type { ImportantUseRow } from '../store/important-uses.js';
import type { OutboxItem, OutboxKind, OutboxSplice } from '../store/outbox.js';
import { splitMessage } from '../mail/header-block.js';
import type { Pair } from '../store/pairs.js';
import type { RecordDirection, RecordVerdict } from '../store/record.js';
import type { Seller } from '../store/sellers.js';
import { bounceNotice } from './notices.js';
import { parsedFrom, type ParsedMessage } from './parse.js';

interface Outgoing {
  sha256: string;
  content: Buffer | null;
  /** Without the raw message's blob name, known once its write is done. */
  splice: Omit<OutboxSplice, 'sha256'> | null;
  envelopeFrom: string;
  recipients: string[];
  kind: OutboxKind;
}

// Bytes: outgoing copies up to this size live in their outbox row, larger ones in a blob file.
const INLINE_OUTGOING_MAX = 256 * 1024;
// Bytes: a raw body at least this large is not copied into the outgoing copy when that copy holds it unchanged.
const SPLICE_MIN_BODY = 16 * 1024;

/**
 * The outgoing copy as the bytes around the raw message's body, when it holds that body byte for byte (a rewrite that
 * changed headers only, or wrapped the body for the actions footer); null when the body changed (a removed attachment,
 * a replaced address) or is too small to be worth a second read at delivery.
 */
export function spliceOutgoing(
  raw: Buffer,
  bytes: Buffer,
): { content: Buffer; splice: Omit<OutboxSplice, 'sha256'> } | null {
  const { body } = splitMessage(raw);
  if (body.length < SPLICE_MIN_BODY) return null;
  const at = indexOfBody(bytes, body);
  if (at < 0) return null;
  const start = raw.length - body.length;
  return {
    content: Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + body.length)]),
    splice: { start, end: raw.length, headLength: at },
  };
}

// Bytes of the body looked for first: the search tables of a 200 KB needle cost more than comparing it where it is.
const BODY_PROBE = 256;

/** bytes.indexOf(body), found by the body's first bytes and then compared whole; the full search only if that fails. */
function indexOfBody(bytes: Buffer, body: Buffer): number {
  const at = bytes.indexOf(body.subarray(0, BODY_PROBE));
  if (at < 0) return -1;
  // The first place the body's start occurs: if the whole body is there, no earlier place can hold it.
  if (at + body.length <= bytes.length && bytes.subarray(at, at + body.length).equals(body)) return at;
  return bytes.indexOf(body, at + 1);
}

/** An outgoing copy as its outbox row keeps it: inline when small, else written (fsynced) as a blob first. */
export async function storeOutgoing(
  ctx: CoreContext,
  bytes: Buffer,
): Promise<{ sha256: string; content: Buffer | null }> {
  if (bytes.length <= INLINE_OUTGOING_MAX) return { sha256: BlobStore.hash(bytes), content: bytes };
  return { sha256: await ctx.store.blobs.put(bytes), content: null };
}

export interface WriteInput {
  seller: Seller;
  pair: Pair;
  startedBy: 'buyer' | 'seller';
  direction: RecordDirection;
  via: Via;
  envelopeFrom: string;
  envelopeTo: string[];
  fromName: string | null;
  relayMessageId: string;
  verdict: RecordVerdict;
  decision: Decision;
  auth: unknown;
  /** Re-decides inside the transaction (the quota may have moved); a 'reject' then cancels delivery. */
  recheck?: () => Decision;
  /**
   * R11: the message whose [Important] / additional-info use is logged, and whether the seller overrode the warning.
   */
  important?: ImportantUse;
  /**
   * Runs last inside the record's transaction: what must commit with the record or not at all (the IMAP intake's
   * mark of the message as taken).
   */
  inTransaction?: () => void;
}

export interface ImportantUse extends Pick<PolicyMessage, 'via' | 'subject' | 'reason'> {
  /** "Send anyway" ('confirmed') or the release of a held message ('released'). */
  override?: 'confirmed' | 'released';
}

/**
 * Everything one accepted message writes: its blobs first (fsynced), then, in one group-committed
 * transaction, the conversation, the record, the attachments, the outbox rows and any notice.
 * Only when that commit returns may the SMTP session say 250.
 */
export class Commit {
  private readonly outgoing: Outgoing[] = [];
  private notice: { sha256: string; relayMessageId: string; subject: string; size: number } | undefined;
  private rawSha256 = '';
  private readonly queued: OutboxItem[] = [];
  /** Blob writes under way; all of them finish before the record commits. */
  private readonly writes: Promise<unknown>[] = [];
  private parsed: ParsedMessage | undefined;
  private attachmentsInRaw = false;
  /** What the commit recorded, announced as the 'recorded' signal once it is durable. */
  private readonly recorded: RecordedMessage[] = [];

  /** Starts writing the raw message at once: it is the slowest part and needs nothing else. */
  constructor(
    private readonly ctx: CoreContext,
    private readonly raw: Buffer,
  ) {
    this.track(ctx.store.blobs.put(raw).then((sha) => (this.rawSha256 = sha)));
  }

  /** A write whose failure surfaces in `write()`; if the message is refused before that, it is dropped quietly. */
  private track(p: Promise<unknown>): void {
    p.catch(() => {});
    this.writes.push(p);
  }

  setParsed(parsed: ParsedMessage): void {
    this.parsed = parsed;
    // Attachments parsed from the raw message being written are read back from its blob (a byte range, decoded on
    // demand): their bytes are written once. Parsed from other bytes, each gets a blob of its own as before.
    this.attachmentsInRaw = parsedFrom(parsed) === this.raw;
    if (!this.attachmentsInRaw) for (const a of parsed.attachments) this.track(this.ctx.store.blobs.put(a.content));
  }

  deliverLater(bytes: Buffer, envelopeFrom: string, recipients: string[], kind: OutboxKind): void {
    const spliced = spliceOutgoing(this.raw, bytes);
    if (spliced) {
      // The raw message's blob holds the body: only the bytes around it are kept (and go through the WAL). Each part
      // of the copy is named by a hash: the body's range by the raw message's blob (and the record), the bytes around
      // it by the row's blob_sha256. A hash of the whole copy would cost another read of every byte and prove nothing
      // more: nothing reads a spliced copy but the outbox, which assembles it from these parts.
      this.outgoing.push({ sha256: BlobStore.hash(spliced.content), ...spliced, envelopeFrom, recipients, kind });
      return;
    }
    const inline = bytes.length <= INLINE_OUTGOING_MAX;
    const entry: Outgoing = {
      sha256: inline ? BlobStore.hash(bytes) : '',
      content: inline ? bytes : null,
      splice: null,
      envelopeFrom,
      recipients,
      kind,
    };
    this.outgoing.push(entry);
    if (!inline) this.track(this.ctx.store.blobs.put(bytes).then((sha) => (entry.sha256 = sha)));
  }

  /** R10, R13 (and R11 for a held message): the notice goes to the seller's customer-service address only. */
  async bounceNotice(
    seller: Seller,
    pair: Pair,
    subject: string,
    decision: Decision,
    inReplyTo: string | null,
  ): Promise<void> {
    const relayMessageId = newMessageId(this.ctx.domain);
    const bytes = await bounceNotice(
      {
        language: seller.language,
        sellerEmail: seller.email,
        shopName: seller.name,
        fromAddress: `postmaster@${this.ctx.domain}`,
        domain: this.ctx.domain,
        messageId: relayMessageId,
      },
      { subject, alias: this.ctx.addresses.aliasAddress(pair.alias), decision, inReplyTo },
    );
    this.notice = { sha256: await this.ctx.store.blobs.put(bytes), relayMessageId, subject, size: bytes.length };
  }

  async write(
    w: WriteInput,
  ): Promise<{ id: number; conversationId: number; verdict: RecordVerdict; decision: Decision }> {
    await Promise.all(this.writes);
    const result = await this.ctx.store.commits.run(() => this.writeSync(w));
    if (this.queued.length > 0) this.ctx.signals.emit('queued', this.queued);
    for (const m of this.recorded) this.ctx.signals.emit('recorded', m);
    return result;
  }

  private writeSync(w: WriteInput): { id: number; conversationId: number; verdict: RecordVerdict; decision: Decision } {
    const { ctx } = this;
    const parsed = this.parsed!;
    let { verdict, decision } = w;
    if (w.recheck) {
      const again = w.recheck();
      if (again.verdict === 'reject') {
        verdict = 'reject';
        decision = again;
        this.outgoing.length = 0;
      }
    }
    const conversationId = ctx.pairs.ensureConversation(w.pair.id, w.startedBy, parsed.subject);
    const removed = new Map(decision.attachments.map((a, i) => [i, a]));
    const { id } = ctx.record.append({
      sellerId: w.seller.id,
      conversationId,
      direction: w.direction,
      via: w.via,
      envelopeFrom: w.envelopeFrom,
      envelopeTo: w.envelopeTo,
      fromName: w.fromName,
      subject: parsed.subject,
      messageId: parsed.messageId,
      relayMessageId: w.relayMessageId,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      text: parsed.text,
      rawSha256: this.rawSha256,
      rawSize: this.raw.length,
      auth: w.auth,
      verdict,
      decision,
      attachments: parsed.attachments.map((a, i) => ({
        filename: a.filename,
        declaredType: a.declaredType,
        sniffedType: removed.get(i)?.sniffedType ?? 'unknown',
        size: a.size,
        sha256: a.sha256,
        removed: removed.get(i)?.action === 'remove',
        removedWhy: removed.get(i)?.reason,
        inRaw: this.attachmentsInRaw
          ? { start: a.part.bodyStart, end: a.part.bodyEnd, encoding: a.part.transferEncoding }
          : undefined,
      })),
    });
    this.recorded.push({
      id,
      conversationId,
      sellerId: w.seller.id,
      direction: w.direction,
      fromName: w.fromName,
      subject: parsed.subject,
      alias: w.pair.alias,
      buyerName: w.pair.buyerName,
      buyerAddress: w.pair.buyerEmail,
    });
    for (const o of this.outgoing) {
      ctx.enqueueDelivery(
        {
          messageId: id,
          kind: o.kind,
          envelopeFrom: o.envelopeFrom,
          recipients: o.recipients,
          blobSha256: o.sha256,
          content: o.content,
          splice: o.splice && { sha256: this.rawSha256, ...o.splice },
          lifetimeMs: ctx.queueLifetimeMs,
        },
        this.queued,
      );
    }
    if (this.notice && (verdict === 'block' || verdict === 'held')) this.writeNotice(w, conversationId, verdict);
    if (w.important) logImportantUse(ctx, w.seller.id, id, w.important, verdict, decision);
    w.inTransaction?.();
    return { id, conversationId, verdict, decision };
  }

  private writeNotice(w: WriteInput, conversationId: number, verdict: RecordVerdict): void {
    const n = this.notice!;
    const { id } = this.ctx.record.append({
      sellerId: w.seller.id,
      conversationId,
      direction: 'relay-to-seller',
      via: 'automatic',
      envelopeFrom: '',
      envelopeTo: [w.seller.email],
      fromName: 'Parley',
      subject: n.subject,
      messageId: n.relayMessageId,
      relayMessageId: n.relayMessageId,
      inReplyTo: w.relayMessageId,
      references: [w.relayMessageId],
      text: '',
      rawSha256: n.sha256,
      rawSize: n.size,
      auth: null,
      verdict: 'deliver',
      decision: { notice: verdict === 'held' ? 'held' : 'bounce', for: w.relayMessageId },
      attachments: [],
    });
    this.recorded.push({
      id,
      conversationId,
      sellerId: w.seller.id,
      direction: 'relay-to-seller',
      fromName: 'Parley',
      subject: n.subject,
      alias: w.pair.alias,
      buyerName: w.pair.buyerName,
      buyerAddress: w.pair.buyerEmail,
    });
    this.ctx.enqueueDelivery(
      {
        messageId: id,
        kind: 'bounce-notice',
        envelopeFrom: '',
        recipients: [w.seller.email],
        blobSha256: n.sha256,
        lifetimeMs: this.ctx.queueLifetimeMs,
      },
      this.queued,
    );
  }
}

/**
 * R11: every use of [Important] or "Additional information required", with the classifier's
 * verdict and whether the seller overrode the warning. Call inside the transaction.
 */
export function logImportantUse(
  ctx: CoreContext,
  sellerId: string,
  messageId: number,
  use: ImportantUse,
  verdict: RecordVerdict,
  decision: Decision,
): void {
  const kinds: ImportantUseRow['kind'][] = [];
  if (findImportantTags(use.subject).length > 0) kinds.push('important-tag');
  if (checkAdditionalInfo(use).applies) kinds.push('additional-info');
  for (const kind of kinds)
    ctx.importantUses.add({
      sellerId,
      messageId,
      kind,
      subject: use.subject,
      category: decision.category.category,
      necessary: decision.category.necessary,
      verdict,
      override: use.override ?? null,
    });
}
