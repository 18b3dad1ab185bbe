/**
 * One conversation as the seller reads it: every message in order with its delivery state (R8),
 * the rules that blocked or refused it in plain words, its attachments (R15), report and
 * no-response marks (R18, R19), the pair's orders (R3); plus a message's HTML and an
 * attachment's bytes. Nothing here names the buyer's real address (R5).
 */
import type {
  AttachmentContent,
  AttachmentView,
  ConversationDetail,
  MessageBody,
  MessageView,
  ReasonView,
} from '../../../shared/contract.js';
import type { DeliveryState, Language, ReasonParams, Warning } from '../../../shared/domain.js';
import { RULE_IDS, RULE_TEXT, type RuleId } from '../../../shared/rules.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { sniff } from '../policy/sniff.js';
import type { ConversationPair, MessageDelivery, StoredMessage } from '../store/conversations.js';
import { orderView } from '../store/orders.js';
import type { Seller } from '../store/sellers.js';
import { conversationRows, labelOf } from './inbox.js';
import type { MimeViews } from './mime-view.js';
import { scrubber, type Scrub } from './privacy.js';
import { contentTypeFor, sniffedLabel } from './file-types.js';

const isRule = (r: unknown): r is RuleId => (RULE_IDS as readonly string[]).includes(r as string);

/** A conversation of this seller, with the buyer's address and alias for scrubbing. */
function conversationPair(ctx: CoreContext, sellerId: string, id: number): ConversationPair {
  const pair = ctx.conversations.pairOf(sellerId, id);
  if (!pair)
    throw new ParleyError('ENOTFOUND', `no conversation ${id}`, {
      detail: { key: 'conversation.notFound', params: { id } },
    });
  return pair;
}

/** R8; a held message the seller released (R11) is as far as its delivery is. */
function stateOf(verdict: string, item: MessageDelivery | undefined, released: boolean): DeliveryState {
  if (verdict === 'held') return released ? (item?.state ?? 'queued') : 'held';
  if (verdict === 'block') return 'blocked';
  if (verdict === 'reject') return 'rejected';
  return item?.state ?? 'delivered';
}

/**
 * Rule by rule in the UI language: German from RULE_TEXT, English with the decision's own, more
 * specific words. An R11 hold is worded in the shop's language (it says how to release the
 * message), so it keeps its words whenever the UI speaks that language.
 */
function reasonsOf(
  decision: Record<string, unknown>,
  language: Language,
  sellerLanguage: Language,
  scrub: Scrub,
): ReasonView[] {
  const reasons = Array.isArray(decision.reasons)
    ? (decision.reasons as { rule: unknown; code?: string; message?: string; params?: ReasonParams }[])
    : [];
  return reasons
    .filter((r) => isRule(r.rule))
    .map((r) => {
      const rule = r.rule as RuleId;
      const own = language === 'en' || (r.code === 'important-needs-confirmation' && language === sellerLanguage);
      const message = own && r.message ? r.message : RULE_TEXT[rule][language];
      const params = r.params
        ? Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, typeof v === 'string' ? scrub(v) : v]))
        : undefined;
      return { rule, code: r.code ?? '', message: scrub(message), ...(params ? { params } : {}) };
    });
}

/** SPF, DKIM, DMARC verdicts as words; anything else the checker noted stays inside. */
function authOf(json: string | null): Record<string, string> | null {
  if (!json) return null;
  const all = JSON.parse(json) as Record<string, unknown> | null;
  if (!all || typeof all !== 'object') return null;
  const out: Record<string, string> = {};
  for (const key of ['spf', 'dkim', 'dmarc']) if (typeof all[key] === 'string') out[key] = all[key] as string;
  return Object.keys(out).length > 0 ? out : null;
}

/** The relay recorded that nothing vouches for the From address of this buyer message (relay/sender-auth.ts). */
function senderNotVerifiedOf(json: string | null): boolean {
  if (!json) return false;
  const all = JSON.parse(json) as Record<string, unknown> | null;
  return all?.senderNotVerified === true;
}

