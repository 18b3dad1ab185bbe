import { describe, expect, it } from 'vitest';
import { decodeHeaderValue, decodeWords, encodeWord, encodeWords, foldField } from './encoded-words.js';

describe('encoded-words', () => {
  it.each(['Jörg Müller', 'Ελληνικά κείμενα', '日本語のテキスト', 'a'.repeat(200) + 'é', '😀 emoji', 'x_y=z?'])(
    'encodeWord round-trips %s in words of at most 75 characters',
    (text) => {
      const encoded = encodeWord(text);
      for (const word of encoded.split(' ')) expect(word.length).toBeLessThanOrEqual(75);
      expect(/^[\x21-\x7e ]*$/.test(encoded)).toBe(true);
      expect(decodeWords(encoded)).toBe(text);
    },
  );

  it('encodeWords keeps plain words readable', () => {
    const encoded = encodeWords('Re: Bestellung für Jörg bitte');
    expect(encoded.startsWith('Re: Bestellung ')).toBe(true);
    expect(encoded.endsWith(' bitte')).toBe(true);
    expect(decodeWords(encoded)).toBe('Re: Bestellung für Jörg bitte');
  });

  it.each([
    ['=?iso-8859-1?q?this=20is=20some=20text?=', 'this is some text'],
    ['=?UTF-8?B?SsO2cmc=?= <j@x.de>', 'Jörg <j@x.de>'],
    ['=?utf-8?q?a?= =?utf-8?q?b?=', 'ab'],
    ['=?utf-8?B?w6Q=?=\r\n =?utf-8?B?w7Y=?=', 'äö'],
    // A character split across two words decodes once the bytes are joined.
    ['=?utf-8?B?ww==?= =?utf-8?B?pA==?=', 'ä'],
    ['=?utf-8?q?=C3?= =?utf-8?q?=A4?=', 'ä'],
    ['plain =?utf-8?q?x?= plain', 'plain x plain'],
    ['=?NONE?B?VEVTVA=?=', '=?NONE?B?VEVTVA=?='],
    ['=?utf-8*de?q?Gr=C3=BC=C3=9Fe?=', 'Grüße'],
  ])('decodeWords(%j)', (input, expected) => {
    expect(decodeWords(input)).toBe(expected);
  });

  it('decodeHeaderValue reads raw UTF-8 bytes, falling back to latin1', () => {
    expect(decodeHeaderValue(Buffer.from('Grüße', 'utf8').toString('latin1'))).toBe('Grüße');
    expect(decodeHeaderValue('Gr\xfc\xdfe')).toBe('Grüße');
  });

  it('foldField breaks before whitespace only', () => {
    const folded = foldField('Subject', 'x'.repeat(100) + ' short', '\r\n');
    expect(folded).toBe(`Subject: ${'x'.repeat(100)}\r\n short\r\n`);
  });
});
