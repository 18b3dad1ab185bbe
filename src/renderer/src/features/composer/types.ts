/**
 * The composer's state as components and actions see it: the form, what was loaded with it, the
 * draft's save state, the dry run, the attachments being checked or refused, and the send.
 */
import type { DryRun, OrderView } from '../../../../shared/contract';
import type { Decision, DeliveryState, Language, ReasonParams, RuleId } from '../../../../shared/domain';
import type { RefusedFile } from './files';
import type { ComposerForm } from './form';

export type Mode = 'reply' | 'new';

export interface SaveStatus {
  state: 'idle' | 'saving' | 'saved' | 'failed';
  /** ISO time of the last successful save. */
  at: string | null;
  error: string | null;
  retryInMs: number | null;
}

export interface SendError {
  code: string;
  message: string;
  /** The backend's message key ('send.refused' …), when it sent one. */
  key?: string;
}

/** What the seller is told after a send, shown briefly once the composer has closed. */
export interface SentNotice {
  messageId: number;
  /** The outbox's state for it, followed live after the send ('delivery.changed'). */
  state: DeliveryState;
  /** ISO time of the next try while it waits (queued or deferred). */
  nextAttemptAt?: string | null;
  subject: string;
  /** The policy's reasons as codes with params: the notice words them in the UI language (policy-words). */
  reasons: { rule: RuleId; code: string; params?: ReasonParams }[];
  /** The buyer's name for those words, null when unknown. */
  buyer: string | null;
  /** The shop's marketplace language: its [Important] tag in the words. */
  sellerLanguage: Language;
}

/** R11: Send was pressed on a message Parley would hold; the seller decides in the confirmation. */
export interface ConfirmRequest {
  /** The live check that asks (category, phrases, the R11 words); null when only the backend's refusal is known. */
  decision: Decision | null;
  /** The backend's words (ECONFIRM), when it asked rather than the live check. */
  message: string;
}

export interface ComposerState {
  isOpen: boolean;
  /** Bumped on every open: components reset their local state (focus, caret) by it. */
  openCount: number;
  loading: boolean;
  loadError: string | null;
  mode: Mode;
  form: ComposerForm;
  /** The buyer's orders in this conversation, for the order picker. */
  orders: OrderView[];
  /** Buyer name or alias, for the header. */
  buyerLabel: string | null;
  /** Opened with nobody to write to (c with no conversation): the composer asks for the alias. */
  askRecipient: boolean;
  /** The seller's marketplace language: [Important] or [Wichtig] (R10d). */
  sellerLanguage: Language;
  save: SaveStatus;
  dryRun: { state: 'idle' | 'checking' | 'done' | 'error'; result: DryRun | null; error: string | null };
  /** Names of files being read and checked right now. */
  checkingFiles: string[];
  refused: RefusedFile[];
  sending: boolean;
  sendError: SendError | null;
  /** R11: the confirmation is open ("Send anyway" or Cancel). */
  confirm: ConfirmRequest | null;
  sent: SentNotice | null;
  /** A draft closed while the store was unreachable: kept on this device, saved when it is back. */
  keptOnDevice: boolean;
  /** Bumped whenever a draft is stored, sent or deleted: the Drafts list reads again. */
  draftsVersion: number;

  openReply(opts: { conversationId: number; replyToMessageId: number }): Promise<void>;
  openNew(opts: { alias?: string; orderId?: string; conversationId?: number }): Promise<void>;
  openDraft(id: number): Promise<void>;
  /** Saves a dirty draft, then closes. */
  close(): Promise<void>;
  update(patch: Partial<ComposerForm>): void;
  /** The subject typed: ticks or unticks [Important]/[Wichtig] as the tag appears in it or goes (R10d). */
  setSubject(subject: string): void;
  /** Ticks or unticks [Important]/[Wichtig] (R10d) and adds the tag to the subject or removes it from there. */
  setImportant(important: boolean): void;
  /** Saves at once (blur, window hidden). */
  saveNow(): Promise<boolean>;
  send(): Promise<void>;
  /** R11: "Send anyway" in the confirmation: sends with `confirm: true`. */
  sendAnyway(): Promise<void>;
  /** R11: Cancel in the confirmation: nothing is sent, the text stays. */
  cancelConfirm(): void;
  /** Deletes the stored draft and closes without saving. */
  discard(): Promise<void>;
  dismissSent(): void;
  /** Internal: the loader and the attachment flow write through this. */
  patchState(patch: Partial<ComposerState>): void;
}
