import { describe, expect, it } from 'vitest';
import { prng } from '../../../../test/support/prng.js';
import { replaceAddressesInMessage } from '../mail/body-addresses.js';
import type { HeaderEditor } from '../mail/header-block.js';
import { wrapWithFooter } from '../mail/part-surgery.js';
import { editHeaders, rewriteForSeller, rewriteWrapped } from './rewrite.js';

const BUYER = 'jane.buyer@buyers.example';
const ALIAS = 't969vz2jn3bdsy7@relay.test';
const FOOTER = { text: 'Parley: report\n', html: '<p>report</p>' };

const edit = (h: HeaderEditor): void => {
  h.remove('Received');
  h.set('From', `Jane <${ALIAS}>`);
  h.set('Message-ID', '<relay1@relay.test>');
  h.add('Authentication-Results', 'relay.test; spf=pass');
};

/** The boundaries are random: the same message with each one named by its place. */
function normalize(raw: Buffer): string {
  const cores = [...new Set(raw.toString('latin1').match(/(?<=parley-|alt-)[a-z0-9]{24}/g) ?? [])];
  let text = raw.toString('latin1');
  cores.forEach((core, i) => (text = text.split(core).join(`CORE${i}`)));
  return text;
}

/** Messages of every shape the relay meets: line breaks, where the address is, parts, odd ends. */
function message(rand: () => number): Buffer {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const eol = pick(['\r\n', '\n']);
  const name = pick(['Jane', '"Buyer, Jane"', '']);
  const fields = [
    `Received: from mx.buyers.example by x; Mon, 1 Jan 2026 00:00:00 +0000`,
    `From: ${name} <${pick([BUYER, 'other@else.example'])}>`,
    `To: shop@relay.test`,
    `Subject: ${pick(['Mug', `write to ${BUYER}`, '=?utf-8?b?TcO8bGxlcg==?='])}`,
    `Message-ID: <m${Math.floor(rand() * 1e6)}@buyers.example>`,
  ];
  const text = pick(['Hello', `Write to ${BUYER} please`, 'Bye\r']);
  const attachment = Buffer.from(
    Array.from({ length: 3000 + Math.floor(rand() * 3000) }, () => Math.floor(rand() * 256)),
  )
    .toString('base64')
    .replace(/.{76}/g, `$&${eol}`);
  const body = pick([
    () => ({ head: ['Content-Type: text/plain; charset=utf-8'], body: `${text}${eol}` }),
    () => ({
      head: ['Content-Type: text/plain', 'Content-Transfer-Encoding: base64'],
      body: `${Buffer.from(text).toString('base64')}${eol}`,
    }),
    () => ({
      head: ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"'],
      body:
        `--b1${eol}Content-Type: text/plain${eol}${eol}${text}${eol}--b1${eol}` +
        `Content-Type: image/png; name="${pick(['a.png', `${BUYER}.png`])}"${eol}Content-Transfer-Encoding: base64` +
        `${eol}${eol}${attachment}${eol}--b1--${pick([eol, '', '\r'])}`,
    }),
    () => ({
      head: ['Content-Type: message/rfc822'],
      body: `From: ${BUYER}${eol}Subject: inner${eol}${eol}${text}${eol}`,
    }),
    () => ({ head: ['Content-Type: text/plain'], body: '' }),
  ])();
  const header = [...fields, ...body.head].join(eol);
  const shape = pick(['normal', 'normal', 'normal', 'no blank line', 'blank first']);
  if (shape === 'no blank line') return Buffer.from(header + eol, 'latin1');
  if (shape === 'blank first') return Buffer.from(`${eol}${body.body}`, 'latin1');
  return Buffer.from(`${header}${eol}${eol}${body.body}`, 'latin1');
}

describe('the rewrite for the seller in one copy', () => {
  it('gives the bytes of the three steps it replaces, on 600 generated messages of every shape', () => {
    const rand = prng(20261205);
    let oneCopy = 0;
    for (let i = 0; i < 600; i++) {
      const raw = message(rand);
      const replace = { addresses: [BUYER], replacement: ALIAS };
      const steps = wrapWithFooter(
        editHeaders(replaceAddressesInMessage(raw, replace.addresses, replace.replacement).raw, edit),
        FOOTER,
      );
      const fast = rewriteWrapped(raw, replace, edit, FOOTER);
      if (fast === null) continue;
      oneCopy++;
      expect(normalize(fast), `message ${i}:\n${raw.toString('latin1')}`).toBe(normalize(steps));
    }
    // Only messages without a blank line take the three steps.
    expect(oneCopy).toBeGreaterThan(400);
  });

  it('keeps a large attachment byte for byte in the seller copy, and the buyer address out of it', () => {
    const png = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 256));
    const raw = Buffer.from(
      `From: Jane <${BUYER}>\r\nTo: shop@relay.test\r\nSubject: photo\r\nMIME-Version: 1.0\r\n` +
        `Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n` +
        `Mail me at ${BUYER}\r\n--b1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
        `${png.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--b1--\r\n`,
      'latin1',
    );
    const out = rewriteForSeller(raw, {
      aliasAddress: ALIAS,
      buyerName: 'Jane',
      buyerAddress: BUYER,
      relayMessageId: '<r1@relay.test>',
      mapId: () => undefined,
      authResults: 'relay.test; spf=pass',
      removals: [],
      actions: { report: 'report+x@relay.test', noResponse: 'nr+x@relay.test', language: 'en' },
    });
    const text = out.toString('latin1');
    expect(text).not.toContain(BUYER);
    expect(text).toContain(`Mail me at ${ALIAS}`);
    expect(text).toContain(
      png
        .toString('base64')
        .slice(0, 76 * 100)
        .replace(/.{76}/g, '$&\r\n'),
    );
    expect(text).toMatch(/Content-Type: multipart\/mixed; boundary="parley-/);
  });
});
