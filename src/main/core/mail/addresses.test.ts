import { describe, expect, it } from 'vitest';
import { formatAddress, formatAddressList, parseAddressList, replaceAddressInHeaders } from './addresses.js';
import { decodeWords } from './encoded-words.js';
import { HeaderEditor, parseFields } from './header-block.js';

const REAL = 'jane.buyer@example.com';
const ALIAS = 't969vz2jn3bdsy7@relay.test';
const crlf = (text: string): Buffer => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

function rewrite(header: string): string {
  return Buffer.concat(replaceAddressInHeaders(parseFields(crlf(header)), REAL, ALIAS).map((f) => f.raw))
    .toString('latin1')
    .replace(/\r\n/g, '\n');
}

describe('replaceAddressInHeaders (R5)', () => {
  it.each([
    ['bare', 'From: jane.buyer@example.com\n', `From: ${ALIAS}\n`],
    ['angle brackets, other case', 'From: Jane <Jane.Buyer@EXAMPLE.com>\n', `From: Jane <${ALIAS}>\n`],
    [
      'quoted display name holding the address',
      'From: "jane.buyer@example.com" <jane.buyer@example.com>\n',
      `From: "${ALIAS}" <${ALIAS}>\n`,
    ],
    [
      'Received for, folded',
      'Received: from x\n\tby y for <jane.buyer@example.com>; Mon, 1 Jan 2024\n',
      `Received: from x\n\tby y for <${ALIAS}>; Mon, 1 Jan 2024\n`,
    ],
    ['list of several', 'Cc: a@b.c, jane.buyer@example.com, d@e.f\n', `Cc: a@b.c, ${ALIAS}, d@e.f\n`],
    [
      'mailto link',
      'List-Unsubscribe: <mailto:jane.buyer@example.com?subject=x>\n',
      `List-Unsubscribe: <mailto:${ALIAS}?subject=x>\n`,
    ],
    ['opaque line', 'not a field jane.buyer@example.com\n', `not a field ${ALIAS}\n`],
  ])('replaces it: %s', (_name, header, expected) => {
    expect(rewrite(header)).toBe(expected);
  });

  it.each([
    ['longer local part', 'From: xjane.buyer@example.com\n'],
    ['longer domain', 'From: jane.buyer@example.com.evil.test\n'],
    ['subdomain label continues', 'From: jane.buyer@example.community\n'],
    ['dotted prefix', 'From: x.jane.buyer@example.com\n'],
  ])('does not touch a different address: %s', (_name, header) => {
    expect(rewrite(header)).toBe(header);
  });

  it('finds the address in an RFC 2047 encoded display name and re-encodes only that run', () => {
    const encoded =
      'From: =?utf-8?B?' + Buffer.from(`Jäne <${REAL}>`).toString('base64') + '?= <jane.buyer@example.com>\n';
    const out = rewrite(encoded);
    expect(out).not.toMatch(/jane\.buyer/i);
    const field = parseFields(Buffer.from(out, 'latin1'))[0];
    expect(decodeWords(field.value)).toBe(`Jäne <${ALIAS}> <${ALIAS}>`);
  });

  it('rewrites only fields that hold the address and keeps the others as the same objects', () => {
    const fields = parseFields(crlf('Subject: hi\nFrom: jane.buyer@example.com\nTo: seller@shop.test\n'));
    const out = replaceAddressInHeaders(fields, REAL, ALIAS);
    expect(out[0]).toBe(fields[0]);
    expect(out[1]).not.toBe(fields[1]);
    expect(out[1].value).toBe(ALIAS);
    expect(out[2]).toBe(fields[2]);
    // The editor takes the rewritten fields as they are.
    expect(new HeaderEditor(out).get('from')).toBe(ALIAS);
  });

  it('keeps 8-bit bytes of a rewritten field', () => {
    const raw = Buffer.concat([
      Buffer.from('From: ', 'latin1'),
      Buffer.from('Jörg', 'utf8'),
      Buffer.from(` <${REAL}>\r\n`, 'latin1'),
    ]);
    const [out] = replaceAddressInHeaders(parseFields(raw), REAL, ALIAS);
    expect(
      out.raw.equals(
        Buffer.concat([
          Buffer.from('From: ', 'latin1'),
          Buffer.from('Jörg', 'utf8'),
          Buffer.from(` <${ALIAS}>\r\n`, 'latin1'),
        ]),
      ),
    ).toBe(true);
  });
});

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
