/**
 * The one contract between the UI and the backend (DESIGN.md "One contract, two transports").
 * Every call the renderer can make is listed here once: its name, the zod schema of its input
 * and the type of its output. The Electron IPC binding, the preload client, the HTTP bridge and
 * its browser client are all built by looping over `CONTRACT`; nothing is wired by hand twice.
 *
 * Rules of the road:
 * - Inputs are parsed with their schema on the backend side of every transport.
 * - Outputs are plain JSON (no Date, no Buffer: bytes travel as base64 strings).
 * - A failure crosses as `{ code, message }` (ContractError); never a stack or raw SQL error.
 * - The renderer never sees a buyer's real address: buyers are shown by name and alias.
 */
import { z } from 'zod';
import type { Classification, Decision, DeliveryState, Language, OrderCategory, QuotaReport, RuleId, Warning } from './domain.js';
import type { CALL_NAME_LIST } from './contract-names.js';
import { FILTERS, REPORT_REASONS, THEMES, TOPICS, type FilterCounts, type Theme, type Topic } from './vocabulary.js';

export * from './vocabulary.js';


/** Badges a conversation row can carry. */
export type ConversationBadge = 'reported' | 'no-response' | 'undeliverable' | 'outbox' | 'held' | 'opted-out' | 'draft';

