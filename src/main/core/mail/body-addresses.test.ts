import { describe, expect, it } from 'vitest';
import { bytesMayHoldAddress, mayHoldAddress } from './address-forms.js';
import { replaceAddressesInMessage } from './body-addresses.js';
import { decodeBody, walkMime } from './mime-tree.js';

const crlf = (text: string): Buffer => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

const MESSAGE = crlf(
  'From: Anna <anna@buyer.example>\n' +
    'Subject: hi\n' +
    'Content-Type: multipart/alternative; boundary="b"\n\n' +
    '--b\nContent-Type: text/plain\n\nWrite to anna@buyer.example or ANNA%40buyer.example\n' +
    '--b\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n' +
    Buffer.from('<a href="mailto:anna&#64;buyer.example">me</a>').toString('base64') +
    '\n--b\nContent-Type: text/plain\n\nno address here, 100% sure\n' +
    '--b--\n',
);

describe('the address rewrite of a whole message', () => {
  it.each([
    'mail anna@buyer.example',
    'anna&#64;buyer.example',
    'anna&#x40;buyer.example',
    'anna&commat;buyer.example',
    'mailto:anna%40buyer.example',
    'nothing here, 100% sure & done',
    '&#65; only an entity',
    '',
  ])('does not skip a text part that may name an address: %j', (text) => {
    const bytes = Buffer.from(text, 'latin1');
    if (mayHoldAddress(text)) expect(bytesMayHoldAddress(bytes)).toBe(true);
    if (!bytesMayHoldAddress(bytes)) expect(mayHoldAddress(text)).toBe(false);
  });

  it('replaces every spelling in every text part and keeps a part without an address byte for byte', () => {
    const plain = replaceAddressesInMessage(MESSAGE, ['anna@buyer.example'], 'x7@relay.example');
    const text = walkMime(plain.raw);
    expect(plain.raw.toString('latin1')).not.toMatch(/anna(@|%40|&)/i);
    expect(decodeBody(plain.raw, text.children[1]).toString()).toBe('<a href="mailto:x7@relay.example">me</a>');
    expect(text.children[2].bodyEnd - text.children[2].bodyStart).toBe('no address here, 100% sure'.length);
    expect(plain.raw.toString('latin1')).toContain('\r\n\r\nno address here, 100% sure\r\n--b--\r\n');
  });
});
