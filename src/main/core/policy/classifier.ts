/**
 * R12: what kind of message is this? Rule-based so that a seller can be shown exactly which
 * words made Parley think a message is a review request and not a customization question.
 */
import { CATEGORIES, NECESSARY_CATEGORIES } from '../../../shared/domain.js';
import type { Classification, Language } from '../../../shared/domain.js';
import { LEXICON, STOP_WORDS } from './classifier-lexicon.js';
import type { ClassifiedCategory, Phrase } from './classifier-lexicon.js';

/** A subject names what the message is for; the body wanders. */
const SUBJECT_FACTOR = 2;
/** Below this score nothing is sure enough: one weak body hit stays 'other'. */
const MIN_SCORE = 1.5;
/** A score at which one category alone is certain (a strong phrase in the subject is 6). */
const CERTAIN_SCORE = 4;

const CLASSIFIED = CATEGORIES.filter((c): c is ClassifiedCategory => c !== 'other');

/**
 * Quoted lines belong to the earlier message (often the buyer's): a seller quoting "please
 * send me the manual" is not sending a manual. The attribution line before a quote
 * ("On … wrote:", "Am … schrieb …:") goes too, as it carries no meaning of its own.
 */
export function stripQuoted(text: string): string {
  return text
    .split(/\r?\n/u)
    .filter((line) => !/^\s*>/u.test(line))
    .filter((line) => !/^\s*(?:on\s.+\swrote|am\s.+\sschrieb.*):\s*$/iu.test(line))
    .join('\n');
}

/** Counts stop words of each language; the hint (the seller's marketplace) breaks a tie. */
export function detectLanguage(text: string, hint: Language): Language {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let de = 0;
  let en = 0;
  for (const word of words) {
    if (STOP_WORDS.de.has(word)) de++;
    if (STOP_WORDS.en.has(word)) en++;
  }
  if (de === en) return hint;
  return de > en ? 'de' : 'en';
}

interface Span {
  start: number;
  end: number;
}

interface CategoryScore {
  category: ClassifiedCategory;
  score: number;
  phrases: string[];
}

/**
 * Scores one field for one category. Strongest phrases go first and each claims its span, so
 * "has been delayed" counts once as a strong phrase and not again as the weak word "delay";
 * the same goes for a word that is in both languages' lists ("feedback"). Each phrase counts
 * once per field, so a seller repeating "review" five times is not five times as sure.
 */
function scoreField(field: string, phrases: Phrase[], factor: number, into: CategoryScore): void {
  const claimed: Span[] = [];
  for (const { pattern, weight } of phrases) {
    for (const match of field.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (claimed.some((c) => span.start < c.end && c.start < span.end)) continue;
      claimed.push(span);
      into.score += weight * factor;
      const phrase = match[0].trim();
      if (!into.phrases.includes(phrase)) into.phrases.push(phrase);
      break;
    }
  }
}

/**
 * Both languages' phrases are tried on every message: German sellers write "Tracking-Nummer"
 * and "Feedback", English ones paste German carrier notices. The language is detected for
 * the reader, not to pick a list.
 */
// Both languages' phrases per category, strongest first; built once.
const SORTED_PHRASES = Object.fromEntries(
  CLASSIFIED.map((category) => [category, [...LEXICON[category].de, ...LEXICON[category].en].sort((a, b) => b.weight - a.weight)]),
) as Record<(typeof CLASSIFIED)[number], Phrase[]>;

export function classify(subject: string, text: string, languageHint: Language): Classification {
  const body = stripQuoted(text).normalize('NFC');
  const head = subject.normalize('NFC');
  const language = detectLanguage(`${head}\n${body}`, languageHint);

  const scores: CategoryScore[] = CLASSIFIED.map((category) => {
    const score: CategoryScore = { category, score: 0, phrases: [] };
    const phrases = SORTED_PHRASES[category];
    scoreField(head, phrases, SUBJECT_FACTOR, score);
    scoreField(body, phrases, 1, score);
    return score;
  });

  // Stable sort keeps CATEGORIES order on a tie, and that order lists the necessary categories
  // first: a message that is as much a customization question as a review request gets the
  // benefit of the doubt, since R11 only warns about it.
  const ranked = [...scores].sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (top.score < MIN_SCORE) {
    // 'other' is the absence of evidence, so there is nothing to be confident about.
    return { category: 'other', necessary: null, confidence: 0, phrases: [], language };
  }
  const total = scores.reduce((sum, s) => sum + s.score, 0);
  const share = top.score / total;
  const strength = Math.min(1, top.score / CERTAIN_SCORE);
  return {
    category: top.category,
    necessary: NECESSARY_CATEGORIES.includes(top.category),
    confidence: Math.round(share * strength * 100) / 100,
    phrases: top.phrases,
    language,
  };
}
