/**
 * The words of a message worth checking: letters (any script) with inner apostrophes or hyphens. Left out: quoted lines
 * of a reply ("> …"), web and mail addresses, words with digits, all-capital abbreviations, single letters and
 * template variables ({buyerName}).
 */
export interface WordAt {
  word: string;
  start: number;
  end: number;
}

const SKIP = /(?:https?:\/\/|mailto:|www\.)\S+|\S+@\S+|\{\w+\}/giu;
const WORD = /\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*/gu;

export function wordsOf(text: string): WordAt[] {
  const words: WordAt[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (!/^\s*>/.test(line)) {
      const cleaned = line.replace(SKIP, (m) => ' '.repeat(m.length));
      for (const match of cleaned.matchAll(WORD)) {
        const word = match[0].replace(/['’]+$/, '');
        const before = cleaned[(match.index ?? 0) - 1] ?? ' ';
        if (word.length < 2 || /\d/.test(before) || word === word.toUpperCase()) continue;
        words.push({ word, start: offset + (match.index ?? 0), end: offset + (match.index ?? 0) + word.length });
      }
    }
    offset += line.length + 1;
  }
  return words;
}

/** The word at `index` (a caret or a click), if any. */
export function wordAt(text: string, index: number): WordAt | null {
  return wordsOf(text).find((w) => index >= w.start && index <= w.end) ?? null;
}
