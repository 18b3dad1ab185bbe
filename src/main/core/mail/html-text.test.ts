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

// MIME fuzz: HTML parts that took the relay's parse down. Seed 7, message 2939 (nested `<div>`s) threw a
// RangeError (stack overflow in html-to-text's walk); message 1936 (nested tables) took 14 s; a `<pre>` with a long run
// of spaces made the line-end cleanup quadratic.
describe('htmlToText on hostile HTML: every word, in linear time, never a throw', () => {
  it('reads the words of a document nested 5,000 levels deep', () => {
    expect(htmlToText(`<p>Hallo</p>${'<div>'.repeat(5_000)}deep words`)).toBe('Hallo\n\ndeep words');
  });

  it('reads 400,000 nested elements (2 MB) in well under a second', () => {
    const started = performance.now();
    expect(htmlToText(`${'<div>'.repeat(200_000)}${'<table><tr><td>'.repeat(10_000)}last words`)).toBe('last words');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('trims a 200,000-space run inside <pre> in linear time', () => {
    const started = performance.now();
    expect(htmlToText(`<pre>a${' '.repeat(200_000)}b\n</pre>`)).toBe(`a${' '.repeat(200_000)}b`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps entities and line breaks when it reads a huge document without the converter', () => {
    const filler = '<span></span>'.repeat(6_000);
    expect(htmlToText(`${filler}<p>Gr&ouml;&szlig;e &amp; Farbe</p><p>&#8222;Danke&#x201c;</p>${filler}`)).toBe(
      'Größe & Farbe\n\n„Danke“',
    );
  });
});
