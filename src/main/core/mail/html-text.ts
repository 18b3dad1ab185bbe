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

/**
 * Tags: far more than any real mail has. html-to-text's parser (htmlparser2) keeps its open elements in an array it
 * shifts at the front, so its time grows with the square of the nesting depth (a 2 MB HTML part of nested `<div>`s took
 * two minutes), and its walk recurses once per level, which overflows the stack a few thousand levels deep. A document
 * with more tags than this, or nested too deep for the walk, is read by taking the tags out instead (all its words
 * are kept; only the layout is lost).
 */
const MAX_TAGS = 10_000;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  euro: '€',
};

function decodeEntity(entity: string, body: string): string {
  if (body[0] !== '#') return NAMED_ENTITIES[body] ?? entity;
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/** Every character class stops at `<` or `>`, so each regex is linear however broken the markup. */
function textWithoutTags(html: string): string {
  return html
    .replace(/<(script|style)\b[^<>]*>[^<]*/giu, '')
    .replace(/<\/?(?:p|div|br|tr|li|h[1-6]|table|blockquote)\b[^<>]*>/giu, '\n')
    .replace(/<[^<>]*>/gu, '')
    .replace(/&(#[xX]?[0-9a-fA-F]{1,8}|[a-zA-Z]{2,8});/gu, decodeEntity);
}

function countTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) count++;
  return count;
}

function convertOrStrip(html: string): string {
  if (countTags(html) > MAX_TAGS) return textWithoutTags(html);
  try {
    return convert(html);
  } catch (err) {
    // The walk's recursion ran out of stack on deep nesting: nothing else in the converter throws.
    if (err instanceof RangeError) return textWithoutTags(html);
    throw err;
  }
}

/** Spaces and tabs at the ends of lines, in one pass (`/[ \t]+\n/` is quadratic on a long run without a line break). */
function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
      return end === line.length ? line : line.slice(0, end);
    })
    .join('\n');
}

export function htmlToText(html: string): string {
  // &nbsp; is a space to a reader, and to search.
  return trimLineEnds(convertOrStrip(html).replace(/\u00a0/gu, ' '))
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/** A body that is HTML source (a tag near the start) rather than text. */
export function looksLikeHtml(body: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html|<body|<div|<p[\s>]|<table|<span|<br|<meta|<head)/iu.test(body);
}
