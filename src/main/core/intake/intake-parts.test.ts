import { describe, expect, it } from 'vitest';
import { parseFields } from '../mail/header-block.js';
import { MAX_BACKOFF_MS, nextBackoff } from './backoff.js';
import { isLoopback, normalizeFingerprint, parseMailboxUrl } from './connect.js';
import { compress } from './runner.js';
import { messageIdOf, recipientsOf } from './take.js';

describe('the mailbox URL', () => {
  it.each([
    ['imaps://shop@mail.example.com', { host: 'mail.example.com', port: 993, secure: true, user: 'shop' }],
    ['imap://shop@mail.example.com', { host: 'mail.example.com', port: 143, secure: false, user: 'shop' }],
    [
      'imaps://catch%40all@mail.example.com:1993',
      { host: 'mail.example.com', port: 1993, secure: true, user: 'catch@all' },
    ],
    ['imap://u@[::1]:1143', { host: '::1', port: 1143, secure: false, user: 'u' }],
  ])('%s', (url, want) => expect(parseMailboxUrl(url)).toEqual(want));

  it.each([
    'pop3://shop@mail.example.com',
    'imaps://mail.example.com', // no user
    'imaps://shop:secret@mail.example.com', // a password never goes in the URL
    'imaps://shop@mail.example.com/INBOX', // the folder is its own option
    'not a url',
  ])('refuses %s with intake.badUrl', (url) =>
    expect(() => parseMailboxUrl(url)).toThrow(
      expect.objectContaining({ detail: { key: 'intake.badUrl', params: {} } }),
    ),
  );

  it('cleartext is only for this machine', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', 'mail.example.com', '128.0.0.1'].some(isLoopback)).toBe(false);
  });
});

describe('a certificate fingerprint', () => {
  const hex = 'ab'.repeat(32);
  it.each([
    [hex, 'AB:'.repeat(31) + 'AB'],
    ['AB:'.repeat(31) + 'AB', 'AB:'.repeat(31) + 'AB'],
    ['ab cd', null],
    ['', null],
    [null, null],
  ])('%s → %s', (v, want) => expect(normalizeFingerprint(v)).toBe(want));
});

describe('the recipient of a fetched message', () => {
  const fields = (h: string) => parseFields(Buffer.from(h));
  it.each([
    ['Delivered-To: a@relay.test\r\nTo: b@relay.test\r\n', ['a@relay.test', 'b@relay.test']],
    [
      'X-Original-To: A@Relay.Test\r\nTo: Shop <b@relay.test>, c@x.example\r\n',
      ['a@relay.test', 'b@relay.test', 'c@x.example'],
    ],
    ['To: b@relay.test\r\nCc: "C" <c@relay.test>\r\n', ['b@relay.test', 'c@relay.test']],
    ['Subject: none\r\n', []],
  ])('%j', (h, want) => expect(recipientsOf(fields(h))).toEqual(want));

  it('Message-ID as written, or null', () => {
    expect(messageIdOf(fields('Message-ID:  <x@y>\r\n'))).toBe('<x@y>');
    expect(messageIdOf(fields('Subject: s\r\n'))).toBeNull();
  });
});

describe('UID sets and backoff', () => {
  it.each([
    [[1, 2, 3, 5, 7, 8], '1:3,5,7:8'],
    [[9, 4, 5], '4:5,9'],
    [[42], '42'],
  ])('%j → %s', (uids, want) => expect(compress(uids)).toBe(want));

  it('doubles from 1 s to at most 5 minutes', () => {
    const waits = [1_000];
    for (let i = 0; i < 12; i++) waits.push(nextBackoff(waits.at(-1)!));
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(waits.at(-1)).toBe(MAX_BACKOFF_MS);
  });
});