export function getConversation(
  ctx: CoreContext,
  seller: Seller,
  id: number,
  language: Language,
  mime: MimeViews,
): ConversationDetail {
  const pair = conversationPair(ctx, seller.id, id);
  const [conversation] = conversationRows(ctx, seller, [id]);
  if (!conversation)
    throw new ParleyError('ENOTFOUND', `no conversation ${id}`, {
      detail: { key: 'conversation.notFound', params: { id } },
    });
  const scrub = scrubber([pair.buyerEmail], conversation.aliasAddress);
  const messages = ctx.conversations.messages(id);
  const outbox = ctx.conversations.deliveries(id);
  const attachments = ctx.conversations.attachments(id);
  const reports = ctx.conversations.activeReports(id);
  const marked = ctx.conversations.markedNoResponse(id);
  const buyer = labelOf(conversation);
  const releases = ctx.releases.forConversation(id);
  // What each side's forwarded copy hid, for the warning on attachments that still name it (R5, R6).
  const sellerAddresses = [seller.email, ...ctx.sellers.authorizedSenders(seller.id)];
  const hiddenIn = (direction: string): string[] =>
    direction === 'buyer-to-seller' ? [pair.buyerEmail] : direction === 'seller-to-buyer' ? sellerAddresses : [];

  const views: MessageView[] = messages.map((m) => {
    const decision = JSON.parse(m.decision) as Record<string, unknown>;
    const item = outbox.get(m.id);
    const release = releases.get(m.id);
    const state = stateOf(m.verdict, item, release !== undefined);
    const heldSellerMessage = m.verdict === 'held' && m.direction === 'seller-to-buyer';
    const own = attachments.filter((a) => a.messageId === m.id);
    const facts = mime.facts(m.id, m.rawSha256, m.rawSize, hiddenIn(m.direction));
    const report = reports.get(m.id);
    return {
      id: m.id,
      conversationId: id,
      direction: m.direction,
      via: m.via,
      fromLabel:
        m.direction === 'buyer-to-seller'
          ? buyer
          : m.direction === 'seller-to-buyer'
            ? m.fromName || seller.name
            : 'Parley',
      subject: scrub(m.subject),
      receivedAt: m.receivedAt,
      text: scrub(textOf(m, mime)),
      hasHtml: facts.hasHtml,
      state,
      attempts: item?.attempts ?? 0,
      nextAttemptAt: item && (state === 'queued' || state === 'deferred') ? item.nextAttemptAt : null,
      lastError: item?.lastError ? scrub(item.lastError) : null,
      // A held seller message is held by R11 alone; the exception that would have let it through (R10d) is no reason
      // for holding it.
      reasons:
        m.verdict === 'deliver' || release
          ? []
          : reasonsOf(decision, language, seller.language, scrub).filter((r) => !heldSellerMessage || r.rule === 'R11'),
      warnings: Array.isArray(decision.warnings)
        ? (decision.warnings as Warning[]).map((w) => ({ ...w, message: scrub(w.message) }))
        : [],
      category:
        m.direction === 'seller-to-buyer' && decision.category ? (decision.category as MessageView['category']) : null,
      attachments: own.map((a, i): AttachmentView => ({
        id: a.id,
        filename: scrub(a.filename),
        declaredType: a.declaredType,
        sniffedType: sniffedLabel(a.sniffedType),
        size: a.size,
        removed: a.removed,
        removedWhy: a.removed ? a.removedWhy : null,
        contentId: facts.contentIds[i] ?? null,
        addressInside: facts.addressInside[i] ?? false,
      })),
      reported: report ? { reason: report.reason, note: report.note, at: report.createdAt } : null,
      noResponseNeeded: marked.has(m.id),
      relayMessageId: m.relayMessageId,
      releasable: heldSellerMessage && !release,
      releasedAt: release?.at ?? null,
      auth: m.direction === 'buyer-to-seller' ? authOf(m.auth) : null,
      senderNotVerified: m.direction === 'buyer-to-seller' && senderNotVerifiedOf(m.auth),
    };
  });
  const p = ctx.pairs.byId(pair.pairId)!;
  return {
    conversation,
    messages: views,
    orders: ctx.orders.forPair(pair.pairId).map(orderView),
    buyerOptedOut: p.buyerOptedOut,
  };
}

