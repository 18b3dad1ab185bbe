import { describe, expect, it } from 'vitest';
import { formatAddress, formatAddressList, parseAddressList } from './addresses.js';

describe('parseAddressList', () => {
  it('parses names, groups and encoded names', () => {
    expect(parseAddressList('"Doe, Jane" <jane@x.test>, group: a@b.c, d@e.f;, =?utf-8?q?J=C3=B6rg?= <j@x.de>')).toEqual(
      [
        { name: 'Doe, Jane', address: 'jane@x.test' },
        { name: '', address: 'a@b.c' },
        { name: '', address: 'd@e.f' },
        { name: 'Jörg', address: 'j@x.de' },
      ],
    );
  });

  it('never throws on garbage', () => {
    expect(() => parseAddressList('<<<"\\')).not.toThrow();
  });
});

describe('formatAddress', () => {
  it.each([
    [{ name: '', address: 'a@b.c' }, 'a@b.c'],
    [{ name: 'Jane Doe', address: 'a@b.c' }, 'Jane Doe <a@b.c>'],
    [{ name: 'Doe, Jane', address: 'a@b.c' }, '"Doe, Jane" <a@b.c>'],
    [{ name: 'Say "hi" \\o/', address: 'a@b.c' }, '"Say \\"hi\\" \\\\o/" <a@b.c>'],
    [{ name: 'Evil\r\nBcc: x@y.z', address: 'a@b.c' }, '"Evil Bcc: x@y.z" <a@b.c>'],
  ])('%j → %s', (mailbox, expected) => {
    expect(formatAddress(mailbox)).toBe(expected);
  });

  it('encodes non-ASCII names so that the result is 7-bit and parses back', () => {
    const formatted = formatAddress({ name: 'Jörg’s Shop, Köln', address: 'shop@relay.test' });
    expect(/^[\x20-\x7e]*$/.test(formatted)).toBe(true);
    expect(parseAddressList(formatted)).toEqual([{ name: 'Jörg’s Shop, Köln', address: 'shop@relay.test' }]);
  });

  it('formats a list', () => {
    expect(
      formatAddressList([
        { name: 'A', address: 'a@b.c' },
        { name: '', address: 'd@e.f' },
      ]),
    ).toBe('A <a@b.c>, d@e.f');
  });
});
