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
import type { DeliveryState, Language, Warning } from '../../../shared/domain.js';
import { RULE_IDS, RULE_TEXT, type RuleId } from '../../../shared/rules.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { sniff } from '../policy/sniff.js';
import type { Seller } from '../store/sellers.js';
import { conversationRows, labelOf } from './inbox.js';
import type { MimeViews } from './mime-view.js';
import { scrubber, type Scrub } from './privacy.js';
import { contentTypeFor, sniffedLabel } from './file-types.js';

interface MessageRow {
  id: number;
  conversation_id: number;
  seller_id: string;
  direction: MessageView['direction'];
  via: MessageView['via'];
  from_name: string | null;
  subject: string;
  received_at: string;
  text: string;
  raw_sha256: string;
  raw_size: number;
  verdict: string;
  decision: string;
  auth: string | null;
  relay_message_id: string;
}
interface AttachmentRow {
  id: number;
  message_id: number;
  filename: string;
  declared_type: string;
  sniffed_type: string;
  size: number;
  sha256: string;
  removed: number;
  removed_why: string | null;
}
interface OutboxRow {
  message_id: number;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

const isRule = (r: unknown): r is RuleId => (RULE_IDS as readonly string[]).includes(r as string);

/** A conversation of this seller, with the buyer's address and alias for scrubbing. */
function conversationPair(
  ctx: CoreContext,
  sellerId: string,
  id: number,
): { pairId: number; alias: string; email: string } {
  const row = ctx.store
    .stmt(
      `SELECT p.id AS pairId, p.alias, b.email FROM conversations c JOIN pairs p ON p.id = c.pair_id JOIN buyers b ON b.id = p.buyer_id
    WHERE c.id = ? AND p.seller_id = ?`,
    )
    .get(id, sellerId) as { pairId: number; alias: string; email: string } | undefined;
  if (!row) throw new ParleyError('ENOTFOUND', `no conversation ${id}`);
  return row;
}

/** R8; a held message the seller released (R11) is as far as its delivery is. */
function stateOf(verdict: string, item: OutboxRow | undefined, released: boolean): DeliveryState {
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
    ? (decision.reasons as { rule: unknown; code?: string; message?: string }[])
    : [];
  return reasons
    .filter((r) => isRule(r.rule))
    .map((r) => {
      const rule = r.rule as RuleId;
      const own = language === 'en' || (r.code === 'important-needs-confirmation' && language === sellerLanguage);
      const message = own && r.message ? r.message : RULE_TEXT[rule][language];
      return { rule, code: r.code ?? '', message: scrub(message) };
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

export function getConversation(
  ctx: CoreContext,
  seller: Seller,
  id: number,
  language: Language,
  mime: MimeViews,
): ConversationDetail {
  const pair = conversationPair(ctx, seller.id, id);
  const [conversation] = conversationRows(ctx, seller, [id]);
  if (!conversation) throw new ParleyError('ENOTFOUND', `no conversation ${id}`);
  const scrub = scrubber([pair.email], conversation.aliasAddress);
  const messages = ctx.store
    .stmt('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id')
    .all(id) as MessageRow[];
  const outbox = new Map(
    (
      ctx.store
        .stmt(
          `SELECT o.message_id, o.state, o.attempts, o.next_attempt_at, o.last_error FROM outbox o
    JOIN messages m ON m.id = o.message_id WHERE m.conversation_id = ? ORDER BY o.id`,
        )
        .all(id) as OutboxRow[]
    ).map((o) => [o.message_id, o]),
  );
  const attachments = ctx.store
    .stmt(
      `SELECT a.* FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ? ORDER BY a.id`,
    )
    .all(id) as AttachmentRow[];
  const reports = new Map(
    (
      ctx.store
        .stmt(
          `SELECT r.message_id, r.reason, r.note, r.created_at FROM reports r JOIN messages m ON m.id = r.message_id
    WHERE m.conversation_id = ? AND r.withdrawn_at IS NULL ORDER BY r.id`,
        )
        .all(id) as { message_id: number; reason: string; note: string | null; created_at: string }[]
    ).map((r) => [r.message_id, r]),
  );
  const marked = new Set(
    ctx.store
      .stmt(
        `SELECT k.message_id FROM message_marks k JOIN messages m ON m.id = k.message_id
    WHERE m.conversation_id = ? AND k.no_response_needed = 1`,
      )
      .pluck()
      .all(id) as number[],
  );
  const buyer = labelOf(conversation);
  const releases = ctx.releases.forConversation(id);

  const views: MessageView[] = messages.map((m) => {
    const decision = JSON.parse(m.decision) as Record<string, unknown>;
    const item = outbox.get(m.id);
    const release = releases.get(m.id);
    const state = stateOf(m.verdict, item, release !== undefined);
    const heldSellerMessage = m.verdict === 'held' && m.direction === 'seller-to-buyer';
    const own = attachments.filter((a) => a.message_id === m.id);
    const facts = mime.facts(m.id, m.raw_sha256, m.raw_size);
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
            ? m.from_name || seller.name
            : 'Parley',
      subject: scrub(m.subject),
      receivedAt: m.received_at,
      text: scrub(textOf(m, mime)),
      hasHtml: facts.hasHtml,
      state,
      attempts: item?.attempts ?? 0,
      nextAttemptAt: item && (state === 'queued' || state === 'deferred') ? item.next_attempt_at : null,
      lastError: item?.last_error ? scrub(item.last_error) : null,
      // A held seller message is held by R11 alone; the exception that would have let it through (R10d) is no reason for holding it.
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
        filename: a.filename,
        declaredType: a.declared_type,
        sniffedType: sniffedLabel(a.sniffed_type),
        size: a.size,
        removed: a.removed === 1,
        removedWhy: a.removed === 1 ? a.removed_why : null,
        contentId: facts.contentIds[i] ?? null,
      })),
      reported: report ? { reason: report.reason, note: report.note, at: report.created_at } : null,
      noResponseNeeded: marked.has(m.id),
      relayMessageId: m.relay_message_id,
      releasable: heldSellerMessage && !release,
      releasedAt: release?.at ?? null,
      auth: m.direction === 'buyer-to-seller' ? authOf(m.auth) : null,
    };
  });
  const p = ctx.pairs.byId(pair.pairId)!;
  return {
    conversation,
    messages: views,
    orders: ctx.orders.forPair(pair.pairId).map((o) => ({
      orderId: o.orderId,
      buyerName: o.buyerName,
      productName: o.productName,
      category: o.category,
      purchasedAt: o.purchasedAt,
      shippedAt: o.shippedAt,
      carrier: o.carrier,
      tracking: o.tracking,
    })),
    buyerOptedOut: p.buyerOptedOut,
  };
}

