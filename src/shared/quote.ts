/**
 * How Parley quotes the message a seller answers (R10a: a reply within the buyer's conversation is
 * best when it quotes the original) and how a reply's subject reads. One rule set for the composer
 * that opens a reply (renderer) and for the core that quotes a reply sent without a quote (app, CLI).
 * Pure: no Node, no DOM; the date goes through Intl, in UTC, so every process words it the same.
 */
import type { Language } from './domain.js';

/** "Re:", "RE :", "AW:", "Aw:", "Antw:", "Antwort:", "Re[2]:", "Re(2):", "Re^2:" at the start of a subject. */
const REPLY_PREFIX = /^(re|aw|antw|antwort)\s*(\[\d+\]|\(\d+\)|\^\d+)?\s*:/i;

/** Whether a subject already says it is a reply (in English or German, counted or not). */
export function isReplySubject(subject: string): boolean {
  return REPLY_PREFIX.test(subject.trim());
}

/** "Re: " once: a subject that already carries a reply prefix keeps it as written. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  if (isReplySubject(trimmed)) return trimmed;
  return trimmed ? `Re: ${trimmed}` : 'Re:';
}

/**
 * Every line of the original, "> "-prefixed; an already quoted line gets one more ">" (no space,
 * so ">> earlier" reads as a quote in a quote); an empty line becomes ">". CRLF and trailing
 * empty lines go.
 */
export function quoteText(text: string): string {
  // trimEnd, not /\s+$/: that regex is quadratic on a long run of whitespace inside the text (seconds per 40,000).
  const lines = text.replace(/\r\n?/g, '\n').trimEnd().split('\n');
  return lines.map((line) => (line.startsWith('>') ? `>${line}` : line ? `> ${line}` : '>')).join('\n');
}

/** Whether a body quotes something already (a line starting with ">"). */
export function hasQuote(body: string): boolean {
  return /^>/m.test(body);
}

/**
 * Who the attribution line names: the name the buyer gave, else the alias. Never an address the
 * buyer mails from (R5): a "name" that is an address is not used, and the renderer never has one.
 */
export function attributionName(name: string | null | undefined, alias: string): string {
  const trimmed = name?.trim();
  return trimmed && !trimmed.includes('@') ? trimmed : alias;
}

const ATTRIBUTION: Record<Language, (when: string, who: string) => string> = {
  en: (when, who) => `On ${when}, ${who} wrote:`,
  de: (when, who) => `Am ${when} schrieb ${who}:`,
};

const LOCALE: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

/** "1 Mar 2025, 10:00 UTC" / "01.03.2025, 10:00 UTC"; a time that does not parse is shown as stored. */
export function attributionDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = new Intl.DateTimeFormat(LOCALE[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${format.format(date)} UTC`;
}

/** The message a reply quotes, as much of it as the attribution and the quote need. */
export interface QuotedOriginal {
  text: string;
  /** When it arrived (ISO 8601). */
  receivedAt: string;
  /** Who wrote it, as `attributionName` gives it: never a buyer's own address. */
  fromLabel: string;
}

/**
 * A reply's body: what the seller wrote (empty when the composer opens, leaving room on top), then
 * the attribution line in the shop's language and the original as a quote.
 */
export function replyBody(original: QuotedOriginal, language: Language, above = ''): string {
  const attribution = ATTRIBUTION[language](attributionDate(original.receivedAt, language), original.fromLabel);
  return `${above.trimEnd()}\n\n${attribution}\n${quoteText(original.text)}\n`;
}
