/**
 * The seller's own words, as a person reads them: the buyer's quoted message, the attribution
 * line before it, an Outlook header block and the signature are not what the seller is saying
 * now, so the classifier (R12) does not read them. The urgent markers of R10c/R10d say nothing
 * about what a message is, so they are taken out of the subject too.
 */

import { htmlToText, looksLikeHtml } from '../mail/html-text.js';

/** Longer texts are cut: a message's purpose is in its first screens, and the classifier must stay fast. */
export const MAX_CLASSIFIED_CHARS = 3_000;
/** HTML source is cut before conversion: markup costs time, and the words a seller means come first. */
const MAX_HTML_CHARS = 5_000;

/** "On Tue, 3 Mar 2026, Anna <a@b> wrote:" (possibly wrapped over two lines) / "Am 3. Mai 2026 schrieb …:" */
const ATTRIBUTION =
  /^\s*(?:on\s.{0,200}\swrote|am\s.{0,200}\s(?:schrieb|hat)[^\n]{0,120}|le\s.{0,200}\sa écrit)\s*:?\s*$/iu;
const ATTRIBUTION_START = /^\s*(?:on|am)\s.{0,160}$/iu;
const ATTRIBUTION_END = /^.{0,120}(?:wrote|schrieb|geschrieben)\s*:\s*$/iu;
/** Outlook and webmailers: a separator line, or a "From:/Von:" line followed by "Sent:/Gesendet:". */
const SEPARATOR =
  /^\s*-{2,}\s*(?:original(?:\s+message)?|ursprüngliche\s+nachricht|urspruengliche\s+nachricht|forwarded\s+message|weitergeleitete\s+nachricht|nachricht\s+von)\b.*$/iu;
const HEADER_FROM = /^\s*\*?(?:from|von)\s*:\*?\s+\S/iu;
const HEADER_NEXT = /^\s*\*?(?:sent|gesendet|date|datum|to|an|subject|betreff)\s*:\*?/iu;
/** The signature delimiter ("-- ") and the closing formulas a signature starts with. */
const SIG_DELIMITER = /^(?:--|__+)\s*$/u;
const CLOSING = new RegExp(
  '^\\s*(?:' +
    [
      '(?:mit\\s+)?(?:freundlichen|besten|herzlichen|lieben|vielen|sonnigen|liebe|viele|beste|herzliche|freundliche|schöne|schoene)\\s+(?:grüßen|grüssen|gruessen|grüße|grüsse|gruesse|gruß|gruss)',
      'mfg|lg|vg|bg|gruß|gruss|grüße|grüsse|gruesse|ciao|tschüss|tschuess|servus|cheers|regards|sincerely|best|thanks|thank\\s+you|many\\s+thanks|danke|vielen\\s+dank|dankeschön|beste\\s+grüße',
      '(?:kind|best|warm|warmest|many|with\\s+kind)\\s+(?:regards|wishes|thanks)',
      'yours\\s+(?:sincerely|faithfully|truly)|all\\s+the\\s+best|take\\s+care|best\\s+wishes|hochachtungsvoll',
    ].join('|') +
    ')[\\s,.!]*(?:\\p{L}+[\\s,.!]*){0,2}$',
  'iu',
);
/** A closing formula only starts a signature near the end: "Thanks" at the top is a greeting. */
const SIGNATURE_MAX_LINES = 12;

/** Lines of the seller's own text: quotes, attributions and forwarded headers are cut. */
export function stripQuoted(text: string): string {
  const lines = text.split(/\r?\n/u);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*>/u.test(line)) continue;
    const twoLineAttribution =
      ATTRIBUTION_START.test(line) && i + 1 < lines.length && ATTRIBUTION_END.test(lines[i + 1]);
    const quoteStarts =
      SEPARATOR.test(line) ||
      ATTRIBUTION.test(line) ||
      twoLineAttribution ||
      (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l)));
    if (!quoteStarts) {
      kept.push(line);
      continue;
    }
    // Top-posting: everything below is the earlier message. With nothing of the seller's above
    // it, the rest is inline answers between quotes, whose quoted lines are dropped above.
    if (kept.some((l) => l.trim() !== '')) break;
    if (twoLineAttribution) i++;
  }
  return kept.join('\n');
}

/** Cuts the signature: from a "-- " line, or from a closing formula among the last lines. */
export function stripSignature(text: string): string {
  // trimEnd, not /\s+$/u: that regex is quadratic on a long run of whitespace inside the text.
  const lines = text.trimEnd().split('\n');
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  for (let i = firstContent + 1; i < lines.length; i++) {
    if (SIG_DELIMITER.test(lines[i])) return lines.slice(0, i).join('\n');
  }
  const from = Math.max(firstContent + 1, lines.length - SIGNATURE_MAX_LINES);
  for (let i = from; i < lines.length; i++) {
    if (CLOSING.test(lines[i])) return lines.slice(0, i).join('\n');
  }
  return lines.join('\n');
}

const URGENT_MARKERS = [
  /\[\s*(?:important|wichtig)\s*\]/giu,
  /additional\s+information\s+required/giu,
  /zus(?:ä|ae|a)tzliche\s+informationen\s+erforderlich/giu,
];
const REPLY_PREFIX = /^(?:\s*(?:re|aw|wg|fw|fwd|antw|sv|vs)\s*(?:\[\d+\])?\s*:\s*)+/iu;

/** The subject without reply/forward prefixes and urgent markers (they are evidence for R10/R11, not R12). */
export function cleanSubject(subject: string): string {
  let s = subject.replace(REPLY_PREFIX, '');
  for (const marker of URGENT_MARKERS) s = s.replace(marker, ' ');
  return s.replace(REPLY_PREFIX, '').replace(/\s+/gu, ' ').trim();
}

/**
 * Subject and body as the classifier reads them. A body that is HTML source (pasted into a
 * plain-text part, or handed to `parley check` as a file) is read as the text it shows.
 */
export interface OwnText {
  subject: string;
  body: string;
  /** The message answers an earlier one: a "Re:"/"AW:" subject, or a quote below the answer. */
  answers: boolean;
}

export function ownText(subject: string, body: string): OwnText {
  const html = looksLikeHtml(body);
  const limit = html ? MAX_HTML_CHARS : MAX_CLASSIFIED_CHARS * 4;
  const cut = body.length > limit ? body.slice(0, limit) : body;
  const head = (html ? htmlToText(cut) : cut).normalize('NFC').replace(/\r\n?/gu, '\n');
  const unquoted = stripQuoted(head);
  const own = stripSignature(unquoted);
  const s = subject.normalize('NFC');
  return {
    subject: cleanSubject(s).slice(0, 500),
    body: own.slice(0, MAX_CLASSIFIED_CHARS),
    answers: REPLY_PREFIX.test(s) || unquoted.length < head.trimEnd().length - 1,
  };
}

/**
 * Lower case, umlauts written out (ä → ae, ß → ss) so "Größe" and "Groesse" are one word, other
 * accents dropped.
 */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Most words are plain ASCII: nothing to fold.
  if (!/[^ -~]/u.test(lower)) return lower;
  return lower
    .replace(/ä/gu, 'ae')
    .replace(/ö/gu, 'oe')
    .replace(/ü/gu, 'ue')
    .replace(/ß/gu, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
