/** R10a: a reply's subject and quote. */
import { describe, expect, it } from 'vitest';
import { quoteText, replyBody, replySubject } from './quote';

describe('replySubject', () => {
  it.each([
    ['Engraving', 'Re: Engraving'],
    ['Re: Engraving', 'Re: Engraving'],
    ['AW: Gravur', 'AW: Gravur'],
    ['  RE:shout', 'RE:shout'],
    ['Regarding the lid', 'Re: Regarding the lid'],
  ])('%j → %j', (subject, expected) => expect(replySubject(subject)).toBe(expected));
});

describe('quoteText', () => {
  it('prefixes every line, deepens quotes, keeps empty lines as ">" and normalizes CRLF', () => {
    expect(quoteText('Hi,\r\n\r\n> earlier\nbye\n\n')).toBe('> Hi,\n>\n>> earlier\n> bye');
  });
});

describe('replyBody', () => {
  it('leaves room on top, then the attribution in the seller’s language, then the quote', () => {
    const original = { text: 'Hallo', fromLabel: 'Anna', receivedAt: '2025-03-01T10:00:00Z' };
    expect(replyBody(original, 'de')).toMatch(/^\n\nAm .+ schrieb Anna:\n> Hallo\n$/);
    expect(replyBody(original, 'en')).toMatch(/^\n\nOn .+, Anna wrote:\n> Hallo\n$/);
  });
});