/** Error codes that cross the boundary (the core's ParleyError codes, plus transport ones). */
export interface ContractError {
  code: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Output types
// ---------------------------------------------------------------------------------------------

export interface SellerSettings {
  id: string;
  /** Shop name shown to buyers (R6). */
  name: string;
  /** Customer-service address: where buyer mail goes (R5), the registered sender (R7). */
  email: string;
  language: Language;
  /** R13: bounce notices for blocked messages. */
  bounceNotices: boolean;
  /** R11 strict mode: an unnecessary [Important] message is blocked instead of warned about. */
  strict: boolean;
  /** R7: further addresses allowed to write to aliases. */
  authorizedSenders: string[];
  /** The seller's relay address buyers write to, e.g. holzwerkstatt@relay.parley.localhost. */
  relayAddress: string;
}

export interface RelaySettings {
  domain: string;
  /** host:port of the inbound listener (buyers, carriers). */
  smtp: string;
  /** host:port of the submission listener (the seller's own mail client, AUTH). */
  submission: string;
  /** smtp://host:port of the smarthost, or null for the local mailbox under the data directory. */
  smarthost: string | null;
  smarthostUser: string | null;
  /** Secrets never cross to the renderer; only whether one is set. */
  hasSmarthostPassword: boolean;
  dkimSelector: string | null;
  hasDkimKey: boolean;
}

export interface UiSettings {
  language: Language;
  theme: Theme;
}

export interface RelayStatus {
  running: boolean;
  /** Bound addresses while running. */
  smtp: string | null;
  submission: string | null;
  /** "smtp://host:port" or "local mailbox (…)". */
  outbound: string;
  /** Why it is not running, in plain words. */
  error: string | null;
}

export interface AppStatus {
  version: string;
  /** No seller yet: the UI shows the first-run choice (demo data or set up a shop). */
  firstRun: boolean;
  seller: SellerSettings | null;
  relay: RelaySettings;
  relayStatus: RelayStatus;
  ui: UiSettings;
  dataDir: string;
}

export interface OrderView {
  orderId: string;
  buyerName: string | null;
  productName: string | null;
  category: OrderCategory;
  purchasedAt: string;
  shippedAt: string | null;
  carrier: string | null;
  tracking: string | null;
}

export interface ConversationRow {
  id: number;
  /** The 15-character alias local part (R1). */
  alias: string;
  /** alias@domain */
  aliasAddress: string;
  buyerName: string | null;
  orderIds: string[];
  subject: string;
  /** The first line of the last message's text, trimmed. */
  lastLine: string;
  lastMessageAt: string;
  lastDirection: 'buyer-to-seller' | 'seller-to-buyer';
  /** R15: a paperclip. */
  hasAttachments: boolean;
  messageCount: number;
  /** Some buyer message after the seller's last answer is neither answered, reported nor marked (R18–R20). */
  needsResponse: boolean;
  /** 24 hours after the oldest buyer message still needing a response; null when none. */
  responseDueAt: string | null;
  badges: ConversationBadge[];
  /** Search only: the matching text with the match wrapped in «…». */
  snippet?: string;
}

export interface ListResult {
  total: number;
  offset: number;
  rows: ConversationRow[];
}

export interface AttachmentView {
  id: number;
  filename: string;
  declaredType: string;
  /** By magic bytes: 'pdf', 'png', 'jpeg', 'gif', 'tiff', 'bmp', 'docx', 'doc', 'txt', 'exe', 'unknown' … */
  sniffedType: string;
  size: number;
  /** R15: removed by the relay; the message went without it. */
  removed: boolean;
  removedWhy: string | null;
  /** Content-ID of an inline part (an image referenced as cid: from the HTML). */
  contentId: string | null;
}

export interface ReasonView {
  rule: RuleId;
  code: string;
  /** Plain words, in the seller's UI language. */
  message: string;
}

export interface MessageView {
  id: number;
  conversationId: number;
  direction: 'buyer-to-seller' | 'seller-to-buyer' | 'relay-to-seller';
  via: 'app' | 'cli' | 'mail-client' | 'automatic';
  /** Who wrote it as the seller sees it: the buyer's name (or alias) or the shop name. */
  fromLabel: string;
  subject: string;
  receivedAt: string;
  /** Plain text (from HTML when the message has no text part). */
  text: string;
  hasHtml: boolean;
  /** R8. */
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  /** Why it was blocked, refused or held, rule by rule (empty when delivered). */
  reasons: ReasonView[];
  warnings: Warning[];
  /** R12 verdict on seller messages; null on buyer messages. */
  category: Classification | null;
  attachments: AttachmentView[];
  reported: { reason: string; note: string | null; at: string } | null;
  noResponseNeeded: boolean;
  /** The relay's Message-ID: what a reply refers to (R10a). */
  relayMessageId: string;
  /** SPF/DKIM/DMARC results of inbound mail, e.g. { spf: 'pass', dkim: 'none', dmarc: 'fail' }. */
  auth: Record<string, string> | null;
}

export interface ConversationDetail {
  conversation: ConversationRow;
  messages: MessageView[];
  orders: OrderView[];
  buyerOptedOut: boolean;
}

export interface MessageBody {
  text: string;
  /** The HTML part exactly as received, unsanitized: the renderer sanitizes it (DOMPurify) inside a sandboxed frame. */
  html: string | null;
}

export interface AttachmentContent {
  filename: string;
  /** The sniffed MIME type when known, else the declared one. */
  contentType: string;
  dataBase64: string;
}

/** A file picked, dropped or pasted into the composer, after the backend checked its content (R15). */
export interface FileCheck {
  ok: boolean;
  /** Stored (content-addressed) only when ok; drafts refer to it by this hash. */
  sha256: string;
  name: string;
  size: number;
  sniffedType: string;
  /** Set when refused: 'too-large' | 'type-not-allowed' | 'content-mismatch'. */
  problem: string | null;
  /** Plain words, in the UI language. */
  reason: string | null;
  rule: RuleId | null;
}

export interface DraftFile {
  sha256: string;
  name: string;
  type: string;
  size: number;
}

export interface DraftView {
  id: number;
  conversationId: number | null;
  alias: string | null;
  orderId: string | null;
  topic: Topic | null;
  subject: string;
  body: string;
  important: boolean;
  replyToMessageId: number | null;
  attachments: DraftFile[];
  updatedAt: string;
}

export interface DryRun {
  /** What the relay would do with it now: the same `evaluate` the relay runs. */
  decision: Decision;
  willDeliver: boolean;
  /** The subject as it would be sent (topic, order number, [Important]/[Wichtig] applied). */
  subject: string;
  quota: QuotaReport;
}

export interface SendResult {
  messageId: number;
  conversationId: number;
  state: DeliveryState;
  decision: Decision;
}

export interface OutboxView {
  id: number;
  messageId: number | null;
  conversationId: number | null;
  kind: 'forward' | 'bounce-notice' | 'shipping-confirmation' | 'delivery-failure';
  /** The alias address or the seller's own address: never a buyer's real address. */
  to: string;
  subject: string;
  state: 'queued' | 'deferred' | 'delivered' | 'failed' | 'bounced' | 'cancelled';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface SmarthostTest {
  ok: boolean;
  /** The server's greeting or the error, in plain words. */
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Orders, performance, reports and the dispute record (issue 4)
// ---------------------------------------------------------------------------------------------

export interface OrderRow extends OrderView {
  alias: string;
  aliasAddress: string;
  /** The buyer's conversation (R3), or null when they never wrote. */
  conversationId: number | null;
}

export interface OrderList {
  total: number;
  offset: number;
  rows: OrderRow[];
}

export interface ImportResult {
  /** Data rows read (the header not counted). */
  rows: number;
  /** New orders, and known orders whose row changed something. */
  imported: number;
  updated: number;
  /** Known orders the row did not change (re-importing a file changes nothing). */
  unchanged: number;
  /** Rows refused, with the file's line number and why, in the UI language. */
  failed: { line: number; reason: string }[];
  ms: number;
}

export interface ShipResult {
  order: OrderRow;
  /** The automatic shipping confirmation (R17): outside the quota (R16). */
  messageId: number;
  state: DeliveryState;
}

/** One buyer message as the response-time metric sees it. */
export interface ResponseItem {
  messageId: number;
  conversationId: number;
  buyerName: string | null;
  alias: string;
  subject: string;
  receivedAt: string;
  /** The seller's first real answer after it (not automatic), or null. */
  answeredAt: string | null;
  responseMs: number | null;
}

export interface ResponseWindow {
  days: 7 | 30 | 90;
  /** Buyer messages that needed an answer (no-response-needed, reported and auto-replies excluded). */
  total: number;
  answeredWithin24h: number;
  /** answeredWithin24h / total, 0..1; null when total is 0. */
  share: number | null;
  /** Mean time to the first answer of the answered ones, ms; null when none. */
  averageResponseMs: number | null;
  /** Answered after 24 h (the newest 200 listed; lateTotal counts them all). */
  late: ResponseItem[];
  /** Not answered and 24 h passed: counted as late (the newest 200 listed). Not yet due ones are neither counted nor listed. */
  unanswered: ResponseItem[];
  lateTotal: number;
  unansweredTotal: number;
}

export interface ImportantUseView {
  id: number;
  messageId: number | null;
  conversationId: number | null;
  kind: 'important-tag' | 'additional-info';
  subject: string;
  /** The R12 classifier's verdict at the time. */
  category: string;
  necessary: boolean | null;
  verdict: string;
  at: string;
}

export interface PerformanceView {
  /** The 7, 30 and 90 day windows, ending now (weekends and holidays count like any day). */
  windows: ResponseWindow[];
  /** The daily share over the last 90 UTC days, oldest first (for the chart). */
  daily: { day: string; total: number; answeredWithin24h: number; share: number | null }[];
  /** R16: today's messages against the limit, with the formula and its inputs. */
  quota: QuotaReport & { ordersInWindow: number };
  /** R11: every [Important] / "Additional information required" use. */
  importantUses: ImportantUseView[];
}

export interface ReportView {
  id: number;
  messageId: number;
  conversationId: number | null;
  reason: string;
  note: string | null;
  createdAt: string;
  withdrawnAt: string | null;
  subject: string;
  fromLabel: string;
  alias: string | null;
}

export interface ReportsOverview {
  reports: ReportView[];
  /** The senders reported most (active reports), most first. */
  topSenders: { alias: string; buyerName: string | null; count: number; lastAt: string }[];
}

export interface RecordExport {
  /** A zip of the export folder: every original as .eml, attachments, transcript.pdf, manifest.json. */
  fileName: string;
  dataBase64: string;
  messages: number;
  files: number;
  /** The manifest's last chained hash: what `parley verify --export` checks against. */
  head: string;
}

// ---------------------------------------------------------------------------------------------
// Input schemas
// ---------------------------------------------------------------------------------------------

const id = z.number().int().positive();
const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const hostPort = z.string().regex(/^[\w.:[\]-]+:\d{1,5}$/, 'host:port');
const smarthostUrl = z.string().regex(/^smtps?:\/\/[^/\s]+(\/?\?[\w=&]*)?$/, 'smtp://host:port');
const base64 = z.string().max(15_000_000).regex(/^[A-Za-z0-9+/=\r\n]*$/, 'base64');
const empty = z.object({}).strict();

export const draftFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(255),
  type: z.string().max(255),
  size: z.number().int().nonnegative(),
}).strict();

/** What the composer holds; saved as a draft, dry-run while typing, and sent. */
export const draftInputSchema = z.object({
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
}).strict();
export type DraftInput = z.input<typeof draftInputSchema>;

export const sellerUpdateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email,
  language: z.enum(['de', 'en']),
  bounceNotices: z.boolean(),
  strict: z.boolean(),
}).partial().strict();