/** The recorded text; a bounce notice (R13) was recorded without it, so it is read from its stored copy. */
function textOf(m: MessageRow, mime: MimeViews): string {
  if (m.text || m.direction !== 'relay-to-seller') return m.text;
  try {
    return mime.plainText(m.raw_sha256);
  } catch {
    return '';
  }
}

/** A message of this seller, and the scrubber of its conversation. */
function ownMessage(ctx: CoreContext, seller: Seller, id: number): { m: MessageRow; scrub: Scrub } {
  const m = ctx.store.stmt('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
  if (!m || m.seller_id !== seller.id) throw new ParleyError('ENOTFOUND', `no message ${id}`);
  if (m.conversation_id === null) return { m, scrub: (t) => t };
  const pair = conversationPair(ctx, seller.id, m.conversation_id);
  return { m, scrub: scrubber([pair.email], ctx.addresses.aliasAddress(pair.alias)) };
}

export function messageBody(ctx: CoreContext, seller: Seller, id: number, mime: MimeViews): MessageBody {
  const { m, scrub } = ownMessage(ctx, seller, id);
  let html: string | null;
  try {
    html = mime.html(m.raw_sha256);
  } catch (err) {
    throw new ParleyError('ESTORE', `the stored message ${id} cannot be read: ${(err as Error).message}`);
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
  const { m } = ownMessage(ctx, seller, messageId);
  const rows = ctx.store
    .stmt('SELECT * FROM attachments WHERE message_id = ? ORDER BY id')
    .all(messageId) as AttachmentRow[];
  const index = rows.findIndex((a) => a.id === attachmentId);
  if (index < 0) throw new ParleyError('ENOTFOUND', `no attachment ${attachmentId} on message ${messageId}`);
  const a = rows[index];
  let bytes: Buffer | null;
  try {
    bytes = ctx.store.blobs.has(a.sha256) ? ctx.store.blobs.get(a.sha256) : mime.attachment(m.raw_sha256, index);
  } catch (err) {
    throw new ParleyError('ESTORE', `the attachment "${a.filename}" cannot be read: ${(err as Error).message}`);
  }
  if (!bytes) throw new ParleyError('ENOTFOUND', `the attachment "${a.filename}" is not in the stored message`);
  return {
    filename: a.filename,
    contentType: contentTypeFor(sniff(bytes.subarray(0, 512)), a.filename, a.declared_type),
    dataBase64: bytes.toString('base64'),
  };
}
