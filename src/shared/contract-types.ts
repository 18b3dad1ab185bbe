/**
 * The outputs of the contract's calls (contract.ts): plain JSON shapes, no zod. Split from
 * contract.ts only to keep each file readable; contract.ts re-exports everything here.
 */
import type {
  Classification,
  Decision,
  DeliveryState,
  OrderCategory,
  QuotaReport,
  ReasonParams,
  RuleId,
  Warning,
} from './domain.js';
import type { Topic } from './vocabulary.js';

/** Badges a conversation row can carry. */
export type ConversationBadge =
  'reported' | 'no-response' | 'undeliverable' | 'outbox' | 'held' | 'opted-out' | 'draft';

// ---------------------------------------------------------------------------------------------
// Output types
// ---------------------------------------------------------------------------------------------

export * from './contract-app.js';

/**
 * The order's plain text fields: free text from the marketplace's order report (the column of the same name in kebab
 * case: `productName` is `product-name`), taken as written, null where the report leaves it empty. Unlike the order
 * number, the buyer's address, the purchase date and the category, nothing parses them, so the store and the report
 * import handle every field of this list alike: a new one is an entry here, its column in a migration and its place in
 * the Orders view.
 */
export const ORDER_TEXT_FIELDS = ['buyerName', 'productName'] as const;
export type OrderTextField = (typeof ORDER_TEXT_FIELDS)[number];
export type OrderText = Record<OrderTextField, string | null>;

export interface OrderView extends OrderText {
  orderId: string;
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
  /** "All shops" only: the shop the conversation belongs to (its badge in the merged inbox). */
  shop?: { id: string; name: string };
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
  /**
   * R5, R6: the content of this attachment names an address the relay hides — the buyer's own in a buyer's message,
   * the seller's in a seller's message — and it is not text, so the forwarded copy still holds it: the relay rewrites
   * text parts and file names, never the bytes of a file. Found by searching the decoded bytes (as text and UTF-16);
   * compressed content (a .docx, most PDFs) is not searched, so `false` is no promise.
   */
  addressInside: boolean;
}

export interface ReasonView {
  rule: RuleId;
  code: string;
  /** Plain words, in the seller's UI language. */
  message: string;
  /** What the UI words the code with (REASON_CODES): the tag used, the orders named; absent on older messages. */
  params?: ReasonParams;
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
  /** R11: a held seller message the seller may release ("Release"). */
  releasable: boolean;
  /** R11: when the seller released this held message; its state is then the delivery's. */
  releasedAt: string | null;
  /** SPF/DKIM/DMARC results of inbound mail, e.g. { spf: 'pass', dkim: 'none', dmarc: 'fail' }. */
  auth: Record<string, string> | null;
  /**
   * A buyer message whose envelope sender differs from its From address (a null envelope too) while DMARC does not
   * vouch for the From domain: it is filed under the From address, but may not come from that buyer.
   */
  senderNotVerified: boolean;
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
  /** The buyer's name as the seller knows it (the drafts list shows it, never the alias); null when unknown. */
  buyerName?: string | null;
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
  /** The buyer's name as the seller knows it, for the words ("Lukas opted out …"); null when unknown. */
  buyerName?: string | null;
}

/** R11: a held seller message, released: on its way to the buyer. */
export interface ReleaseResult {
  messageId: number;
  conversationId: number;
  state: DeliveryState;
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
  /** The SHA-256 fingerprint of the smarthost's certificate ("AB:CD:…"), when it showed one. */
  fingerprint?: string;
  /**
   * The certificate failed verification in a way the seller may decide to accept for their own server (self-signed,
   * another name, an unknown issuer, changed): the UI offers "Trust this certificate" with `fingerprint`.
   */
  trustable?: boolean;
}
