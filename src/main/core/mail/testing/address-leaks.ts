/**
 * Counts an address in everything a receiver of a message can read (R5, R6 tests): the raw bytes, every header field
 * of every part decoded (encoded-words, RFC 2231 parameters, file names), every leaf part decoded (transfer encoding,
 * charset), and each of those again with HTML entities and percent escapes decoded. Written apart from the rewrite's
 * own matcher (address-forms.ts) so that the two do not share a blind spot: here the text is normalised and the
 * address searched as a plain lowercase substring.
 */
import { decodeCharset, decodeWords } from '../encoded-words.js';
import { findHeaderEnd, parseFields } from '../header-block.js';
import { parseStructured } from '../mime-params.js';
import { allParts, decodeBody, walkMime, type MimePart } from '../mime-tree.js';

const NAMED: Record<string, string> = { commat: '@', period: '.', lowbar: '_', underbar: '_', plus: '+', amp: '&' };

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    return NAMED[name!.toLowerCase()] ?? whole;
  });
}

function decodePercent(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) n++;
  return n;
}

/** Occurrences of `address` in one text, in its plain, entity-decoded and percent-decoded readings. */
export function occurrencesInText(text: string, address: string): number {
  const needle = address.toLowerCase();
  const lower = text.toLowerCase();
  const entities = decodeEntities(text).toLowerCase();
  return Math.max(count(lower, needle), count(entities, needle), count(decodePercent(entities), needle));
}

export interface LeakReport {
  /** Occurrences outside binary parts: must be 0. */
  readable: number;
  /** Binary (non-text) parts whose decoded bytes name the address: cannot be rewritten. */
  binaryParts: string[];
  /** Where the readable ones were found, for a failing test's message. */
  where: string[];
}

function partViews(raw: Buffer, part: MimePart, root: boolean): { label: string; text: string }[] {
  const fields = root ? parseFields(raw.subarray(0, findHeaderEnd(raw).headerEnd)) : part.fields;
  const views: { label: string; text: string }[] = [];
  for (const f of fields) {
    views.push({ label: `${part.path} header ${f.name}`, text: decodeWords(f.value) });
    if (!f.opaque && (f.lowerName === 'content-type' || f.lowerName === 'content-disposition')) {
      const params = Object.values(parseStructured(f.value).params).join(' ');
      views.push({ label: `${part.path} params ${f.name}`, text: params });
    }
  }
  if (part.filename) views.push({ label: `${part.path} filename`, text: part.filename });
  return views;
}

function isLeaf(part: MimePart): boolean {
  return part.children.length === 0 && (!part.contentType.startsWith('multipart/') || part.unsplit === true);
}

/** Where `address` can still be read in `raw`. A message/rfc822 part is searched inside as a message of its own. */
export function findLeaks(raw: Buffer, address: string, depth = 0): LeakReport {
  const report: LeakReport = { readable: 0, binaryParts: [], where: [] };
  const tree = walkMime(raw);
  const add = (label: string, text: string): void => {
    const n = occurrencesInText(text, address);
    if (n > 0) {
      report.readable += n;
      report.where.push(`${label}: ${JSON.stringify(text.slice(0, 200))}`);
    }
  };
  for (const part of allParts(tree)) {
    for (const view of partViews(raw, part, part === tree)) add(view.label, view.text);
    if (!isLeaf(part)) continue;
    const bytes = decodeBody(raw, part);
    if (part.contentType === 'message/rfc822' && depth < 4) {
      const inner = findLeaks(bytes, address, depth + 1);
      report.readable += inner.readable;
      report.where.push(...inner.where.map((w) => `${part.path}/${w}`));
      report.binaryParts.push(...inner.binaryParts.map((p) => `${part.path}/${p}`));
      continue;
    }
    const charset = part.params.charset ?? 'utf-8';
    const text = decodeCharset(bytes, charset) ?? bytes.toString('latin1');
    if (part.contentType.startsWith('text/')) {
      add(`${part.path} body`, text);
      add(`${part.path} body (latin1)`, bytes.toString('latin1'));
    } else if (occurrencesInText(bytes.toString('latin1'), address) > 0) report.binaryParts.push(part.path);
  }
  // The raw bytes, with the binary parts' bodies cut out (they are reported apart).
  let rawText = raw.toString('latin1');
  if (report.binaryParts.length === 0 || depth > 0) add('raw', rawText);
  else {
    const binary = allParts(tree).filter((p) => report.binaryParts.includes(p.path));
    for (const p of [...binary].sort((a, b) => b.bodyStart - a.bodyStart))
      rawText = rawText.slice(0, p.bodyStart) + rawText.slice(p.bodyEnd);
    add('raw', rawText);
  }
  return report;
}
