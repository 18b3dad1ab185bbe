/**
 * Which language a message is written in, for stemming and for the reader: German or English
 * stop words counted; the seller's marketplace language breaks a tie.
 */
import type { Language } from '../../../shared/domain.js';

/** German and English stop words for language detection; words that are both are left out. */
const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  de: new Set([
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'sie',
    'ich',
    'wir',
    'ihre',
    'ihr',
    'ihnen',
    'bitte',
    'mit',
    'für',
    'auf',
    'ein',
    'eine',
    'einen',
    'zu',
    'von',
    'den',
    'dem',
    'des',
    'wurde',
    'haben',
    'sind',
    'uns',
    'noch',
    'wenn',
    'oder',
    'auch',
    'nach',
    'bei',
    'vielen',
    'dank',
    'grüße',
    'freundlichen',
    'sehr',
    'geehrte',
    'geehrter',
    'hallo',
    'ihrer',
    'ihren',
    'können',
    'gerne',
    'werden',
  ]),
  en: new Set([
    'the',
    'and',
    'is',
    'not',
    'you',
    'we',
    'your',
    'please',
    'with',
    'for',
    'on',
    'a',
    'to',
    'of',
    'has',
    'have',
    'been',
    'are',
    'our',
    'us',
    'this',
    'that',
    'if',
    'or',
    'thank',
    'thanks',
    'regards',
    'dear',
    'hello',
    'hi',
    'would',
    'could',
    'can',
    'it',
    'be',
    'my',
    'best',
    'kind',
    'order',
    'at',
  ]),
};

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

/** A German or English function word ("ihre", "your"): no phrase starts at one. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.de.has(word) || STOP_WORDS.en.has(word) || EXTRA_FUNCTION_WORDS.has(word);
}

const EXTRA_FUNCTION_WORDS = new Set([
  'this',
  'that',
  'there',
  'here',
  'they',
  'them',
  'what',
  'when',
  'from',
  'just',
  'also',
  'will',
  'your',
  'yours',
  'about',
  'some',
  'dies',
  'diese',
  'dieser',
  'dieses',
  'eine',
  'einer',
  'eines',
  'einem',
  'ihre',
  'ihren',
  'ihrem',
  'ihres',
  'sich',
  'aber',
  'dann',
  'schon',
  'hier',
  'dass',
  'euch',
  'eure',
  'deine',
  'dein',
]);
