// @nlpjs's Snowball stemmers ship no types; this is the part of their API the classifier uses.
declare module '@nlpjs/lang-de/src/stemmer-de.js' {
  export default class StemmerDe {
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}
declare module '@nlpjs/lang-en-min/src/stemmer-en.js' {
  export default class StemmerEn {
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}
