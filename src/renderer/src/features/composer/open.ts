/**
 * What the composer loads when it opens: the conversation (orders for the picker, the buyer's
 * name, the message a reply quotes) and, for a draft, the stored fields exactly as saved.
 * A buyer has one draft per purpose (a reply, or a new message whatever its reason): Reply and
 * New message reopen it rather than start a second one (the store keeps it so too: core/app/drafts.ts).
 * Pure loaders: they return the state to show and leave the store to the store.
 */
import type { ConversationDetail, DraftView } from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';
import { replyBody, replySubject } from '../../../../shared/quote';
import { EMPTY_FORM, fromDraft } from './form';
import type { ComposerState } from './store';
import { getConversation, getDraft, getSignature, listDrafts } from './api';
import { withSignature } from './templates';

type Loaded = Partial<ComposerState>;

function aboutConversation(detail: ConversationDetail): Loaded {
  const c = detail.conversation;
  return { orders: detail.orders, buyerLabel: c.buyerName ? `${c.buyerName} · ${c.alias}` : c.alias };
}

function restored(draft: DraftView, sellerLanguage: Language): Loaded {
  return {
    mode: draft.replyToMessageId !== null ? 'reply' : 'new',
    form: fromDraft(draft),
    sellerLanguage,
    save: { state: 'saved', at: draft.updatedAt, error: null, retryInMs: null },
  };
}

/**
 * A reply (R10a): "Re:" subject, the original quoted under room to write. An unsent reply in this conversation is
 * reopened instead (the one to this message first).
 */
export async function loadReply(
  conversationId: number,
  replyToMessageId: number,
  sellerLanguage: Language,
): Promise<Loaded> {
  const [detail, drafts] = await Promise.all([
    getConversation({ id: conversationId }),
    listDrafts().catch(() => [] as DraftView[]),
  ]);
  const replies = drafts.filter((d) => d.conversationId === conversationId && d.replyToMessageId !== null);
  const existing = replies.find((d) => d.replyToMessageId === replyToMessageId) ?? replies[0];
  if (existing) return { ...aboutConversation(detail), ...restored(existing, sellerLanguage) };
  const original = detail.messages.find((m) => m.id === replyToMessageId);
  if (!original) throw new Error(`message ${replyToMessageId} is not in this conversation`);
  return {
    ...aboutConversation(detail),
    mode: 'reply',
    sellerLanguage,
    form: {
      ...EMPTY_FORM,
      conversationId,
      replyToMessageId,
      subject: replySubject(original.subject),
      body: replyBody(original, sellerLanguage),
    },
  };
}

/** The shop's signature in its language; none when it cannot be read (the message matters more). */
async function signature(language: Language): Promise<string> {
  try {
    return (await getSignature({ language })).body;
  } catch {
    return '';
  }
}

const localPart = (alias: string) => alias.trim().toLowerCase().split('@')[0];

/** The unsent new message (not a reply) to this buyer, newest first as the store lists them. */
async function newMessageDraft(opts: { alias?: string; conversationId?: number }): Promise<DraftView | undefined> {
  if (opts.conversationId === undefined && !opts.alias?.trim()) return undefined;
  const drafts = await listDrafts().catch(() => [] as DraftView[]);
  return drafts.find(
    (d) =>
      d.replyToMessageId === null &&
      (opts.conversationId !== undefined
        ? d.conversationId === opts.conversationId
        : d.alias !== null && localPart(d.alias) === localPart(opts.alias!)),
  );
}

/**
 * A new message to a buyer about an order: topic 'other' until the seller picks one; the signature below. The buyer's
 * unsent new message is reopened instead, whatever its reason.
 */
export async function loadNew(
  opts: { alias?: string; orderId?: string; conversationId?: number },
  sellerLanguage: Language,
): Promise<Loaded> {
  const existing = await newMessageDraft(opts);
  if (existing) return reopened(existing, sellerLanguage);
  const form = {
    ...EMPTY_FORM,
    body: withSignature('', await signature(sellerLanguage)),
    alias: opts.alias,
    orderId: opts.orderId,
    conversationId: opts.conversationId,
    topic: 'other' as const,
  };
  if (opts.conversationId === undefined) {
    return { mode: 'new', form, sellerLanguage, buyerLabel: opts.alias ?? null, orders: [], askRecipient: !opts.alias };
  }
  const detail = await getConversation({ id: opts.conversationId });
  const onlyOrder = detail.orders.length === 1 ? detail.orders[0].orderId : undefined;
  return {
    ...aboutConversation(detail),
    mode: 'new',
    sellerLanguage,
    form: { ...form, orderId: opts.orderId ?? onlyOrder },
  };
}

/** A stored draft, field for field; the conversation only adds the picker's orders and the buyer's name. */
async function reopened(draft: DraftView, sellerLanguage: Language): Promise<Loaded> {
  let about: Loaded = { orders: [], buyerLabel: draft.buyerName ?? draft.alias };
  if (draft.conversationId !== null) {
    try {
      about = aboutConversation(await getConversation({ id: draft.conversationId }));
    } catch {
      // The draft is what matters; the picker falls back to the draft's own order number.
    }
  }
  return { ...about, ...restored(draft, sellerLanguage) };
}

export async function loadDraft(id: number, sellerLanguage: Language): Promise<Loaded> {
  return reopened(await getDraft({ id }), sellerLanguage);
}
