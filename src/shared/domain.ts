/**
 * Domain types shared by core, CLI, preload and renderer. Words follow spec/RULES.md.
 * Plain data only: no Node, no DOM.
 */
import type { Language, ReasonParams, RuleId } from './rules.js';

export type { Language, ReasonParams, RuleId } from './rules.js';

/** What the relay does with a message. */
export type Verdict =
  | 'deliver' // forwarded (possibly with attachments removed)
  | 'block' // accepted and recorded, not forwarded; the seller gets a bounce notice (R10)
  | 'reject' // refused during the SMTP dialogue (or by the app) with a reason
  | 'hold'; // R11: a confident misuse of [Important]; kept until the seller confirms (app) or releases it (mail client)

/** The message types of R12. */
export const CATEGORIES = [
  'customization',
  'delivery-scheduling',
  'address-problem', // necessary
  'review-request',
  'confirmation',
  'proactive-service',
  'stock-delay', // not necessary
  'other',
] as const;
export type MessageCategory = (typeof CATEGORIES)[number];

export const NECESSARY_CATEGORIES: readonly MessageCategory[] = [
  'customization',
  'delivery-scheduling',
  'address-problem',
];

export interface Classification {
  category: MessageCategory;
  /** true for the necessary categories of R12, false for the unnecessary ones, null for 'other'. */
  necessary: boolean | null;
  /** 0..1: the calibrated probability of the category (of the best guess when unsure). */
  confidence: number;
  /** The phrases that pushed towards the category rather than the runner-up, as they appear in the message. */
  phrases: string[];
  language: Language;
  /** The second likeliest category, and the phrases that pushed towards it. */
  runnerUp?: MessageCategory;
  against?: string[];
  /** Below the model's confidence threshold: the category is 'other' ("not sure"), `guess` is the best guess. */
  unsure?: boolean;
  guess?: MessageCategory;
  /** Context that moved the odds ("the order is handmade", "topic chosen: address-problem"). */
  context?: string[];
}

/** Order categories; buyers cannot opt out of the last three (R10b). */
export const ORDER_CATEGORIES = ['standard', 'handmade', 'wine', 'custom'] as const;
export type OrderCategory = (typeof ORDER_CATEGORIES)[number];

/** How a message entered Parley. R10c counts only for 'app' and 'cli'. */
export type Via = 'app' | 'cli' | 'mail-client' | 'automatic';

export type Direction = 'buyer-to-seller' | 'seller-to-buyer';

export interface PolicyAttachment {
  filename: string;
  /** Content-Type as declared by the sender. */
  declaredType: string;
  size: number;
  /** The first bytes of the content (at least 64 when the part is that long), for sniffing. */
  head: Uint8Array;
}

export interface PolicyMessage {
  direction: Direction;
  via: Via;
  subject: string;
  /** Plain-text body (HTML converted to text) for the classifier. */
  text: string;
  attachments: PolicyAttachment[];
  /** R10a: it replies (In-Reply-To/References) to a message the buyer sent in this pair. */
  repliesToBuyer: boolean;
  /** R10c: the seller chose "Additional information required" as the reason (app or CLI). */
  reason?: 'additional-info';
  /** Automatic messages (shipping confirmation R17, bounce notices) are outside the quota (R16). */
  automatic?: 'shipping-confirmation' | 'bounce-notice' | 'delivery-failure';
  /** The composer topic the seller picked ("address-problem"): context for the classifier. */
  topic?: string;
  /** R11: the seller saw the warning and chose "Send anyway" (or released a held message). */
  confirmed?: boolean;
}

export interface QuotaState {
  /** Messages counted against the limit today (UTC day), before this one. */
  sentToday: number;
  /** Orders in the averaging window. */
  ordersInWindow: number;
  /** Length of the averaging window in days. */
  windowDays: number;
}

export interface PolicyContext {
  /** Seller's marketplace language: which opt-out tag ([Important] / [Wichtig]) is expected. */
  language: Language;
  buyerOptedOut: boolean;
  /** Orders of this pair; the message is "about" those it mentions by number, or all of them. */
  orders: { orderId: string; category: OrderCategory }[];
  /** R7: the sender is the seller's registered or an authorized address (always true for app/cli). */
  senderAuthorized: boolean;
  /** R9: the sender is another seller's registered address. */
  senderIsOtherSeller?: boolean;
  /** Strict mode: a non-necessary message using [Important] / additional-info is blocked (R11). */
  strict: boolean;
  /**
   * R11 outside strict mode: 'confirm' (the default) holds a confident misuse until the seller
   * confirms or releases it; 'warn-only' sends it with a warning.
   */
  urgentCheck?: 'confirm' | 'warn-only';
  quota: QuotaState;
}

export type AttachmentProblem = 'too-large' | 'type-not-allowed' | 'content-mismatch';

export interface AttachmentAction {
  filename: string;
  action: 'keep' | 'remove';
  /** What the content is, by its magic bytes ('pdf', 'png', 'exe', …, or 'unknown'). */
  sniffedType: string;
  size: number;
  problem?: AttachmentProblem;
  rule?: RuleId;
  /** Plain words for the seller, in the shop's language. */
  reason?: string;
}

export interface Warning {
  rule: RuleId;
  code: string;
  message: string;
  /** What the UI needs to word it itself (REASON_CODES): the tag used, the orders named. */
  params?: ReasonParams;
}

export interface QuotaReport {
  limit: number;
  sentToday: number;
  remaining: number;
  averageDailyOrders: number;
  windowDays: number;
  /** The formula's numbers: limit = perOrder × averageDailyOrders + base (the UI formats them per language). */
  perOrder: number;
  base: number;
  /** e.g. "5 × 3.2 + 600 = 616", for the CLI; the UI makes its own from the numbers. */
  formula: string;
  counted: boolean;
}

export interface Decision {
  verdict: Verdict;
  /** Rules that decided or shaped the verdict, in the order they were applied. */
  rules: RuleId[];
  /** Plain-words reasons, one per deciding rule. */
  reasons: { rule: RuleId; code: string; message: string; params?: ReasonParams }[];
  category: Classification;
  /** What decided it: matched tags, order categories, reply references. */
  evidence: string[];
  warnings: Warning[];
  attachments: AttachmentAction[];
  quota: QuotaReport;
}

/** Delivery states shown to the seller (R8). */
export type DeliveryState =
  'queued' | 'delivered' | 'deferred' | 'failed' | 'bounced' | 'cancelled' | 'blocked' | 'rejected' | 'held';
