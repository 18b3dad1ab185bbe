/**
 * The one contract between the UI and the backend (DESIGN.md "One contract, two transports").
 * Every call the renderer can make is listed here once: its name, the zod schema of its input
 * and the type of its output. The Electron IPC binding, the preload client, the HTTP bridge and
 * its browser client are all built by looping over `CONTRACT`; nothing is wired by hand twice.
 *
 * Rules of the road:
 * - Inputs are parsed with their schema on the backend side of every transport.
 * - Outputs are plain JSON (no Date, no Buffer: bytes travel as base64 strings).
 * - A failure crosses as `{ code, message, key?, params? }` (ContractError); never a stack or raw SQL error.
 * - The renderer never sees a buyer's real address: buyers are shown by name and alias.
 */
import { z } from 'zod';
import { call } from './contract-call.js';
import { RECORD_CALLS } from './contract-calls-records.js';
import { EVENT_NAME_LIST, type CALL_NAME_LIST } from './contract-names.js';
import { FILTERS, REPORT_REASONS, type FilterCounts } from './vocabulary.js';
import type {
  AppStatus,
  ConversationRow,
  ListResult,
  ConversationDetail,
  MessageBody,
  AttachmentContent,
  FileCheck,
  DraftView,
  DryRun,
  SendResult,
  ReleaseResult,
  OutboxView,
  SmarthostTest,
  PostmasterMailView,
  PostmasterMessage,
  ServedDomain,
  ShopList,
} from './contract-types.js';
import type { ContractEvents } from './contract-events.js';
import type { HeldIntakeView, IntakeAccountView, IntakeStatus, IntakeTestResult } from './contract-intake.js';
import type { FilledTemplate, SignatureView, TemplateView } from './contract-templates.js';
import { BACKUP_SCHEDULES, type BackupView, type StoreCheckView } from './contract-backup.js';
import {
  id,
  email,
  smarthostUrl,
  fingerprint,
  base64,
  empty,
  intakeAccountSchema,
  draftInputSchema,
  templateInputSchema,
  sendInputSchema,
  sellerUpdateSchema,
  relayUpdateSchema,
  uiUpdateSchema,
} from './contract-schemas.js';

export * from './vocabulary.js';
export * from './contract-types.js';
export * from './contract-overviews.js';
export * from './contract-mail-import.js';
export * from './contract-intake.js';
export * from './contract-templates.js';
export * from './contract-backup.js';

export type { ContractError } from './errors.js';

export {
  intakeAccountSchema,
  draftFileSchema,
  draftInputSchema,
  templateInputSchema,
  sendInputSchema,
  sellerUpdateSchema,
  relayUpdateSchema,
  uiUpdateSchema,
} from './contract-schemas.js';
export type { IntakeAccountInput, DraftInput, TemplateInput, SendInput } from './contract-schemas.js';

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

export type { CallDef } from './contract-call.js';

