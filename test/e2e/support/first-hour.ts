/**
 * What the "first hour" walk needs besides the browser:
 * - the UI's own words: every en/de pair of the renderer's strings modules (found by file name, imported as they are),
 *   cut into the literal pieces a page can show (placeholders and ICU parts removed);
 * - the language scan: the visible text of a page without what buyers and the seller wrote themselves, checked for
 *   the other language's UI words and a few English function words;
 * - a landscape PDF as a buyer would attach it, and an order report with German dates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { CATEGORIES, type Language } from '../../../src/shared/domain.js';
import { FILTERS, TOPICS } from '../../../src/shared/vocabulary.js';

const RENDERER_SRC = path.resolve(import.meta.dirname, '../../../src/renderer/src');

/** A UI string in both languages and where it was declared. */
export interface Pair {
  source: string;
  key: string;
  en: string;
  de: string;
}

function isPair(v: unknown): v is { en: string; de: string } {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.en === 'string' && typeof o.de === 'string';
}

/** Every defineStrings object of the renderer's `*strings*.ts` files, in any folder (tests left out). */
export async function stringPairs(): Promise<Pair[]> {
  const files = fs
    .readdirSync(RENDERER_SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)[^/]*strings[^/]*\.ts$/.test(f) && !/\.test\.ts$/.test(f))
    .sort();
  const pairs: Pair[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(RENDERER_SRC, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (!value || typeof value !== 'object') continue;
      for (const [key, pair] of Object.entries(value)) {
        if (isPair(pair)) pairs.push({ source: file, key, en: pair.en, de: pair.de });
      }
    }
  }
  return pairs;
}

/** The literal pieces of a message pattern: `{name}` placeholders and ICU `{n, plural, …}` parts cut out. */
export function literals(pattern: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of pattern) {
    if (ch === '{') {
      if (depth === 0) {
        pieces.push(current);
        current = '';
      }
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces.map(normalize).filter(Boolean);
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const WORD = /\p{L}{3,}/gu;
/** Worth looking for: at least two words of three or more letters. */
function telling(text: string): boolean {
  return (text.match(WORD) ?? []).length >= 2;
}

/**
 * The pieces of one language's UI words that would give the other language away: from pairs whose two languages
 * differ, pieces with two real words, and none that the other language's strings also contain (a brand, a protocol).
 */
export function giveaways(pairs: Pair[], lang: Language): string[] {
  const other: Language = lang === 'de' ? 'en' : 'de';
  const otherAll = pairs.map((p) => normalize(p[other]).toLowerCase()).join('\n');
  const out = new Set<string>();
  for (const p of pairs) {
    if (normalize(p.en) === normalize(p.de)) continue;
    if (!telling(literals(p[lang]).join(' '))) continue;
    for (const piece of literals(p[lang]).flatMap((l) => l.split(/[.;:!?()\n·—]+(?:\s|$)|[()·—]/))) {
      const bare = piece.replace(/^[\s:,.;·—–…"“„()-]+|[\s:,.;·—–…"“”„()-]+$/g, '');
      if (!telling(bare)) continue;
      if (otherAll.includes(bare.toLowerCase())) continue;
      out.add(bare);
    }
  }
  return [...out];
}

/** English words that have no business in a German screen (outside what people wrote). */
export const ENGLISH_FUNCTION_WORDS = [' the ', ' and ', ' was ', ' not ', ' would ', ' your '];
/** … and the German ones in an English screen. */
export const GERMAN_FUNCTION_WORDS = [' und ', ' nicht ', ' wurde ', ' Ihre ', ' werden '];

/** Codes that are the program's, not words: a screen showing one alone (`review-request`, `deliver`) shows a raw id. */
export const RAW_IDS = new Set<string>([
  ...[...CATEGORIES, ...TOPICS, ...FILTERS].filter((id) => id.includes('-')),
  ...['deliver', 'block', 'reject', 'hold'],
]);

/** Elements whose text people wrote: message bodies (marked or framed), never scanned. */
const USER_CONTENT = '[data-content="user"], [data-testid="message-text"], iframe, textarea, [contenteditable="true"]';

/**
 * The page's visible text in pieces (one per text node), without people's own words: marked message content, and
 * any piece found inside `written` (subjects, bodies, names the test knows of — a list row's snippet is a piece of
 * a body).
 */
export async function visibleUiText(page: Page, written: string[]): Promise<string[]> {
  const pieces = await page.evaluate((skip) => {
    interface El {
      tagName: string;
      closest(selector: string): El | null;
      checkVisibility(opts: { checkOpacity: boolean; checkVisibilityCSS: boolean }): boolean;
    }
    interface TextNode {
      textContent: string | null;
      parentElement: El | null;
    }
    const doc = (
      globalThis as unknown as {
        document: { body: unknown; createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null } };
      }
    ).document;
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    const out: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!parent || !text) continue;
      if (parent.closest(skip)) continue;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
      if (parent.tagName !== 'OPTION' && !parent.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }))
        continue;
      out.push(text);
    }
    return out;
  }, USER_CONTENT);
  const blob = written.map(normalize).join('\n');
  return pieces.filter((p) => {
    const bare = p.replace(/^(Sie|You|Käufer|Buyer): /, '').replace(/[…]$/, '');
    return !(bare.length >= 8 && blob.includes(bare));
  });
}

