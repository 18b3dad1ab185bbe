/**
 * The outputs of the contract's overview calls: orders, performance, reports and the dispute record. Plain JSON
 * shapes, no zod; contract.ts re-exports everything here.
 */
import type { DeliveryState, QuotaReport } from './domain.js';
import type { OrderView } from './contract-types.js';

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
  /**
   * Rows refused, with the file's line number and why: `problems` for the UI to word in the seller's language,
   * `reason` the same in English (what the CLI prints).
   */
  failed: { line: number; reason: string; problems: ImportProblem[] }[];
  ms: number;
}

/** Why a row of the order report was not imported; the renderer words each key with its params. */
export const IMPORT_PROBLEM_KEYS = [
  'orderIdEmpty',
  'emailEmpty',
  /** params: value */
  'emailInvalid',
  /** params: value — an address of the relay itself (R2) */
  'emailRelay',
  /** params: value — a shop's own address (R9) */
  'emailSeller',
  'dateMissing',
  /** params: value, column (its header), position (1-based column number); the formats accepted are the UI's words */
  'dateInvalid',
  /** params: value */
  'categoryUnknown',
  /** params: orderId */
  'otherBuyer',
  /** params: orderId, stored, category */
  'otherCategory',
] as const;
export type ImportProblemKey = (typeof IMPORT_PROBLEM_KEYS)[number];
export interface ImportProblem {
  key: ImportProblemKey;
  params: Record<string, string>;
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
  /**
   * Not answered and 24 h passed: counted as late (the newest 200 listed). Not yet due ones are neither counted nor
   * listed.
   */
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
  /** R11: the seller overrode the warning — "Send anyway" ('confirmed') or a held message released ('released'). */
  override: 'confirmed' | 'released' | null;
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
  /**
   * A zip of the seller's copy (R5): every message as .eml as the seller saw it (the alias wherever the buyer's real
   * address was), attachments, transcript.pdf and .txt, and manifest.json with the sha256 of every original as stored.
   */
  fileName: string;
  dataBase64: string;
  messages: number;
  files: number;
  /** The manifest's last chained hash: what `parley verify --export` checks against. */
  head: string;
}

/**
 * Where the export for a dispute authority went. Deliberately no bytes: the originals hold the buyer's real address,
 * which never reaches the window (R5).
 */
export type RecordAuthorityExport =
  | { saved: false }
  | {
      saved: true;
      /** The zip the main process wrote. */
      path: string;
      messages: number;
      files: number;
      head: string;
    };