export const CONTRACT = {
  // App and first run
  'app.status': call<AppStatus>()(empty),
  /**
   * Settings' "Open logs folder": the desktop app opens the folder of its log (`logs/` in the data folder: relay,
   * outbox, intake, internal errors; never a buyer's address or a secret) in the system's file manager. The web bridge
   * cannot: `opened` is false there, and Settings shows `folder` to copy.
   */
  'app.openLogFolder': call<{ folder: string; opened: boolean }>()(empty),
  'setup.demo': call<AppStatus>()(empty),
  'setup.shop': call<AppStatus>()(
    z
      .object({
        name: z.string().trim().min(1).max(200),
        email,
        language: z.enum(['de', 'en']),
        domain: relayUpdateSchema.shape.domain.unwrap().optional(),
        smarthost: smarthostUrl.optional(),
        smarthostUser: z.string().max(254).optional(),
        smarthostPassword: z.string().max(1000).optional(),
        /** "Trust this certificate" after the connection test showed a self-signed one. */
        smarthostFingerprint: fingerprint.optional(),
      })
      .strict(),
  ),
  'smarthost.test': call<SmarthostTest>()(
    z
      .object({
        url: smarthostUrl,
        user: z.string().max(254).optional(),
        password: z.string().max(1000).optional(),
        /** The certificate to trust for this test; absent: the stored one if the host is the stored smarthost's. */
        fingerprint: fingerprint.nullable().optional(),
      })
      .strict(),
  ),

  // Several shops in one store: the switcher in the top bar
  /** Every shop with its "response needed" count, and which one the app shows. */
  'shops.list': call<ShopList>()(empty),
  /** Shows one shop (its inbox, counts, orders, performance, Settings) or 'all' of them; kept across restarts. */
  'shops.select': call<AppStatus>()(
    z.object({ shop: z.union([z.literal('all'), z.string().min(1).max(100)]) }).strict(),
  ),

  // IMAP intake: the mailboxes buyer mail is read from
  'intake.list': call<IntakeAccountView[]>()(empty),
  'intake.status': call<IntakeStatus[]>()(empty),
  /** Connects, logs in and opens the folder without keeping anything; a failure is an `intake.*` key in words. */
  'intake.test': call<IntakeTestResult>()(intakeAccountSchema),
  /** Tests, keeps the password in the secret store, and starts reading the folder. */
  'intake.add': call<IntakeAccountView>()(intakeAccountSchema),
  /** Stops reading it; what was recorded stays. Returns the mailboxes left. */
  'intake.remove': call<IntakeAccountView[]>()(z.object({ id }).strict()),
  /** "Check now": a polling or retrying mailbox looks at once (all of the shop's, without an id). */
  'intake.check': call<{ ok: true }>()(z.object({ id: id.optional() }).strict()),
  /** The messages held in `Parley/Held`, newest first, without their senders (R5). */
  'intake.held': call<HeldIntakeView[]>()(empty),

  // Inbox
  'inbox.counts': call<FilterCounts>()(empty),
  'inbox.list': call<ListResult>()(
    z
      .object({
        filter: z.enum(FILTERS),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** One box: alias, order number, buyer name, or words of the messages (FTS5). */
  'inbox.search': call<ConversationRow[]>()(
    z
      .object({
        query: z.string().trim().min(1).max(200),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ),
  'conversation.get': call<ConversationDetail>()(z.object({ id }).strict()),
  'message.body': call<MessageBody>()(z.object({ id }).strict()),
  'attachment.get': call<AttachmentContent>()(z.object({ messageId: id, attachmentId: id }).strict()),
  'message.report': call<{ reportId: number }>()(
    z
      .object({
        messageId: id,
        reason: z.enum(REPORT_REASONS),
        note: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  'message.noResponse': call<{ ok: true }>()(z.object({ messageId: id }).strict()),
  /** R11: a seller message held for [Important] goes after all, decided again as confirmed. */
  'message.release': call<ReleaseResult>()(z.object({ messageId: id }).strict()),

  // Composer, drafts and outbox
  'files.check': call<FileCheck>()(
    z
      .object({
        name: z.string().min(1).max(255),
        type: z.string().max(255).default(''),
        dataBase64: base64,
      })
      .strict(),
  ),
  'drafts.list': call<DraftView[]>()(empty),
  'drafts.get': call<DraftView>()(z.object({ id }).strict()),
  'drafts.save': call<DraftView>()(draftInputSchema),
  'drafts.delete': call<{ ok: true }>()(z.object({ id }).strict()),
  'composer.check': call<DryRun>()(draftInputSchema),
  /**
   * Sends through the outbox; on success the draft `id` is deleted. A message R11 would hold is
   * refused with ECONFIRM (nothing sent or recorded) unless `confirm` is true.
   */
  'composer.send': call<SendResult>()(sendInputSchema),
  // Saved replies and signatures
  /** The shop's saved replies; with a conversation, those of the conversation's shop (the "all shops" view). */
  'templates.list': call<TemplateView[]>()(z.object({ conversationId: id.optional() }).strict()),
  /** Saves (by id, else by name) and runs the policy classifier: a flagged template is saved with its warning. */
  'templates.save': call<TemplateView>()(templateInputSchema),
  'templates.remove': call<{ ok: true }>()(z.object({ id }).strict()),
  /** The template filled for a conversation (or a buyer's alias): the buyer's name and latest order. */
  'templates.fill': call<FilledTemplate>()(
    z
      .object({
        id,
        conversationId: id.optional(),
        alias: z.string().max(300).optional(),
        orderId: z.string().max(100).optional(),
      })
      .strict(),
  ),
  /** The shop's signature in `language` (default: the shop's language); '' when none is set. */
  'signature.get': call<SignatureView>()(z.object({ language: z.enum(['de', 'en']).optional() }).strict()),
  /** An empty body removes it. */
  'signature.set': call<SignatureView>()(
    z.object({ language: z.enum(['de', 'en']), body: z.string().max(5000) }).strict(),
  ),
  'outbox.list': call<OutboxView[]>()(empty),
  'outbox.retry': call<OutboxView>()(z.object({ id }).strict()),
  'outbox.cancel': call<OutboxView>()(z.object({ id }).strict()),

  // Postmaster (RFC 5321): the admin view in Settings
  /** Mail to postmaster@ the relay domain, newest first; it is never forwarded. */
  'postmaster.list': call<PostmasterMailView[]>()(empty),
  /** One of them as plain text: its header and its text, HTML turned into text. */
  'postmaster.read': call<PostmasterMessage>()(z.object({ id }).strict()),

  // Backup (Settings) and the integrity check at start
  'backup.get': call<BackupView>()(empty),
  /** folder: a full path (null clears it); time: "HH:MM" for the daily schedule. */
  'backup.set': call<BackupView>()(
    z
      .object({
        folder: z.string().max(4096).nullable().optional(),
        schedule: z.enum(BACKUP_SCHEDULES).optional(),
        time: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
          .optional(),
      })
      .strict(),
  ),
  /** The desktop app's folder dialog; the chosen folder is saved (cancelled: unchanged). */
  'backup.chooseFolder': call<BackupView>()(empty),
  /** A backup now, into a new folder inside the chosen one; `last` says how it went. */
  'backup.run': call<BackupView>()(empty),
  'store.check': call<StoreCheckView>()(empty),
  /** After a failed check: keep the app open with the relay and the intake off. */
  'store.continueReadOnly': call<StoreCheckView>()(empty),
  /** After a failed check: the last good backup replaces the store (the damaged one is kept aside). */
  'store.restoreLast': call<StoreCheckView>()(empty),

  // Settings
  'settings.update': call<AppStatus>()(
    z
      .object({
        seller: sellerUpdateSchema.optional(),
        relay: relayUpdateSchema.optional(),
        ui: uiUpdateSchema.optional(),
      })
      .strict(),
  ),
  /**
   * A new submission password for the shop in view (its mail client's login), shown once: only its hash stays in the
   * store (and the password in the secrets), never in a status.
   */
  'seller.resetPassword': call<{ user: string; password: string }>()(empty),
  /**
   * The web bridge's "New link": a new token for this data folder (the old link stops working at once). The token is
   * kept with the secrets, so the link survives a restart until it is renewed.
   */
  'bridge.newLink': call<{ token: string }>()(empty),
  /** Every relay domain the store has served, the current one first: addresses under each still take mail. */
  'domains.list': call<ServedDomain[]>()(empty),
  /**
   * Makes a relay domain current (new addresses use it; those handed out under the old ones keep working). The relay
   * restarts; the status carries the new relay address.
   */
  'domains.set': call<AppStatus>()(z.object({ domain: relayUpdateSchema.shape.domain.unwrap() }).strict()),
  'senders.add': call<string[]>()(z.object({ email }).strict()),
  'senders.remove': call<string[]>()(z.object({ email }).strict()),

  // Orders, performance, reports, record, old mail, links: contract-calls-records.ts
  ...RECORD_CALLS,
} as const;

export type Contract = typeof CONTRACT;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(CONTRACT) as CallName[];

// contract-names.ts lists the same names for the zod-free preload; this fails to compile when the two differ.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type CallNameListMatchesContract = Assert<SameSet<CallName, (typeof CALL_NAME_LIST)[number]>>;

export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** The input after its schema parsed it (defaults applied): what the backend receives. */
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K]['output'];

// ---------------------------------------------------------------------------------------------
// Push events (backend → UI): their payloads in contract-events.ts
// ---------------------------------------------------------------------------------------------

export type { ContractEvents } from './contract-events.js';
export type EventName = keyof ContractEvents;
/** Every push event by name, at run time: what the transports' clients subscribe to. */
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;

// contract-names.ts lists the event names for the zod-free preload and the clients; this fails to compile when an
// event of ContractEvents is missing there or a name there is no event.
export type EventNameListMatchesContract = Assert<SameSet<EventName, (typeof EVENT_NAME_LIST)[number]>>;

/** What the renderer programs against: `window.parley` in Electron, the HTTP bridge client in a browser. */
export type ParleyApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>>;
} & {
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, handler: (payload: ContractEvents[E]) => void): () => void;
  /** 'electron' or 'http'. */
  readonly transport: 'electron' | 'http';
};

/** The backend side every transport binds: one method per call, given the parsed input. */
export type ContractHandlers = {
  [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K>;
};

/** Subscribes a backend listener to all events; the transports forward them. */
export interface EventSource {
  onEvent(listener: <E extends EventName>(event: E, payload: ContractEvents[E]) => void): () => void;
}
