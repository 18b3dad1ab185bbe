/**
 * R12: what kind of message is this? A trained linear model (`model.ts`) over the seller's own
 * words (`text.ts`), explained by the phrases that pushed towards the chosen category and those
 * that pushed towards the runner-up, so a seller sees why Parley thinks a message is a review
 * request and not a customization question.
 */
import { NECESSARY_CATEGORIES } from '../../../shared/domain.js';
import type { Classification, Language, MessageCategory, OrderCategory } from '../../../shared/domain.js';
import { detectLanguage, isStopWord } from './language.js';
import { extractFeatures } from './features.js';
import type { Features } from './features.js';
import { logits, rowsOf, shippedModel, softmax, tokenContributions } from './model.js';
import type { LinearModel } from './model.js';
import { ownText } from './text.js';

export { detectLanguage } from './language.js';

/** What is known besides the words: context moves the odds, it never decides alone. */
export interface ClassifyContext {
  /** Categories of the orders the message is about: handmade and custom-made orders are made to a buyer's wishes. */
  orderCategories?: readonly OrderCategory[];
  /** The topic the seller picked in the composer ("Address problem"). */
  topic?: string;
  /** The message replies to one the buyer sent (R10a's In-Reply-To/References). */
  repliesToBuyer?: boolean;
}

/** Log-odds added for context, after calibration. The seller's own choice weighs most. */
const TOPIC_PRIOR = 1.6;
const MADE_TO_ORDER_PRIOR = 0.9;
const MAX_PHRASES = 3;
const MAX_AGAINST = 2;
const MIN_WORDS = 2;
/** A runner-up below this probability was no contender: its phrases are not shown. */
const CONTENDER = 0.05;

interface Texts {
  subject: string;
  body: string;
}

/**
 * The phrases behind a contribution: the strongest words, each grown into the neighbouring
 * words that pushed the same way, quoted as the seller wrote them.
 */
function phrasesOf(
  texts: Texts,
  features: Features,
  contributions: Float64Array,
  sign: 1 | -1,
  limit: number,
): string[] {
  const { tokens } = features;
  // A phrase starts at a word a seller would recognize as meaningful: not "the", "Ihre" or "?".
  const seeds = [...contributions.keys()]
    .filter((i) => sign * contributions[i] > 0 && isContentWord(features.words[i]))
    .sort((a, b) => sign * (contributions[b] - contributions[a]));
  if (seeds.length === 0) return [];
  const strongest = sign * contributions[seeds[0]];
  const used = new Set<number>();
  const phrases: string[] = [];
  for (const seed of seeds) {
    const strength = sign * contributions[seed];
    if (phrases.length >= limit || strength < strongest * 0.2 || strength < 0.05) break;
    if (used.has(seed)) continue;
    const text = texts[tokens[seed].field];
    // Neighbours join when they pushed the same way and stand in the same clause.
    const joins = (i: number, j: number): boolean =>
      i >= 0 &&
      i < tokens.length &&
      !used.has(i) &&
      tokens[i].field === tokens[seed].field &&
      /\p{L}/u.test(features.words[i]) &&
      sign * contributions[i] > strength * 0.25 &&
      /^[\s'’-]*$/u.test(
        text.slice(Math.min(tokens[i].end, tokens[j].end), Math.max(tokens[i].start, tokens[j].start)),
      );
    let first = seed;
    let last = seed;
    while (last - first < 4 && joins(first - 1, first)) first--;
    while (last - first < 4 && joins(last + 1, last)) last++;
    for (let i = first; i <= last; i++) used.add(i);
    const phrase = text.slice(tokens[first].start, tokens[last].end).replace(/\s+/gu, ' ');
    if (!phrases.includes(phrase)) phrases.push(phrase);
  }
  return phrases;
}

function isContentWord(word: string): boolean {
  return word.length >= 4 && /\p{L}/u.test(word) && !isStopWord(word.toLowerCase());
}

function contextPriors(model: LinearModel, context: ClassifyContext): { priors: Float64Array; notes: string[] } {
  const priors = new Float64Array(model.labels.length);
  const notes: string[] = [];
  const topic = model.labels.indexOf(context.topic as MessageCategory);
  if (topic >= 0 && context.topic !== 'other') {
    priors[topic] += TOPIC_PRIOR;
    notes.push(`topic chosen: ${context.topic}`);
  }
  const made = (context.orderCategories ?? []).find((c) => c === 'handmade' || c === 'custom');
  const customization = model.labels.indexOf('customization');
  if (made && customization >= 0) {
    priors[customization] += MADE_TO_ORDER_PRIOR;
    notes.push(`the order is ${made === 'custom' ? 'custom-made' : made}`);
  }
  return { priors, notes };
}

export function classify(
  subject: string,
  text: string,
  languageHint: Language,
  context: ClassifyContext = {},
  model = shippedModel(),
): Classification {
  const texts = ownText(subject, text);
  const language = detectLanguage(`${texts.subject}\n${texts.body}`, languageHint);
  const answers = texts.answers || context.repliesToBuyer === true;
  const features = extractFeatures(texts.subject, texts.body, language, answers);
  const rows = rowsOf(model, features);
  const scores = logits(model, features, rows);
  const { priors, notes } = contextPriors(model, context);
  if (answers) notes.push('answers a buyer message');
  const probabilities = softmax(Array.from(scores, (s, k) => s / model.temperature + priors[k]));

  const ranked = [...probabilities.keys()].sort((a, b) => probabilities[b] - probabilities[a]);
  const [top, second] = ranked;
  const guess = model.labels[top];
  // Two decimals, and never 1: a calibrated model is not certain of anything.
  const confidence = Math.min(0.99, Math.round(probabilities[top] * 100) / 100);
  const contributions = tokenContributions(model, features, top, second, rows);
  const phrases = phrasesOf(texts, features, contributions, 1, MAX_PHRASES);
  // The other side is worth showing only when it was a real contender.
  const against = probabilities[second] >= CONTENDER ? phrasesOf(texts, features, contributions, -1, MAX_AGAINST) : [];
  // A message of one word ("ok", "Danke") is nothing to be sure of, whatever the weights say.
  const words = features.stems.filter((s) => s !== '#' && s !== '?').length;
  const unsure = probabilities[top] < model.threshold || words < MIN_WORDS;
  const category: MessageCategory = unsure ? 'other' : guess;
  return {
    category,
    necessary: category === 'other' ? null : NECESSARY_CATEGORIES.includes(category),
    // Too few words is no evidence at all, whatever the weights made of them.
    confidence: words < MIN_WORDS ? 0 : confidence,
    phrases,
    language,
    runnerUp: model.labels[second],
    against,
    unsure,
    ...(unsure && guess !== 'other' ? { guess } : {}),
    context: notes,
  };
}
