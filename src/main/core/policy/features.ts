/**
 * What the R12 model sees of a message: stemmed words and word pairs, and character n-grams of
 * each word (they catch German compounds: "Lieferadresse" shares "adress" with "Adresse").
 * A hand-written phrase lexicon was tried as extra evidence and left out: on mail by writers the
 * model had not read it cost 1.1 points of accuracy (95.2 % → 96.3 % without it), and a third of
 * the time. Features are 32-bit hashes of their text, so a message is read without building
 * thousands of strings; each token remembers its features, so `explainTokens` can split a
 * decision into the seller's own words.
 */
import * as snowballModule from 'snowball-stemmers';
import type { Language } from '../../../shared/domain.js';
import { KeyTable } from './key-table.js';
import { fold } from './text.js';

/** A word counts this many times when it is in the subject: the subject names what a message is for. */
export const SUBJECT_WEIGHT = 2.5;
const NGRAM_MIN = 3;
const NGRAM_MAX = 5;
const MAX_WORD = 40;

export interface Token {
  field: 'subject' | 'body';
  start: number;
  end: number;
}

export interface Features {
  /** The message's distinct feature keys (32-bit hashes) and their values (sublinear counts, each group scaled to unit length). */
  keys: Uint32Array;
  values: Float64Array;
  tokens: Token[];
  /** Per token: its folded word and stem ('#' for a number, '?' for a question mark). */
  words: string[];
  stems: string[];
  /** Which features each token produced: occurrences[firstOccurrence[i] .. firstOccurrence[i + 1]) index `keys`. */
  occurrences: Int32Array;
  firstOccurrence: Int32Array;
  /** Per feature: its weighted count, to split a feature's push among the tokens that share it. */
  counts: Float64Array;
}

// Node's ESM loader gives the UMD module's API as the default export, tsx and bundlers as the namespace.
const snowball = typeof snowballModule.newStemmer === 'function' ? snowballModule : snowballModule.default;
const STEMMERS = { de: snowball.newStemmer('german'), en: snowball.newStemmer('english') };
const STEM_CACHE_LIMIT = 50_000;
const stemCache = { de: new Map<string, string>(), en: new Map<string, string>() };

/** Snowball stemming costs microseconds a word; sellers reuse their words, so stems are cached. */
export function stem(word: string, language: Language): string {
  const cache = stemCache[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = STEMMERS[language].stem(word);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Words, numbers and question marks. A number is one token "#" whatever its digits (order
 * numbers, prices, dates); "?" is a word of its own, because the necessary messages ask the buyer
 * something ("… zu Hause?") and confirmations do not.
 */
const WORD = /[\p{L}\p{N}]+|\?/gu;

// FNV-1a, 32 bit: feature keys are hashes of "<group>:<text>".
const FNV_OFFSET = 0x811c9dc5;
function mix(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
const SEED = { w: mix(FNV_OFFSET, 'w:'), b: mix(FNV_OFFSET, 'b:'), c: mix(FNV_OFFSET, 'c:') };

export function wordKey(stemmed: string): number {
  return mix(SEED.w, stemmed) >>> 0;
}
export function pairKey(previous: string, stemmed: string): number {
  return mix(mix(mix(SEED.b, previous), '_'), stemmed) >>> 0;
}
/** Calls `emit` with the key of every character n-gram of `<word>`. */
export function forEachGram(word: string, emit: (key: number) => void): void {
  const padded = `<${word}>`;
  for (let i = 0; i + NGRAM_MIN <= padded.length; i++) {
    let h = mix(SEED.c, padded, i, i + NGRAM_MIN - 1);
    for (let n = NGRAM_MIN; n <= NGRAM_MAX && i + n <= padded.length; n++) {
      h = Math.imul(h ^ padded.charCodeAt(i + n - 1), 0x01000193);
      emit(h >>> 0);
    }
  }
}

const GROUP = { w: 0, b: 1, c: 2 } as const;

/** The key of "this message answers an earlier one" (see `ownText`). */
export const ANSWERS_KEY = mix(FNV_OFFSET, 'x:answers') >>> 0;

export function extractFeatures(subject: string, body: string, language: Language, answers = false): Features {
  const tokens: Token[] = [];
  const words: string[] = [];
  const stems: string[] = [];
  const table = new KeyTable(2048);
  const keys: number[] = [];
  const groups: number[] = [];
  const counts: number[] = [];
  const occurrences: number[] = [];
  const firstOccurrence: number[] = [];
  let weight = 1;
  const add = (group: number, key: number) => {
    const u = table.intern(key);
    if (u === keys.length) {
      keys.push(key);
      groups.push(group);
      counts.push(0);
    }
    counts[u] += weight;
    occurrences.push(u);
  };
  const addGram = (key: number) => add(GROUP.c, key);
  for (const [field, text] of [['subject', subject], ['body', body]] as const) {
    weight = field === 'subject' ? SUBJECT_WEIGHT : 1;
    let previous = '^';
    for (const match of text.matchAll(WORD)) {
      tokens.push({ field, start: match.index, end: match.index + match[0].length });
      firstOccurrence.push(occurrences.length);
      // No real word is longer; a run of 4,000 letters is garbage and must not cost 4,000 n-grams.
      const folded = fold(match[0].length > MAX_WORD ? match[0].slice(0, MAX_WORD) : match[0]);
      const stemmed = folded === '?' ? '?' : /\p{N}/u.test(folded) ? '#' : stem(folded, language);
      words.push(folded);
      stems.push(stemmed);
      add(GROUP.w, wordKey(stemmed));
      add(GROUP.b, pairKey(previous, stemmed));
      if (stemmed !== '#' && stemmed !== '?') forEachGram(folded, addGram);
      previous = stemmed;
    }
  }
  firstOccurrence.push(occurrences.length);

  // log(1 + count), scaled so each group's vector has length 1: long letters do not shout.
  const values = new Float64Array(keys.length);
  const norms = [0, 0, 0];
  for (let u = 0; u < keys.length; u++) {
    values[u] = Math.log1p(counts[u]);
    norms[groups[u]] += values[u] * values[u];
  }
  for (let u = 0; u < keys.length; u++) values[u] /= Math.sqrt(norms[groups[u]]) || 1;
  // An answer to the buyer is likelier an answer to a product question than unsolicited advice.
  const all = answers ? [...keys, ANSWERS_KEY] : keys;
  const allValues = answers ? Float64Array.from([...values, 1]) : values;
  return {
    keys: Uint32Array.from(all),
    values: allValues,
    tokens,
    words,
    stems,
    occurrences: Int32Array.from(occurrences),
    firstOccurrence: Int32Array.from(firstOccurrence),
    counts: Float64Array.from(counts),
  };
}

/**
 * How much each word pushed one way: `push[u]` is feature u's push (value × weight difference);
 * a feature several words share is split among them by their weight.
 */
export function explainTokens(features: Features, push: Float64Array): Float64Array {
  const { tokens, occurrences, firstOccurrence, counts } = features;
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const weight = tokens[i].field === 'subject' ? SUBJECT_WEIGHT : 1;
    for (let j = firstOccurrence[i]; j < firstOccurrence[i + 1]; j++) {
      const u = occurrences[j];
      out[i] += (push[u] * weight) / counts[u];
    }
  }
  return out;
}
