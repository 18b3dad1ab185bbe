/**
 * HTML mail as a person reads it (R14): every entity decoded ("M&uuml;ller" → "Müller"),
 * scripts and styles dropped, paragraphs and line breaks kept, links as their words. One
 * converter (html-to-text, a maintained one) for the record's text, search, snippets and the
 * classifier, so all of them read the same words.
 */
import { compile } from 'html-to-text';

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

const convert = compile({
  wordwrap: false,
  // A seller's message is read by its words; URLs in brackets only add noise to search and snippets.
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...headings,
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
  limits: { maxInputLength: 2_000_000 },
});

export function htmlToText(html: string): string {
  // &nbsp; is a space to a reader, and to search.
  return convert(html)
    .replace(/\u00a0/gu, ' ')
    .replace(/[ \t]+\n/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/** A body that is HTML source (a tag near the start) rather than text. */
export function looksLikeHtml(body: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html|<body|<div|<p[\s>]|<table|<span|<br|<meta|<head)/iu.test(body);
}
