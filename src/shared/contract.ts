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
import { EVENT_NAME_LIST, type CALL_NAME_LIST } from './contract-names.js';
import { FILTERS, REPORT_REASONS, THEMES, TOPICS, URGENT_CHECKS, type FilterCounts } from './vocabulary.js';
import type {
  RelayStatus,
  AppStatus,
  ConversationRow,
  ListResult,
  MessageView,
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
import type {
  OrderList,
  ImportResult,
  ShipResult,
  PerformanceView,
  ReportView,
  ReportsOverview,
  RecordExport,
  RecordAuthorityExport,
} from './contract-overviews.js';
import type { HeldIntakeView, IntakeAccountView, IntakeStatus, IntakeTestResult } from './contract-intake.js';
import type { FilledTemplate, SignatureView, TemplateView } from './contract-templates.js';
import { BACKUP_SCHEDULES, type BackupView, type StoreCheckView } from './contract-backup.js';

export * from './vocabulary.js';
export * from './contract-types.js';
export * from './contract-overviews.js';
export * from './contract-intake.js';
export * from './contract-templates.js';
export * from './contract-backup.js';

/**
 * A failure as it crosses the boundary (errors.ts): the stable code the UI decides on, the backend's English words, and
 * where the sentence has specifics its message key and params, which the UI words in the seller's language. Key and
 * params are strings on the wire: a renderer may be older or newer than the backend and falls back to the code.
 */
export interface ContractError {
  /** A ParleyError code (ERROR_CODES) or a transport's own (TRANSPORT_ERROR_CODES, the renderer's ENETWORK, …). */
  code: string;
  /** English; for the CLI, logs and a UI that knows neither key nor code. */
  message: string;
  /** ERROR_KEYS: what happened, when the words need specifics. */
  key?: string;
  /** The key's params, by name. */
  params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------------

const id = z.number().int().positive();
const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const hostPort = z.string().regex(/^[\w.:[\]-]+:\d{1,5}$/, 'host:port');
const smarthostUrl = z.string().regex(/^smtps?:\/\/[^/\s]+(\/?\?[\w=&]*)?$/, 'smtp://host:port');
/** A SHA-256 certificate fingerprint, with or without colons; stored as Node prints it ("AB:CD:…"). */
const fingerprint = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s:]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, 'a SHA-256 fingerprint (AB:CD:…)'))
  .transform((hex) => hex.match(/../g)!.join(':'));
const base64 = z
  .string()
  .max(15_000_000)
  .regex(/^[A-Za-z0-9+/=\r\n]*$/, 'base64');
const empty = z.object({}).strict();

/**
 * The IMAP intake's mailbox: `imaps://USER@HOST[:PORT]` (implicit TLS) or `imap://USER@HOST[:PORT]` (STARTTLS). The
 * user may hold an `@` of its own (a login that is an address): the host is what follows the last one.
 */
const imapUrl = z
  .string()
  .trim()
  .max(1000)
  .regex(/^imaps?:\/\/[^\s/?#]+@(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?\/?$/i, 'imaps://user@host:993');
const intakeFolder = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^\P{Cc}+$/u, 'a folder name'); // no control characters: a line break would end the IMAP command
/** SHA-256 of a certificate, as browsers and openssl print it: 32 hex pairs with colons. */
const certFingerprint = z
  .string()
  .trim()
  .regex(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/i, 'AA:BB:…')
  .transform((f) => f.toUpperCase());
export const intakeAccountSchema = z
  .object({
    url: imapUrl,
    folder: intakeFolder.default('INBOX'),
    /** Kept in the secret store; it crosses once and is never returned. */
    password: z.string().min(1).max(1000),
    trustFingerprint: certFingerprint.optional(),
  })
  .strict();
export type IntakeAccountInput = z.input<typeof intakeAccountSchema>;

export const draftFileSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string().min(1).max(255),
    type: z.string().max(255),
    size: z.number().int().nonnegative(),
  })
  .strict();

/** What the composer holds; saved as a draft, dry-run while typing, and sent. */
export const draftInputSchema = z
  .object({
    /** The draft row; absent for a draft not saved yet. */
    id: id.optional(),
    /** A reply within a conversation, or a new message to the buyer of `alias`. */
    conversationId: id.optional(),
    alias: z.string().max(300).optional(),
    orderId: z.string().max(100).optional(),
    /** New messages: the subject list. Replies leave it out and keep their "Re:" subject. */
    topic: z.enum(TOPICS).optional(),
    subject: z.string().max(998),
    body: z.string().max(1_000_000),
    /** R10d/R11: prefix [Important] / [Wichtig]. */
    important: z.boolean().default(false),
    /** The buyer message this replies to (R10a): quoted and referenced. */
    replyToMessageId: id.optional(),
    attachments: z.array(draftFileSchema).max(20).default([]),
  })
  .strict();
export type DraftInput = z.input<typeof draftInputSchema>;

/** A saved reply as Settings and `parley template add` save it. */
export const templateInputSchema = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(100),
    language: z.enum(['de', 'en']),
    subject: z.string().max(998).default(''),
    body: z.string().trim().min(1).max(100_000),
  })
  .strict();
export type TemplateInput = z.input<typeof templateInputSchema>;

/** Sending what the composer holds; `confirm`: the seller saw the R11 warning and chose "Send anyway". */
export const sendInputSchema = draftInputSchema.extend({ confirm: z.boolean().optional() }).strict();
export type SendInput = z.input<typeof sendInputSchema>;

export const sellerUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email,
    language: z.enum(['de', 'en']),
    bounceNotices: z.boolean(),
    strict: z.boolean(),
    urgentCheck: z.enum(URGENT_CHECKS),
  })
  .partial()
  .strict();

