import { describe, expect, it } from 'vitest';
import { htmlToText, looksLikeHtml } from './html-text.js';

describe('htmlToText: HTML mail as a person reads it', () => {
  it.each([
    [
      'named entities',
      '<p>Hallo Frau M&uuml;ller, Ihre Gr&ouml;&szlig;e &amp; Farbe</p>',
      'Hallo Frau Müller, Ihre Größe & Farbe',
    ],
    ['numeric entities', '<p>&#8222;Danke&#8220; &#x2013; 5&#x20ac;</p>', '„Danke“ – 5€'],
    ['no-break spaces as spaces', '<p>Second&nbsp;part</p>', 'Second part'],
    ['scripts and styles dropped', '<style>p{color:red}</style><script>alert(1)</script><p>Text</p>', 'Text'],
    ['links as their words', '<p>See <a href="https://example.org/x">our FAQ</a>.</p>', 'See our FAQ.'],
    ['paragraphs and breaks kept', '<p>One</p><p>Two<br>Three</p>', 'One\n\nTwo\nThree'],
  ])('%s', (_name, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('keeps a quoted block recognizable as a quote', () => {
    expect(htmlToText('<p>Yes.</p><blockquote>Is it in stock?</blockquote>')).toContain('> Is it in stock?');
  });
});

describe('looksLikeHtml', () => {
  it.each([
    ['<html><body>x</body></html>', true],
    ['  <p>Hallo</p>', true],
    ['<!DOCTYPE html><html>', true],
    ['Hallo <3 wie geht es?', false],
    ['a < b and <b>bold</b>', false],
  ])('%s → %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});
