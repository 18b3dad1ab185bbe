/**
 * What the R12 model sees of a message: stemmed words and word pairs, and character n-grams of
 * each word (they catch German compounds: "Lieferadresse" shares "adress" with "Adresse").
 * A hand-written phrase lexicon was tried as extra evidence and left out: on mail by writers the
 * model had not read it cost 1.1 points of accuracy (95.2 % → 96.3 % without it), and a third of
 * the time. Features are 32-bit hashes of their text, so a message is read without building
 * thousands of strings; each token remembers its features, so `explainTokens` can split a
 * decision into the seller's own words.
 */
import StemmerDe from '@nlpjs/lang-de/src/stemmer-de.js';
import StemmerEn from '@nlpjs/lang-en-min/src/stemmer-en.js';
import type { Language } from '../../../shared/domain.js';
import { fold } from './text.js';

/** A word counts this many times when it is in the subject: the subject names what a message is for. */
export const SUBJECT_WEIGHT = 2.5;
const NGRAM_MIN = 3;
const NGRAM_MAX = 5;
const MAX_WORD = 24;

export interface Token {
  field: 'subject' | 'body';
  start: number;
  end: number;
}

export interface Features {
  /**
   * The message's distinct feature keys (32-bit hashes) and their values (sublinear counts, each group scaled to unit
   * length).
   */
  keys: Uint32Array;
  values: Float64Array;
  tokens: Token[];
  /** Per token: the word as written and its stem ('#' for a number, '?' for a question mark). */
  words: string[];
  stems: string[];
  /** Which features each token produced: occurrences[firstOccurrence[i] .. firstOccurrence[i + 1]) index `keys`. */
  occurrences: Int32Array;
  firstOccurrence: Int32Array;
  /** Per feature: its weighted count, to split a feature's push among the tokens that share it. */
  counts: Float64Array;
}

/**
 * Snowball's German and English stemmers, as ported by @nlpjs: the same stems as the reference
 * (checked on every word of the policy corpus) at a microsecond a word, where snowball-stemmers
 * took twenty. Their own `stemWord` keeps an unbounded cache, so the algorithm is called directly
 * and the cache here is bounded.
 */
const STEMMERS = { de: new StemmerDe(), en: new StemmerEn() };
const STEM_CACHE_LIMIT = 50_000;
const stemCache = { de: new Map<string, string>(), en: new Map<string, string>() };

