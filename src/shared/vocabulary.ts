/**
 * The contract's plain vocabulary: filter names, report reasons, composer topics, themes, the
 * bridge's wire format and the subject rule. No zod here, so the renderer's first bundle and the
 * preload can import these values without the schema library; contract.ts re-exports them.
 */
import type { Language } from './domain.js';
import { replySubject } from './quote.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** The inbox filters, in the order the UI lists them; 'response-needed' is the default (R20). */
export const FILTERS = [
  'response-needed',
  'all',
  'sent',
  'undeliverable',
  'reported',
  'no-response',
  'drafts',
  'outbox',
] as const;
export type Filter = (typeof FILTERS)[number];
export type FilterCounts = Record<Filter, number>;

/** Reasons offered by the Report dialog (R18). */
export const REPORT_REASONS = ['spam', 'phishing', 'abusive', 'off-platform', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * The composer's subject list for a new message about an order. 'additional-info' is the R10c
 * subject "Additional information required" / "Zusätzliche Informationen erforderlich".
 */
export const TOPICS = ['customization', 'delivery-scheduling', 'address-problem', 'additional-info', 'other'] as const;
export type Topic = (typeof TOPICS)[number];

/** R11 outside strict mode: hold a message that does not look necessary until confirmed, or only warn. */
export const URGENT_CHECKS = ['confirm', 'warn-only'] as const;
export type UrgentCheck = (typeof URGENT_CHECKS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

// ---------------------------------------------------------------------------------------------
// The HTTP bridge's wire format (shared by the server in src/main/cli and the browser client)
// ---------------------------------------------------------------------------------------------

export const BRIDGE = {
  /** POST `${prefix}/call/<name>` with the JSON input; 200 `{ ok: true, value }` or 4xx/5xx `{ ok: false, error }`. */
  callPath: (name: string) => `/api/call/${name}`,
  /** GET: server-sent events, `event: <name>` / `data: <json>`. */
  eventsPath: '/api/events',
  /** The token travels in this header for calls, and as `?token=` for EventSource (which cannot set headers). */
  tokenHeader: 'x-parley-token',
  tokenParam: 'token',
} as const;

/**
 * Turns the R10c/R10d choices into the subject line that is sent (the composer shows it live). A
 * reply left without a subject answers under the original's subject, "Re:" once (`replyTo`).
 */
export function composeSubject(opts: {
  topic?: Topic;
  subject: string;
  orderId?: string;
  important: boolean;
  language: Language;
  /** The subject of the message a reply answers. */
  replyTo?: string;
}): string {
  const words: Record<Exclude<Topic, 'other'>, Record<Language, string>> = {
    customization: { en: 'Question about customizing your order', de: 'Frage zur Personalisierung Ihrer Bestellung' },
    'delivery-scheduling': { en: 'Scheduling your delivery', de: 'Terminabsprache für Ihre Lieferung' },
    'address-problem': { en: 'Problem with your delivery address', de: 'Problem mit Ihrer Lieferadresse' },
    'additional-info': { en: 'Additional information required', de: 'Zusätzliche Informationen erforderlich' },
  };
  let subject = opts.subject.trim();
  // A subject of nothing but the tag (the composer's box ticked before anything was typed) still gets the fallback.
  const tagsOnly = /^(?:\[(?:important|wichtig)\]\s*)+$/i.test(subject) ? `${subject} ` : '';
  if (opts.topic && opts.topic !== 'other') {
    subject = words[opts.topic][opts.language];
    if (opts.orderId) subject += ` (${opts.language === 'de' ? 'Bestellung' : 'order'} ${opts.orderId})`;
  } else if ((!subject || tagsOnly) && opts.orderId) {
    subject = `${tagsOnly}${opts.language === 'de' ? 'Bestellung' : 'Order'} ${opts.orderId}`;
  } else if ((!subject || tagsOnly) && opts.replyTo !== undefined) {
    subject = `${tagsOnly}${replySubject(opts.replyTo)}`;
  }
  const tag = opts.language === 'de' ? '[Wichtig]' : '[Important]';
  if (opts.important && !/\[(important|wichtig)\]/i.test(subject)) subject = `${tag} ${subject}`;
  return subject;
}
