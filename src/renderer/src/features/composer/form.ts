/**
 * The composer's fields and their two translations: to the contract's DraftInput (saved, dry-run
 * and sent alike, so what the seller sees checked is what is sent) and back from a stored draft,
 * field for field, so a reopened draft is exactly what was left.
 */
import type { DraftFile, DraftInput, DraftView, Topic } from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';

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

/** R10d's tag as the seller's marketplace spells it. */
export const importantTag = (language: Language): string => (language === 'de' ? '[Wichtig]' : '[Important]');

/**
 * The tag as a seller may type it: either word, any case, spaces inside the brackets. Only the form without spaces
 * counts for R10d (core/policy/tags.ts), so a spaced one is tightened as soon as its bracket closes.
 */
const TAG_VARIANT = /\[\s*(important|wichtig)\s*\]/giu;

export function hasImportantTag(subject: string): boolean {
  return new RegExp(TAG_VARIANT.source, 'iu').test(subject);
}

/** The subject typed: the [Important]/[Wichtig] box follows the tag in it (typed, pasted or deleted). */
export function withSubject(form: ComposerForm, subject: string): ComposerForm {
  const tightened = subject.replace(TAG_VARIANT, (_all, word: string) => `[${word}]`);
  return { ...form, subject: tightened, important: hasImportantTag(tightened) };
}

/**
 * The box ticked or unticked: the subject gains the tag in front or loses every spelling of it, so the field and the
 * box never disagree. With a reason chosen the subject field is hidden and the sent subject gets the tag from
 * composeSubject; the hidden subject follows all the same, for when the seller goes back to a subject of their own.
 */
export function withImportant(form: ComposerForm, important: boolean, language: Language): ComposerForm {
  if (important) {
    const subject = hasImportantTag(form.subject) ? form.subject : `${importantTag(language)} ${form.subject}`;
    return { ...form, important, subject: subject.replace(TAG_VARIANT, (_all, word: string) => `[${word}]`) };
  }
  return {
    ...form,
    important,
    subject: form.subject
      .replace(TAG_VARIANT, ' ')
      .replace(/\s{2,}/gu, ' ')
      .trim(),
  };
}

/**
 * A loaded form whose flag and subject disagree (a draft saved before they were kept in sync, a reply to a subject
 * with the tag): either one marks it important, and the other follows.
 */
export function inSync(form: ComposerForm, language: Language): ComposerForm {
  const important = form.important || hasImportantTag(form.subject);
  return form.important === important && important === hasImportantTag(form.subject)
    ? form
    : withImportant(form, important, language);
}