function stem(word: string, language: Language): string {
  const cache = stemCache[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    const stemmer = STEMMERS[language];
    stemmer.setCurrent(word);
    stemmer.innerStem();
    stemmed = stemmer.getCurrent();
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

function wordKey(stemmed: string): number {
  return mix(SEED.w, stemmed) >>> 0;
}
function pairKey(previous: string, stemmed: string): number {
  return mix(mix(mix(SEED.b, previous), '_'), stemmed) >>> 0;
}
/** Calls `emit` with the key of every character n-gram of `<word>`. */
function forEachGram(word: string, emit: (key: number) => void): void {
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
const ANSWERS_KEY = mix(FNV_OFFSET, 'x:answers') >>> 0;

/** What one word contributes whatever its neighbours: its stem, the stem's key, its n-gram keys. */
interface WordFeatures {
  stem: string;
  key: number;
  grams: Uint32Array;
}

const WORD_CACHE_LIMIT = 50_000;
const wordCache = { de: new Map<string, WordFeatures>(), en: new Map<string, WordFeatures>() };
const NO_GRAMS = new Uint32Array(0);

/** A seller's words repeat from message to message: each is folded, stemmed and hashed once. */
function wordFeatures(raw: string, language: Language): WordFeatures {
  const cache = wordCache[language];
  let found = cache.get(raw);
  if (found) return found;
  // No real word is longer; a run of 4,000 letters is garbage and must not cost 4,000 n-grams.
  const folded = fold(raw.length > MAX_WORD ? raw.slice(0, MAX_WORD) : raw);
  const stemmed = folded === '?' ? '?' : /\p{N}/u.test(folded) ? '#' : stem(folded, language);
  let grams = NO_GRAMS;
  if (stemmed !== '#' && stemmed !== '?') {
    const list: number[] = [];
    forEachGram(folded, (k) => list.push(k));
    grams = Uint32Array.from(list);
  }
  found = { stem: stemmed, key: wordKey(stemmed), grams };
  if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
  cache.set(raw, found);
  return found;
}

/**
 * Scratch space for one message's counting, reused from message to message (classification is
 * synchronous, so one set serves every caller): an open-addressing table whose slots are valid
 * only for the current generation, so nothing needs clearing between messages.
 */
const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const scratch = {
  generation: 0,
  stamp: new Uint32Array(1 << TABLE_BITS),
  slotKey: new Uint32Array(1 << TABLE_BITS),
  slotIndex: new Int32Array(1 << TABLE_BITS),
  keys: new Uint32Array(1 << (TABLE_BITS - 1)),
  counts: new Float64Array(1 << (TABLE_BITS - 1)),
  groups: new Uint8Array(1 << (TABLE_BITS - 1)),
  occurrences: new Int32Array(1 << TABLE_BITS),
};

export function extractFeatures(subject: string, body: string, language: Language, answers = false): Features {
  const { stamp, slotKey, slotIndex, keys, counts, groups, occurrences } = scratch;
  const generation = (scratch.generation = (scratch.generation + 1) >>> 0 || 1);
  const tokens: Token[] = [];
  const words: string[] = [];
  const stems: string[] = [];
  const firstOccurrence: number[] = [];
  let unique = 0;
  let used = 0;
  // Counts one occurrence of `key` (in `group`, by `weight`); false once the scratch space is full.
  const add = (group: number, key: number, weight: number): boolean => {
    if (used >= occurrences.length || unique >= keys.length) return false;
    let i = Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (stamp[i] === generation && slotKey[i] !== key) i = (i + 1) & TABLE_MASK;
    let u: number;
    if (stamp[i] === generation) u = slotIndex[i];
    else {
      stamp[i] = generation;
      slotKey[i] = key;
      slotIndex[i] = u = unique++;
      keys[u] = key;
      groups[u] = group;
      counts[u] = 0;
    }
    counts[u] += weight;
    occurrences[used++] = u;
    return true;
  };
  scan: for (const [field, text] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    const weight = field === 'subject' ? SUBJECT_WEIGHT : 1;
    let previous = '^';
    for (const match of text.matchAll(WORD)) {
      tokens.push({ field, start: match.index, end: match.index + match[0].length });
      firstOccurrence.push(used);
      const word = wordFeatures(match[0], language);
      words.push(match[0]);
      stems.push(word.stem);
      let room = add(GROUP.w, word.key, weight) && add(GROUP.b, pairKey(previous, word.stem), weight);
      for (let g = 0; room && g < word.grams.length; g++) room = add(GROUP.c, word.grams[g], weight);
      if (!room) break scan;
      previous = word.stem;
    }
  }
  firstOccurrence.push(used);

  // log(1 + count), scaled so each group's vector has length 1: long letters do not shout.
  const extra = answers ? 1 : 0;
  const values = new Float64Array(unique + extra);
  const norms = [0, 0, 0];
  for (let u = 0; u < unique; u++) {
    values[u] = Math.log1p(counts[u]);
    norms[groups[u]] += values[u] * values[u];
  }
  for (let u = 0; u < unique; u++) values[u] /= Math.sqrt(norms[groups[u]]) || 1;
  const outKeys = new Uint32Array(unique + extra);
  outKeys.set(keys.subarray(0, unique));
  // An answer to the buyer is likelier an answer to a product question than unsolicited advice.
  if (answers) {
    outKeys[unique] = ANSWERS_KEY;
    values[unique] = 1;
  }
  return {
    keys: outKeys,
    values,
    tokens,
    words,
    stems,
    occurrences: occurrences.slice(0, used),
    firstOccurrence: Int32Array.from(firstOccurrence),
    counts: counts.slice(0, unique),
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
