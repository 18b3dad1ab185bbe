/**
 * The composer's fields and their two translations: to the contract's DraftInput (saved, dry-run
 * and sent alike, so what the seller sees checked is what is sent) and back from a stored draft,
 * field for field, so a reopened draft is exactly what was left.
 */
import type { DraftFile, DraftInput, DraftView, Topic } from '../../../../shared/contract';

export interface ComposerForm {
  draftId?: number;
  conversationId?: number;
  alias?: string;
  orderId?: string;
  /** New messages only; replies keep their "Re:" subject. */
  topic?: Topic;
  subject: string;
  body: string;
  important: boolean;
  /** R10a: the buyer message this answers. */
  replyToMessageId?: number;
  attachments: DraftFile[];
}

export const EMPTY_FORM: ComposerForm = { subject: '', body: '', important: false, attachments: [] };

/** A composer needs somebody to write to: a conversation or a buyer's alias. */
export function hasRecipient(form: ComposerForm): boolean {
  return form.conversationId !== undefined || Boolean(form.alias);
}

export function toDraftInput(form: ComposerForm): DraftInput {
  const input: DraftInput = {
    subject: form.subject,
    body: form.body,
    important: form.important,
    attachments: form.attachments.map((a) => ({ ...a })),
  };
  if (form.draftId !== undefined) input.id = form.draftId;
  if (form.conversationId !== undefined) input.conversationId = form.conversationId;
  if (form.alias) input.alias = form.alias;
  if (form.orderId) input.orderId = form.orderId;
  if (form.topic) input.topic = form.topic;
  if (form.replyToMessageId !== undefined) input.replyToMessageId = form.replyToMessageId;
  return input;
}

export function fromDraft(draft: DraftView): ComposerForm {
  return {
    draftId: draft.id,
    conversationId: draft.conversationId ?? undefined,
    alias: draft.alias ?? undefined,
    orderId: draft.orderId ?? undefined,
    topic: draft.topic ?? undefined,
    subject: draft.subject,
    body: draft.body,
    important: draft.important,
    replyToMessageId: draft.replyToMessageId ?? undefined,
    attachments: draft.attachments.map((a) => ({ ...a })),
  };
}
