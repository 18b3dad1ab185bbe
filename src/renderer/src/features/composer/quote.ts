/**
 * What a reply starts with (R10a: a reply within the buyer's conversation is best when it quotes
 * the original): the "Re:" subject and the original's text as "> " lines below an empty area
 * where the seller writes.
 */
import type { Language } from '../../../../shared/domain';

const REPLY_PREFIX = /^\s*(re|aw|antw)\s*:/i;

/** "Re: " once: a subject that already carries a reply prefix (Re:, AW:, Antw:) keeps it. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return REPLY_PREFIX.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** Every line of the original, "> "-prefixed; an already quoted line gets one more ">". */
export function quoteText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.map((line) => (line.startsWith('>') ? `>${line}` : line ? `> ${line}` : '>')).join('\n');
}

const ATTRIBUTION: Record<Language, string> = {
  en: 'On {date}, {from} wrote:',
  de: 'Am {date} schrieb {from}:',
};

/** The body a reply opens with: room to write first, then the attribution and the quote. */
export function replyBody(
  original: { text: string; fromLabel: string; receivedAt: string },
  language: Language,
): string {
  const date = new Date(original.receivedAt);
  const when = Number.isNaN(date.getTime())
    ? original.receivedAt
    : date.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const attribution = ATTRIBUTION[language].replace('{date}', when).replace('{from}', original.fromLabel);
  return `\n\n${attribution}\n${quoteText(original.text)}\n`;
}
