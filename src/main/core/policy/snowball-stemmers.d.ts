// snowball-stemmers ships no types; this is the part of its API the classifier uses. It is a
// UMD module that marks itself __esModule, so loaders disagree on whether the API is the
// namespace or its default export (see features.ts).
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  const api: { newStemmer(language: string): Stemmer };
  export default api;
}