export const relayUpdateSchema = z
  .object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name'),
    smtp: hostPort,
    submission: hostPort,
    smarthost: smarthostUrl.nullable(),
    smarthostUser: z.string().max(254).nullable(),
    /** Kept with the OS secret store (Electron safeStorage) where there is one. */
    smarthostPassword: z.string().max(1000).nullable(),
    /** "Trust this certificate" for this smarthost; null: verify as usual. */
    smarthostFingerprint: fingerprint.nullable(),
    dkimSelector: z
      .string()
      .regex(/^[a-z0-9._-]{1,63}$/i)
      .nullable(),
    /** PEM private key; kept with the OS secret store. */
    dkimKey: z.string().max(20_000).nullable(),
    /** Paths of the listeners' PEM certificate and key (read at each start of the relay). */
    tlsCert: z.string().trim().max(4096).nullable(),
    tlsKey: z.string().trim().max(4096).nullable(),
    submissionTls: z.enum(['starttls', 'implicit']),
  })
  .partial()
  .strict();

export const uiUpdateSchema = z
  .object({
    language: z.enum(['de', 'en']),
    theme: z.enum(THEMES),
    notifications: z.boolean(),
    startAtLogin: z.boolean(),
    closeHintShown: z.boolean(),
  })
  .partial()
  .strict();

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

/** A call: its input schema, and its output type carried as a phantom. */
export interface CallDef<I extends z.ZodType, O> {
  input: I;
  /** Type only; undefined at run time. */
  output: O;
}

function call<O>() {
  return <I extends z.ZodType>(input: I): CallDef<I, O> => ({ input, output: undefined as unknown as O });
}

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
  /** Every relay domain the store has served, the current one first: addresses under each still take mail. */
  'domains.list': call<ServedDomain[]>()(empty),
  /**
   * Makes a relay domain current (new addresses use it; those handed out under the old ones keep working). The relay
   * restarts; the status carries the new relay address.
   */
  'domains.set': call<AppStatus>()(z.object({ domain: relayUpdateSchema.shape.domain.unwrap() }).strict()),
  'senders.add': call<string[]>()(z.object({ email }).strict()),
  'senders.remove': call<string[]>()(z.object({ email }).strict()),

  // Orders, performance, reports, record
  /** By order number, buyer name or alias (R3); newest purchase first. */
  'orders.list': call<OrderList>()(
    z
      .object({
        query: z.string().trim().max(200).default(''),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** The marketplace's tab-separated order report; progress arrives as 'job.progress'. */
  'orders.import': call<ImportResult>()(
    z
      .object({
        fileName: z.string().min(1).max(255),
        dataBase64: base64,
      })
      .strict(),
  ),
  'orders.ship': call<ShipResult>()(
    z
      .object({
        orderId: z.string().trim().min(1).max(100),
        carrier: z.string().trim().max(100).optional(),
        tracking: z.string().trim().max(100).optional(),
      })
      .strict(),
  ),
  'performance.get': call<PerformanceView>()(empty),
  'reports.list': call<ReportsOverview>()(empty),
  'reports.withdraw': call<ReportView>()(z.object({ id }).strict()),
  /** R21: the seller's copy of the record of one conversation (or of the order's buyer) as a verifiable zip (R5). */
  'record.export': call<RecordExport>()(
    z.union([
      z.object({ conversationId: id }).strict(),
      z.object({ orderId: z.string().trim().min(1).max(100) }).strict(),
    ]),
  ),
  /**
   * R21: the originals, the buyer's real address included, for a dispute authority. The main process writes the zip
   * where the seller chooses (Electron: a save dialog; the web bridge: `exports/` in the data folder); the window gets
   * only where it went, never the bytes (R5). `confirm` says the seller was told what it contains.
   */
  'record.exportForAuthority': call<RecordAuthorityExport>()(
    z.union([
      z.object({ conversationId: id, confirm: z.literal(true) }).strict(),
      z.object({ orderId: z.string().trim().min(1).max(100), confirm: z.literal(true) }).strict(),
    ]),
  ),
  /**
   * A web link from a message the seller confirmed, opened in the system browser by the main process (Electron's
   * shell.openExternal), which accepts http and https only whatever the window sends. The web bridge has no system
   * browser to hand it to (its page opens a tab itself): there the call fails with links.notAvailable.
   */
  'links.openExternal': call<{ opened: true }>()(z.object({ url: z.string().trim().min(1).max(8000) }).strict()),
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
// Push events (backend → UI)
// ---------------------------------------------------------------------------------------------

export interface ContractEvents {
  /** A message was recorded (buyer mail in, or a seller message sent by any route). */
  'message.new': {
    /** The shop the message belongs to: the switcher recounts it, the inbox refreshes when it is in view. */
    shopId?: string;
    conversationId: number | null;
    messageId: number;
    direction: MessageView['direction'];
    fromLabel: string;
    subject: string;
  };
  /** An outbox item changed state (R8). */
  'delivery.changed': {
    outboxId: number;
    messageId: number | null;
    conversationId: number | null;
    state: OutboxView['state'];
    nextAttemptAt: string | null;
    lastError: string | null;
  };
  /** The filter counts changed; also drives the tray/dock badge. */
  'counts.changed': FilterCounts;
  /** The relay started, stopped or failed. */
  'relay.status': RelayStatus;
  /** A long job's progress (the order import). */
  'job.progress': { job: 'orders.import'; done: number; total: number };
  /** A mailbox of the IMAP intake changed state (connected, checked, failed, retrying). */
  'intake.status': IntakeStatus;
  /** The desktop shell asks the window to show a conversation (the seller clicked its notification). */
  'conversation.open': { conversationId: number };
}
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
