import { describe, expect, it } from 'vitest';
import { decodeWords } from './encoded-words.js';
import { HeaderEditor, parseFields } from './header-block.js';
import { hostPattern, replaceAddressesInFields, replaceHostNames } from './header-addresses.js';

const REAL = 'jane.buyer@example.com';
const ALIAS = 't969vz2jn3bdsy7@relay.test';
const crlf = (text: string): Buffer => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

function rewrite(header: string): string {
  return Buffer.concat(replaceAddressesInFields(parseFields(crlf(header)), [REAL], ALIAS).map((f) => f.raw))
    .toString('latin1')
    .replace(/\r\n/g, '\n');
}

describe('replaceAddressesInFields (R5)', () => {
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

  it('does not touch a different address whose domain only starts the same', () => {
    const header = 'From: jane.buyer@example.community\n';
    expect(rewrite(header)).toBe(header);
  });

  // The matcher errs on hiding: the address at the end of a longer local part (`scan-<address>.pdf`) or before more
  // domain labels is replaced too, which can only over-hide, never show the real address.
  it.each([
    ['longer local part', 'From: xjane.buyer@example.com\n'],
    ['longer domain', 'From: jane.buyer@example.com.evil.test\n'],
    ['dotted prefix', 'From: x.jane.buyer@example.com\n'],
  ])('hides it inside a longer address too: %s', (_name, header) => {
    expect(rewrite(header)).not.toMatch(/jane\.buyer@example\.com/i);
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
    const out = replaceAddressesInFields(fields, [REAL], ALIAS);
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
    const [out] = replaceAddressesInFields(parseFields(raw), [REAL], ALIAS);
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

describe('replaceHostNames', () => {
  // MIME fuzz (seed 1510427990, messages 24119 and 56555): a From of `x@` and 50,000 dots made the host
  // pattern too large to compile, and the rewrite threw a SyntaxError.
  it('ignores a domain longer than a host name can be instead of throwing', () => {
    const fields = parseFields(Buffer.from('User-Agent: Mail on host.shop.example\r\n', 'latin1'));
    expect(() => hostPattern(['.'.repeat(50_000)])).not.toThrow();
    const out = replaceHostNames(fields, ['.'.repeat(50_000), 'shop.example'], 'relay.test');
    expect(out[0].raw.toString('latin1')).toBe('User-Agent: Mail on relay.test\r\n');
  });
});
