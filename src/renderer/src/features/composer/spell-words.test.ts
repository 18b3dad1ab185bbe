import { describe, expect, it } from 'vitest';
import { wordAt, wordsOf } from './spell-words';

describe('the words the spell checker looks at', () => {
  it('takes words in any language with their positions', () => {
    expect(wordsOf('Die Lieferrung\nkommt übermorgen.')).toEqual([
      { word: 'Die', start: 0, end: 3 },
      { word: 'Lieferrung', start: 4, end: 14 },
      { word: 'kommt', start: 15, end: 20 },
      { word: 'übermorgen', start: 21, end: 31 },
    ]);
  });

  it('leaves out quoted lines, addresses, abbreviations, numbers and template variables', () => {
    const text =
      'Hallo {buyerName},\n> Wo ist meine Bestelung?\nSiehe https://dhl.de/x oder shop@holz.example, DHL, 3x';
    expect(wordsOf(text).map((w) => w.word)).toEqual(['Hallo', 'Siehe', 'oder']);
  });

  it('finds the word under a caret', () => {
    expect(wordAt('die Lieferrung kommt', 7)).toEqual({ word: 'Lieferrung', start: 4, end: 14 });
    expect(wordAt('die  kommt', 4)).toBeNull();
  });
});