/** The words a page in `lang` may show and what would give the other language away. */
export interface LanguageScan {
  lang: Language;
  /** The other language's telling pieces. */
  foreign: string[];
  /** This language's literal pieces, longest first: a German sentence may say "was". */
  own: string[];
}

export function languageScan(pairs: Pair[], lang: Language): LanguageScan {
  const other: Language = lang === 'de' ? 'en' : 'de';
  const own = [...new Set(pairs.flatMap((p) => literals(p[lang])).filter((l) => l.length >= 4))];
  return { lang, foreign: giveaways(pairs, other), own: own.sort((a, b) => b.length - a.length) };
}

/**
 * What in the page's pieces belongs to the other language: its UI words, function words outside own words, and raw
 * ids shown instead of words.
 */
export function foreignWords(pieces: string[], scan: LanguageScan): string[] {
  const found = new Set<string>();
  const lower = ` ${pieces.join(' \n ')} `.toLowerCase();
  for (const g of scan.foreign) if (lower.includes(g.toLowerCase())) found.add(`"${g}"`);
  const words = scan.lang === 'de' ? ENGLISH_FUNCTION_WORDS : GERMAN_FUNCTION_WORDS;
  for (const piece of pieces) if (RAW_IDS.has(piece)) found.add(`raw id "${piece}"`);
  for (const piece of pieces) {
    let rest = ` ${piece} `;
    if (!words.some((w) => rest.includes(w))) continue;
    for (const own of scan.own) if (rest.includes(own)) rest = rest.split(own).join(' | ');
    for (const w of words) if (rest.includes(w)) found.add(`"${w.trim()}" in "${piece.slice(0, 120)}"`);
  }
  return [...found];
}

/** A one-page A4 landscape PDF (841.89 × 595.28 pt) with large, plain text: squashing shows. */
export function landscapePdf(title: string): Promise<{ bytes: Buffer; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 48, info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), width: 841.89, height: 595.28 }));
    doc.fontSize(40).text(title, { align: 'center' });
    doc.moveDown().fontSize(20).text('Lieferschein 302-9911200-4455667 · 2 × Salatbesteck Olivenholz');
    doc.rect(48, 300, 745, 200).lineWidth(4).stroke();
    doc.end();
  });
}

/** The marketplace's order report (tab-separated) with dates as a German export writes them. */
export function germanDateReport(orders: { orderId: string; name: string; email: string; product: string }[]): Buffer {
  const head = ['purchase-date', 'order-id', 'buyer-name', 'buyer-email', 'product-name', 'item-category'];
  const dates = ['03.12.2026', '03.12.2026 14:05', '02.12.2026'];
  const rows = orders.map((o, i) => [dates[i % dates.length], o.orderId, o.name, o.email, o.product, 'standard']);
  return Buffer.from([head, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
}