/** The recorded text; a bounce notice (R13) was recorded without it, so it is read from its stored copy. */
function textOf(m: StoredMessage, mime: MimeViews): string {
  if (m.text || m.direction !== 'relay-to-seller') return m.text;
  try {
    return mime.plainText(m.rawSha256);
  } catch {
    return '';
  }
}

/** A message of this seller, and the scrubber of its conversation. */
function ownMessage(ctx: CoreContext, seller: Seller, id: number): { m: StoredMessage; scrub: Scrub } {
  const m = ctx.conversations.message(id);
  if (!m || m.sellerId !== seller.id)
    throw new ParleyError('ENOTFOUND', `no message ${id}`, { detail: { key: 'message.notFound', params: { id } } });
  if (m.conversationId === null) return { m, scrub: (t) => t };
  const pair = conversationPair(ctx, seller.id, m.conversationId);
  return { m, scrub: scrubber([pair.buyerEmail], ctx.addresses.aliasAddress(pair.alias)) };
}

export function messageBody(ctx: CoreContext, seller: Seller, id: number, mime: MimeViews): MessageBody {
  const { m, scrub } = ownMessage(ctx, seller, id);
  let html: string | null;
  try {
    html = mime.html(m.rawSha256);
  } catch (err) {
    throw new ParleyError('ESTORE', `the stored message ${id} cannot be read: ${(err as Error).message}`, {
      detail: { key: 'message.unreadable', params: { id } },
    });
  }
  return { text: scrub(textOf(m, mime)), html: html === null ? null : scrub(html) };
}

export function attachmentContent(
  ctx: CoreContext,
  seller: Seller,
  messageId: number,
  attachmentId: number,
  mime: MimeViews,
): AttachmentContent {
  const { m, scrub } = ownMessage(ctx, seller, messageId);
  const rows = ctx.conversations.messageAttachments(messageId);
  const index = rows.findIndex((a) => a.id === attachmentId);
  if (index < 0)
    throw new ParleyError('ENOTFOUND', `no attachment ${attachmentId} on message ${messageId}`, {
      detail: { key: 'attachment.notFound', params: { id: attachmentId, messageId } },
    });
  const a = rows[index];
  let bytes: Buffer | null;
  try {
    bytes = ctx.store.blobs.has(a.sha256) ? ctx.store.blobs.get(a.sha256) : mime.attachment(m.rawSha256, index);
  } catch (err) {
    throw new ParleyError('ESTORE', `the attachment "${a.filename}" cannot be read: ${(err as Error).message}`, {
      detail: { key: 'attachment.unreadable', params: { name: a.filename } },
    });
  }
  if (!bytes)
    throw new ParleyError('ENOTFOUND', `the attachment "${a.filename}" is not in the stored message`, {
      detail: { key: 'attachment.missing', params: { name: a.filename } },
    });
  const contentType = contentTypeFor(sniff(bytes.subarray(0, 512)), a.filename, a.declaredType);
  return {
    filename: scrub(a.filename),
    contentType,
    dataBase64: (contentType.startsWith('text/') ? scrubText(bytes, scrub) : bytes).toString('base64'),
  };
}

/** A text file with the buyer's address scrubbed (R5): UTF-8 when it reads as UTF-8, else byte for byte as latin1. */
function scrubText(bytes: Buffer, scrub: Scrub): Buffer {
  let text: string;
  let encoding: 'utf8' | 'latin1' = 'utf8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
    encoding = 'latin1';
  }
  const scrubbed = scrub(text);
  return scrubbed === text ? bytes : Buffer.from(scrubbed, encoding);
}