export const relayUpdateSchema = z.object({
  domain: z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name'),
  smtp: hostPort,
  submission: hostPort,
  smarthost: smarthostUrl.nullable(),
  smarthostUser: z.string().max(254).nullable(),
  /** Kept with the OS secret store (Electron safeStorage) where there is one. */
  smarthostPassword: z.string().max(1000).nullable(),
  dkimSelector: z.string().regex(/^[a-z0-9._-]{1,63}$/i).nullable(),
  /** PEM private key; kept with the OS secret store. */
  dkimKey: z.string().max(20_000).nullable(),
}).partial().strict();

export const uiUpdateSchema = z.object({
  language: z.enum(['de', 'en']),
  theme: z.enum(THEMES),
}).partial().strict();

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
  'setup.demo': call<AppStatus>()(empty),
  'setup.shop': call<AppStatus>()(z.object({
    name: z.string().trim().min(1).max(200),
    email,
    language: z.enum(['de', 'en']),
    domain: relayUpdateSchema.shape.domain.unwrap().optional(),
    smarthost: smarthostUrl.optional(),
    smarthostUser: z.string().max(254).optional(),
    smarthostPassword: z.string().max(1000).optional(),
  }).strict()),
  'smarthost.test': call<SmarthostTest>()(z.object({
    url: smarthostUrl,
    user: z.string().max(254).optional(),
    password: z.string().max(1000).optional(),
  }).strict()),

  // Inbox
  'inbox.counts': call<FilterCounts>()(empty),
  'inbox.list': call<ListResult>()(z.object({
    filter: z.enum(FILTERS),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }).strict()),
  /** One box: alias, order number, buyer name, or words of the messages (FTS5). */
  'inbox.search': call<ConversationRow[]>()(z.object({
    query: z.string().trim().min(1).max(200),
    limit: z.number().int().min(1).max(200).default(50),
  }).strict()),
  'conversation.get': call<ConversationDetail>()(z.object({ id }).strict()),
  'message.body': call<MessageBody>()(z.object({ id }).strict()),
  'attachment.get': call<AttachmentContent>()(z.object({ messageId: id, attachmentId: id }).strict()),
  'message.report': call<{ reportId: number }>()(z.object({
    messageId: id,
    reason: z.enum(REPORT_REASONS),
    note: z.string().max(2000).optional(),
  }).strict()),
  'message.noResponse': call<{ ok: true }>()(z.object({ messageId: id }).strict()),

  // Composer, drafts and outbox
  'files.check': call<FileCheck>()(z.object({
    name: z.string().min(1).max(255),
    type: z.string().max(255).default(''),
    dataBase64: base64,
  }).strict()),
  'drafts.list': call<DraftView[]>()(empty),
  'drafts.get': call<DraftView>()(z.object({ id }).strict()),
  'drafts.save': call<DraftView>()(draftInputSchema),
  'drafts.delete': call<{ ok: true }>()(z.object({ id }).strict()),
  'composer.check': call<DryRun>()(draftInputSchema),
  /** Sends through the outbox; on success the draft `id` is deleted. */
  'composer.send': call<SendResult>()(draftInputSchema),
  'outbox.list': call<OutboxView[]>()(empty),
  'outbox.retry': call<OutboxView>()(z.object({ id }).strict()),
  'outbox.cancel': call<OutboxView>()(z.object({ id }).strict()),

  // Settings
  'settings.update': call<AppStatus>()(z.object({
    seller: sellerUpdateSchema.optional(),
    relay: relayUpdateSchema.optional(),
    ui: uiUpdateSchema.optional(),
  }).strict()),
  'senders.add': call<string[]>()(z.object({ email }).strict()),
  'senders.remove': call<string[]>()(z.object({ email }).strict()),

  // Orders, performance, reports, record (issue 4)
  /** By order number, buyer name or alias (R3); newest purchase first. */
  'orders.list': call<OrderList>()(z.object({
    query: z.string().trim().max(200).default(''),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }).strict()),
  /** The marketplace's tab-separated order report; progress arrives as 'job.progress'. */
  'orders.import': call<ImportResult>()(z.object({
    fileName: z.string().min(1).max(255),
    dataBase64: base64,
  }).strict()),
  'orders.ship': call<ShipResult>()(z.object({
    orderId: z.string().trim().min(1).max(100),
    carrier: z.string().trim().max(100).optional(),
    tracking: z.string().trim().max(100).optional(),
  }).strict()),
  'performance.get': call<PerformanceView>()(empty),
  'reports.list': call<ReportsOverview>()(empty),
  'reports.withdraw': call<ReportView>()(z.object({ id }).strict()),
  /** R21: the record of one conversation (or of the order's buyer) as a verifiable zip. */
  'record.export': call<RecordExport>()(z.union([
    z.object({ conversationId: id }).strict(),
    z.object({ orderId: z.string().trim().min(1).max(100) }).strict(),
  ])),
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
  'message.new': { conversationId: number | null; messageId: number; direction: MessageView['direction']; fromLabel: string; subject: string };
  /** An outbox item changed state (R8). */
  'delivery.changed': { outboxId: number; messageId: number | null; conversationId: number | null; state: OutboxView['state']; nextAttemptAt: string | null; lastError: string | null };
  /** The filter counts changed; also drives the tray/dock badge. */
  'counts.changed': FilterCounts;
  /** The relay started, stopped or failed. */
  'relay.status': RelayStatus;
  /** A long job's progress (the order import). */
  'job.progress': { job: 'orders.import'; done: number; total: number };
}
export type EventName = keyof ContractEvents;
export const EVENT_NAMES: EventName[] = ['message.new', 'delivery.changed', 'counts.changed', 'relay.status', 'job.progress'];

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
