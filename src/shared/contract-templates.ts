/**
 * What the contract says about saved replies (templates) and signatures. A template's text keeps its variables
 * (`{buyerName}`, `{orderId}`, `{productName}`, `{trackingNumber}`, `{shopName}`) until the composer fills them for a
 * conversation; one the backend cannot fill stays visible in the text and is named in `missing`.
 */
import type { Language, MessageCategory } from './domain.js';

export const TEMPLATE_VARIABLES = ['buyerName', 'orderId', 'productName', 'trackingNumber', 'shopName'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/**
 * R11/R12 at save time: the template looks like a message that is not needed to complete an order (a review request, a
 * confirmation, …). It can still be saved and used; sent with [Important] or "Additional information required" it
 * would be misuse. The category and the phrases that made Parley think so: the UI words them in its language (the CLI
 * has core's text).
 */
export interface TemplateWarning {
  rules: ['R11', 'R12'];
  category: MessageCategory;
  phrases: string[];
}

export interface TemplateView {
  id: number;
  name: string;
  language: Language;
  subject: string;
  body: string;
  updatedAt: string;
  /** Set when the policy engine flags the template (R11/R12); the list shows it. */
  warning: TemplateWarning | null;
}

/** A template filled for one conversation. */
export interface FilledTemplate {
  subject: string;
  body: string;
  /** Variables left as they were (`{orderId}`): nothing known fills them for this buyer. */
  missing: TemplateVariable[];
}

export interface SignatureView {
  language: Language;
  body: string;
}
