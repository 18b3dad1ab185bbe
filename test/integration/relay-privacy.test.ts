/**
 * R5, R6 over real SMTP: one message each way with the sender's real address planted in many forms (header fields,
 * encoded-words, text and HTML parts in several encodings, entities, percent escapes, file names, an attached
 * message), and not one occurrence in what the smarthost sink receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitMessage } from '../../src/main/core/mail/header-block.js';
import { findLeaks } from '../../src/main/core/mail/testing/address-leaks.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const BUYER = 'jane.buyer+shop@Buyers.example';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const entities = (text: string): string => [...text].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');

/** A multipart message from `a` naming it (and its domain) in every form the relay must rewrite. */
function planted(a: string, to: string): Buffer {
  const d = a.slice(a.indexOf('@') + 1).toLowerCase();
  const cut = 6;
  const text = [
    `Hello, write to ${a.toUpperCase()} or email=${a} or {${a}}.`,
    '',
    `On Monday <${a}> wrote:`,
    `> my address is '${a}'`,
    '-- ',
    `Jane, ${a}`,
  ].join('\n');
  const html =
    `<p>${a.replace('@', '&#64;')} ${a.replace('@', '&commat;')} ${entities(a)}</p>` +
    `<a href="mailto:${a.replace('@', '%40')}?subject=hi">mail</a>`;
  return Buffer.from(
    [
      `From: "${a}" <${a}>`,
      `To: ${to}`,
      `Subject: =?UTF-8?B?${b64(`Grüße von ${a.slice(0, cut)}`)}?= =?UTF-8?Q?${a.slice(cut).replace(/[@_+]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase()}`)}?=`,
      `Message-ID: <orig-1@${d}>`,
      `In-Reply-To: <earlier@mail.${d}>`,
      `References: <first@${d}> <earlier@mail.${d}>`,
      `Autocrypt: addr=${a}; keydata=${b64(`key of ${a}`)}`,
      `X-Forwarded-For: 198.51.100.7, gw.${d}`,
      `User-Agent: Mutt/2.2 (laptop.${d})`,
      `X-Customer: email=${a}; id=7`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      text
        .replace(/=/g, '=3D')
        .replace(a, `${a.slice(0, 4)}=\n${a.slice(4)}`)
        .replace(/ü/g, '=C3=BC'),
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(html),
      '--alt--',
      '--outer',
      'Content-Type: text/plain; charset=iso-8859-1',
      `Content-Disposition: attachment; filename*0*=utf-8''${a.slice(0, 5)}; filename*1*=${a.slice(5).replace('@', '%40')}.txt`,
      'Content-Transfer-Encoding: 8bit',
      '',
      `Kontakt f\xfcr R\xfcckfragen: ${a}`,
      '--outer',
      'Content-Type: message/rfc822',
      '',
      `From: <${a}>`,
      `Subject: earlier mail from ${a}`,
      '',
      `This was ${a}.`,
      '--outer--',
      '',
    ]
      .join('\r\n')
      .replace(/\r?\n/g, '\r\n'),
    'latin1',
  );
}

function headerOf(raw: Buffer): string {
  return splitMessage(raw).header.toString('latin1');
}

describe('the real address reaches no receiver, over real SMTP (R5, R6)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("buyer → seller: the buyer's address in no header, part, encoding or file name (R5)", async () => {
    const raw = planted(BUYER, `${SELLER.id}@${DOMAIN}`);
    expect(findLeaks(raw, BUYER).readable).toBeGreaterThan(15);
    await h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, raw);
    const [got] = await h.sink.waitFor(1, { to: SELLER.email });
    expect(findLeaks(got.raw, BUYER).where).toEqual([]);
    expect(headerOf(got.raw).toLowerCase()).not.toContain('buyers.example');
    // The alias stands where the address was, in the text and in the file name.
    const alias = h.aliasOf(BUYER.toLowerCase());
    expect(got.raw.toString('latin1')).toContain(`Kontakt f\xfcr R\xfcckfragen: ${alias}`);
    expect(got.raw.toString('latin1')).toContain(`filename="${alias}.txt"`);
  });

  it("seller → buyer: the seller's address in no header, part, encoding or file name (R6)", async () => {
    const alias = h.aliasOf(BUYER.toLowerCase());
    const raw = planted(SELLER.email, alias);
    expect(findLeaks(raw, SELLER.email).readable).toBeGreaterThan(15);
    await h.submit(SELLER, { from: SELLER.email, to: alias }, { raw });
    const [got] = await h.sink.waitFor(1, { to: BUYER.toLowerCase() });
    expect(findLeaks(got.raw, SELLER.email).where).toEqual([]);
    expect(headerOf(got.raw)).not.toContain('shop-one.example');
  });
});
