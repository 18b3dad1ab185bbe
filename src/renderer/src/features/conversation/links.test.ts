import { describe, expect, it } from 'vitest';
import { classifyLink, domainInText, linkify, splitUrl } from './links';

const alias = 'b000001x7k2q9m1@relay.parley.localhost';

describe('what a click on a link in a message does', () => {
  it('asks about a web link, with the full target and its domain', () => {
    expect(classifyLink({ href: 'https://www.dhl.de/track?id=1', text: 'Track it' }, alias)).toEqual({
      kind: 'web',
      url: 'https://www.dhl.de/track?id=1',
      domain: 'dhl.de',
      claimed: null,
    });
  });

  it('warns when the visible text names another domain', () => {
    const action = classifyLink({ href: 'http://paypa1-login.example/x', text: 'www.paypal.com/login' }, alias);
    expect(action).toMatchObject({ kind: 'web', domain: 'paypa1-login.example', claimed: 'paypal.com' });
    // the same site under another host name is no warning
    expect(classifyLink({ href: 'https://shop.paypal.com/', text: 'paypal.com' }, alias)).toMatchObject({
      claimed: null,
    });
  });

  it('opens the composer for mailto: the conversation’s alias, and refuses any other address', () => {
    expect(classifyLink({ href: `mailto:${alias.toUpperCase()}?subject=Hi`, text: 'write' }, alias)).toEqual({
      kind: 'mailto',
      address: alias,
    });
    expect(classifyLink({ href: 'mailto:someone@else.example', text: 'x' }, alias)).toMatchObject({
      kind: 'refused',
      reason: 'address',
    });
  });

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['java\nscript:alert(1)', 'javascript'],
    ['file:///C:/Windows', 'file'],
    ['ms-settings:privacy', 'ms-settings'],
    ['tel:+49301234', 'tel'],
  ])('refuses %j', (href, scheme) => {
    expect(classifyLink({ href, text: 'x' }, alias)).toEqual({ kind: 'refused', reason: 'scheme', scheme });
  });

  it('reads a domain out of link text, or none', () => {
    expect(domainInText('https://Example.org/path')).toBe('example.org');
    expect(domainInText('Click here')).toBeNull();
    expect(domainInText('version 1.5')).toBeNull();
  });

  it('splits a URL around its host for emphasis', () => {
    expect(splitUrl('https://shop.example:8443/a?b#c')).toEqual({
      before: 'https://',
      host: 'shop.example:8443',
      after: '/a?b#c',
    });
  });

  it('finds links in plain text, without the sentence’s punctuation', () => {
    expect(linkify('See https://dhl.de/t?id=1. Or mail mailto:a@b.example!')).toEqual([
      'See ',
      { href: 'https://dhl.de/t?id=1', text: 'https://dhl.de/t?id=1' },
      '. Or mail ',
      { href: 'mailto:a@b.example', text: 'mailto:a@b.example' },
      '!',
    ]);
    expect(linkify('no links here')).toEqual(['no links here']);
  });
});
