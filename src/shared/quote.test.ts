/** R10a: a reply's subject and quote, the same in the composer and in the core. */
import { describe, expect, it } from 'vitest';
import { attributionName, hasQuote, isReplySubject, quoteText, replyBody, replySubject } from './quote.js';
import { composeSubject } from './vocabulary.js';

describe('replySubject', () => {
  it.each([
    ['Engraving', 'Re: Engraving'],
    ['Re: Engraving', 'Re: Engraving'],
    ['AW: Gravur', 'AW: Gravur'],
    ['Aw: Gravur', 'Aw: Gravur'],
    ['Antw: Gravur', 'Antw: Gravur'],
    ['Antwort: Gravur', 'Antwort: Gravur'],
    ['  RE:shout', 'RE:shout'],
    ['Re : spaced', 'Re : spaced'],
    ['Re[2]: counted', 'Re[2]: counted'],
    ['Re(3): counted', 'Re(3): counted'],
    ['Re^2: counted', 'Re^2: counted'],
    ['Re: AW: both', 'Re: AW: both'],
    ['Regarding the lid', 'Re: Regarding the lid'],
    ['Areas: wood', 'Re: Areas: wood'],
    ['Antwerp delivery', 'Re: Antwerp delivery'],
    ['', 'Re:'],
  ])('%j → %j', (subject, expected) => expect(replySubject(subject)).toBe(expected));

  it('is idempotent: a reply to a reply is not "Re: Re:"', () => {
    expect(replySubject(replySubject('Delivery'))).toBe('Re: Delivery');
    expect(isReplySubject('re: x')).toBe(true);
    expect(isReplySubject('Rechnung')).toBe(false);
  });
});

describe('quoteText', () => {
  it('prefixes every line, deepens quotes, keeps empty lines as ">" and normalizes CRLF', () => {
    expect(quoteText('Hi,\r\n\r\n> earlier\nbye\n\n')).toBe('> Hi,\n>\n>> earlier\n> bye');
  });

  it('deepens a quote in a quote once per level and drops trailing whitespace', () => {
    expect(quoteText('>> oldest\n> older\nnew  \n \n')).toBe('>>> oldest\n>> older\n> new');
  });
});

describe('replyBody', () => {
  const original = { text: 'Hallo', fromLabel: 'Anna', receivedAt: '2025-03-01T10:00:00Z' };

  it('leaves room on top, then the attribution in the shop’s language with the date in UTC, then the quote', () => {
    expect(replyBody(original, 'de')).toBe('\n\nAm 01.03.2025, 10:00 UTC schrieb Anna:\n> Hallo\n');
    expect(replyBody(original, 'en')).toBe('\n\nOn 1 Mar 2025, 10:00 UTC, Anna wrote:\n> Hallo\n');
  });

  it('puts the answer above the quote, its trailing blank lines dropped', () => {
    expect(replyBody(original, 'en', 'Thursday is fine.\n\n')).toBe(
      'Thursday is fine.\n\nOn 1 Mar 2025, 10:00 UTC, Anna wrote:\n> Hallo\n',
    );
  });

  // Contract fuzz: composer.check of a reply whose body held 900,000 spaces blocked the backend for good:
  // /\s+$/ is quadratic on a run of whitespace that does not end the text.
  it('trims the answer and the original in linear time, whatever whitespace runs they hold', () => {
    const run = ' \n'.repeat(100_000);
    const started = performance.now();
    const body = replyBody({ ...original, text: `Hallo${run}Welt${run}` }, 'en', `Yes.${run}Thanks.${run}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body.startsWith(`Yes.${run}Thanks.\n\nOn 1 Mar 2025`)).toBe(true);
    expect(body.endsWith('> Welt\n')).toBe(true);
  });

  it('shows a time it cannot read as stored', () => {
    expect(replyBody({ ...original, receivedAt: 'yesterday' }, 'en')).toContain('On yesterday, Anna wrote:');
  });
});

describe('attributionName (R5)', () => {
  it.each([
    ['Anna Schmidt', 'Anna Schmidt'],
    ['  Anna  ', 'Anna'],
    [null, 'k3j5h2g7f9d1s4a'],
    ['', 'k3j5h2g7f9d1s4a'],
    ['anna@example.com', 'k3j5h2g7f9d1s4a'],
    ['Anna <anna@example.com>', 'k3j5h2g7f9d1s4a'],
  ])('%j → %j: a name, never an address', (name, expected) =>
    expect(attributionName(name, 'k3j5h2g7f9d1s4a')).toBe(expected),
  );
});

describe('hasQuote', () => {
  it('sees a quoted line anywhere, not a ">" inside a line', () => {
    expect(hasQuote('Fine.\n\n> Hallo')).toBe(true);
    expect(hasQuote('5 > 3')).toBe(false);
  });
});

describe('composeSubject for a reply', () => {
  const base = { subject: '', important: false, language: 'en' as const };
  it('answers under the original subject, "Re:" once, when the seller typed none', () => {
    expect(composeSubject({ ...base, replyTo: 'Delivery' })).toBe('Re: Delivery');
    expect(composeSubject({ ...base, replyTo: 'AW: Lieferung' })).toBe('AW: Lieferung');
    expect(composeSubject({ ...base, replyTo: 'Delivery', important: true })).toBe('[Important] Re: Delivery');
  });
  it('keeps a typed subject, a topic and the order number before the reply subject', () => {
    expect(composeSubject({ ...base, subject: 'Engraving', replyTo: 'Delivery' })).toBe('Engraving');
    expect(composeSubject({ ...base, topic: 'additional-info', replyTo: 'Delivery' })).toBe(
      'Additional information required',
    );
    expect(composeSubject({ ...base, orderId: '302-1', replyTo: 'Delivery' })).toBe('Order 302-1');
  });
  it('treats a subject of nothing but the tag as empty: the tag, then the order number or the reply subject', () => {
    expect(composeSubject({ ...base, subject: '[Wichtig] ', important: true, orderId: '302-1', language: 'de' })).toBe(
      '[Wichtig] Bestellung 302-1',
    );
    expect(composeSubject({ ...base, subject: '[Important]', important: true, replyTo: 'Delivery' })).toBe(
      '[Important] Re: Delivery',
    );
  });
});
