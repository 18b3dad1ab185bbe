import { describe, expect, it } from 'vitest';
import { MAX_CLASSIFIED_CHARS, cleanSubject, fold, ownText, stripQuoted, stripSignature } from './text.js';

describe("stripQuoted: the buyer's quoted message is not the seller's words", () => {
  it.each([
    ['> lines and the attribution line', 'Yes.\nAm 3. Mai schrieb Käufer:\n> Frage\n  > more', 'Yes.'],
    [
      'top-posting: everything under "On … wrote:"',
      'Shipped today.\n\nOn Tue, 3 Mar 2026 at 14:02, Anna Buyer <a@example.org> wrote:\nWhen will it arrive?',
      'Shipped today.\n',
    ],
    [
      'a Gmail attribution wrapped over two lines',
      'Ja, gerne.\n\nAm Di., 3. März 2026 um 14:02 Uhr schrieb Anna\n<a@example.org>:\nWann kommt es?',
      'Ja, gerne.\n',
    ],
    [
      'an Outlook separator',
      'Anbei die Rechnung.\n-----Ursprüngliche Nachricht-----\nVon: Anna\nBitte bewerten',
      'Anbei die Rechnung.',
    ],
    [
      'an Outlook header block',
      'Here is the invoice.\n\nFrom: Anna Buyer\nSent: Tuesday, March 3, 2026 2:02 PM\nSubject: review\nPlease rate us',
      'Here is the invoice.\n',
    ],
  ])('%s', (_name, text, expected) => {
    expect(stripQuoted(text)).toBe(expected);
  });

  it('keeps inline answers between quotes', () => {
    expect(stripQuoted('> Which colour?\nBlue, please.\n> And the size?\nL.')).toBe('Blue, please.\nL.');
  });
});

describe('stripSignature', () => {
  it.each([
    ['a "-- " delimiter', 'Your parcel is late.\n-- \nAnna\nShop GmbH', 'Your parcel is late.'],
    [
      'a German closing and a legal footer',
      'Welche Gravur?\n\nMit freundlichen Grüßen\nThomas Brandt\nGeschäftsführer: T. Brandt, HRB 1234',
      'Welche Gravur?\n',
    ],
    ['"LG Steffi"', 'Das Foto ist zu klein.\n\nLG Steffi', 'Das Foto ist zu klein.\n'],
    ['"Kind regards,"', 'Shipped.\nKind regards,\nDan', 'Shipped.'],
  ])('%s', (_name, text, expected) => {
    expect(stripSignature(text)).toBe(expected);
  });

  it('keeps a sentence that only starts like a closing', () => {
    expect(stripSignature('Hi Sam,\nThanks for your order of the oak table.\nWhen are you at home?')).toContain(
      'When are you at home?',
    );
  });
});

// MIME fuzz: a seller's text with a long run of whitespace inside made /\s+$/ quadratic.
describe('stripSignature on a long whitespace run', () => {
  it('runs in linear time', () => {
    const started = performance.now();
    expect(stripSignature(`Hallo${' '.repeat(200_000)}x\n-- \nShop`)).toBe(`Hallo${' '.repeat(200_000)}x`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('cleanSubject', () => {
  it.each([
    ['[Wichtig] Ihre Bestellung', 'Ihre Bestellung'],
    ['AW: Re: [IMPORTANT] your order', 'your order'],
    ['Zusätzliche Informationen erforderlich', ''],
    ['Additional information required: engraving', ': engraving'],
  ])('%s → %s', (subject, expected) => {
    expect(cleanSubject(subject)).toBe(expected);
  });
});

describe('fold', () => {
  it('writes umlauts out, so "Größe" and "Groesse" are one word', () => {
    expect(fold('Größe')).toBe(fold('Groesse'));
    expect(fold('Café ÜBER')).toBe('cafe ueber');
  });
});

describe('ownText', () => {
  it('cuts very long texts, so the classifier stays fast', () => {
    expect(ownText('s', 'Wort '.repeat(100_000)).body.length).toBeLessThanOrEqual(MAX_CLASSIFIED_CHARS);
  });
});
