/**
 * One address in every form a text can spell it (R5, R6: "replaced everywhere"): any ASCII letter case, each
 * character also as an HTML numeric entity (`&#64;`, `&#x40;`, leading zeros, with or without `;`), a named entity
 * (`&commat;`, `&period;`, `&lowbar;`, `&plus;`) or percent-encoded (`%40`, URLs and mailto links). The address
 * is found wherever it is spelled, also at the end of a longer local part (`scan-jane@…`), but not followed by a
 * letter, digit, `-` or `_` (`jane@example.community` is another domain); quotes, `<>`, `{}`, `=`, `:`, `.` and spaces
 * end it.
 * Limits: markup between the characters (`jane<b>@</b>example.com`) and compressed or binary content are not read.
 */

// One character of a run: an HTML numeric or named entity, a percent escape, or any character that is not a
// delimiter (space, quotes, brackets, `=`, `:`, `,`, `;`). A run is a word in which an address could be spelled.
const UNIT = String.raw`&#0*\d{1,7};?|&#[xX]0*[0-9a-fA-F]{1,6};?|&(?:commat|period|lowbar|UnderBar|plus);|%[0-9a-fA-F]{2}|[^\s<>"'(),;:\[\]{}=\\&%]|[&%]`;
const RUN = new RegExp(`(?:${UNIT})+`, 'g');
const UNIT_ONE = new RegExp(UNIT, 'y');
const NAMED: Record<string, string> = { commat: '@', period: '.', lowbar: '_', underbar: '_', plus: '+' };
// Any text that could hold an address at all has an at sign in one of its spellings.
const AT_SIGN = /@|&#0*64;?|&#[xX]0*40;?|&commat;|%40/;
// After the address: a letter, digit, `-` or `_` would make it another (longer) domain.
const DOMAIN_CHAR = /[A-Za-z0-9_-]/;

function decodeUnit(unit: string): string {
  if (unit.length === 1) return unit;
  if (unit[0] === '%') return String.fromCharCode(parseInt(unit.slice(1), 16));
  if (unit[1] === '#') {
    const hex = unit[2] === 'x' || unit[2] === 'X';
    const code = parseInt(unit.slice(hex ? 3 : 2).replace(';', ''), hex ? 16 : 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  }
  return NAMED[unit.slice(1, -1).toLowerCase()] ?? unit;
}

/** The run with its entities and percent escapes decoded; offsets[i] is where decoded character i starts in the run. */
function asciiLower(letters: string): string {
  return letters.toLowerCase();
}

function decodeRun(run: string): { decoded: string; offsets: number[] | undefined } {
  // Most runs spell nothing: without `&` or `%` the decoded text is the run itself, offsets are identity.
  if (!run.includes('&') && !run.includes('%')) return { decoded: run, offsets: undefined };
  let decoded = '';
  const offsets: number[] = [];
  for (let at = 0; at < run.length;) {
    UNIT_ONE.lastIndex = at;
    const unit = UNIT_ONE.exec(run)?.[0] ?? run[at];
    const char = decodeUnit(unit);
    for (let k = 0; k < char.length; k++) offsets.push(at);
    decoded += char;
    at += unit.length;
  }
  offsets.push(run.length);
  return { decoded, offsets };
}

/** Each match of the addresses in a run, as [start, end) offsets into the run's own text. */
export function matchesInRun(run: string, needles: Needles): [number, number][] {
  const { decoded, offsets } = decodeRun(run);
  // ASCII letters only, so offsets stay aligned (toLowerCase may change the length of other characters).
  const lower = !/[^\x20-\x7e\t\r\n]/.test(decoded) ? decoded.toLowerCase() : decoded.replace(/[A-Z]+/g, asciiLower);
  const found: [number, number][] = [];
  const add = (i: number, end: number) => {
    if (end < decoded.length && DOMAIN_CHAR.test(decoded[end])) return;
    found.push(offsets ? [offsets[i], offsets[end]] : [i, end]);
  };
  if (needles.byDomain) findIndexed(lower, needles.byDomain, add);
  else
    for (const needle of needles.list)
      for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) add(i, i + needle.length);
  // Earliest first, the longest of those that start together; overlapping ones are dropped.
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const m of found) if (kept.length === 0 || m[0] >= kept[kept.length - 1][1]) kept.push(m);
  return kept;
}

/**
 * Each occurrence of a needle in `lower`, found from the text's at signs instead of by searching for every needle: an
 * occurrence's last at sign is one of the text's, its domain one of the needles' domains after it, its local part one
 * of that domain's before it. The same occurrences as a search for each needle, at a cost that does not grow with
 * the number of needles (a seller's buyers: thousands).
 */
function findIndexed(lower: string, byDomain: DomainIndex, add: (start: number, end: number) => void): void {
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    const last = Math.min(lower.length, at + 1 + byDomain.longestDomain);
    for (let end = at + 1; end <= last; end++) {
      // An occurrence ends before a character that cannot continue a domain, or at the end (add() checks it again).
      if (end < lower.length && DOMAIN_CHAR.test(lower[end])) continue;
      const locals = byDomain.map.get(lower.slice(at + 1, end));
      if (!locals) continue;
      for (let start = at; start >= Math.max(0, at - locals.longest); start--)
        if (locals.set.has(lower.slice(start, at))) add(start, end);
    }
  }
}

interface DomainIndex {
  map: Map<string, { set: Set<string>; longest: number }>;
  longestDomain: number;
}

/** Addresses as matchLists takes them: normalized once, and indexed by domain when they are many. */
export interface Needles {
  list: string[];
  byDomain: DomainIndex | undefined;
}

// From this many addresses on they are looked up by domain; fewer are searched for one by one (a rewrite's few).
const INDEXED_FROM = 16;
// The needles of a list that is asked about again (a scrubber's buyers), kept while that array lives.
const prepared = new WeakMap<readonly string[], Needles>();

function needlesOf(addresses: readonly string[]): Needles {
  const known = prepared.get(addresses);
  if (known) return known;
  const needles = prepareNeedles(addresses, addresses.length >= INDEXED_FROM);
  if (needles.byDomain) prepared.set(addresses, needles);
  return needles;
}

/** The addresses normalized, and indexed by domain if `indexed` (exported for the test that compares both ways). */
export function prepareNeedles(addresses: readonly string[], indexed: boolean): Needles {
  const list = normalize(addresses);
  return { list, byDomain: indexed ? indexByDomain(list) : undefined };
}

function indexByDomain(list: string[]): DomainIndex {
  const map = new Map<string, { set: Set<string>; longest: number }>();
  let longestDomain = 0;
  for (const address of list) {
    const at = address.lastIndexOf('@');
    const domain = address.slice(at + 1);
    const local = address.slice(0, at);
    const entry = map.get(domain) ?? { set: new Set<string>(), longest: 0 };
    entry.set.add(local);
    entry.longest = Math.max(entry.longest, local.length);
    map.set(domain, entry);
    longestDomain = Math.max(longestDomain, domain.length);
  }
  return { map, longestDomain };
}

function normalize(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')))];
}

const AT_SIGNS = new RegExp(AT_SIGN.source, 'g');
// Where a scan for the run around an at sign stops (`;` ends entities, so it does not stop it), and how far it goes:
// an address of 254 characters, every one an 8-character entity, fits.
const SCAN_STOP = /[\s<>"'(),:[\]{}=\\]/;
// The same set for the ASCII range as a table: the scans test one character at a time, over megabytes at worst.
const STOPS = Uint8Array.from({ length: 128 }, (_, c) => (SCAN_STOP.test(String.fromCharCode(c)) ? 1 : 0));
const stops = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 ? STOPS[c] === 1 : SCAN_STOP.test(text[i]);
};
const WINDOW = 4096;

/** The stretches of `text` around its at signs, in order and apart: only these can hold an address. */
function windows(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(AT_SIGNS)) {
    const at = m.index;
    const previousEnd = out.length > 0 ? out[out.length - 1][1] : 0;
    if (out.length > 0 && at < previousEnd) continue;
    let start = at;
    while (start > previousEnd && at - start < WINDOW && !stops(text, start - 1)) start--;
    let end = at + m[0].length;
    while (end < text.length && end - at < WINDOW && !stops(text, end)) end++;
    out.push([start, end]);
  }
  return out;
}

function replaceInRuns(stretch: string, needles: Needles, replacement: string): string {
  return stretch.replace(RUN, (run) => {
    if (!AT_SIGN.test(run)) return run;
    const matches = matchesInRun(run, needles);
    if (matches.length === 0) return run;
    let out = '';
    let last = 0;
    for (const [start, end] of matches) {
      out += run.slice(last, start) + replacement;
      last = end;
    }
    return out + run.slice(last);
  });
}

/** Whether `text` has an at sign in any spelling: without one it cannot hold an address. */
export function mayHoldAddress(text: string): boolean {
  return AT_SIGN.test(text);
}

/**
 * mayHoldAddress of bytes read as latin1, without making a string of them: true for every text it is true for (and for
 * some more, any `&#`), so a false is as sure as its.
 */
export function bytesMayHoldAddress(bytes: Buffer): boolean {
  return (
    bytes.indexOf(0x40) !== -1 ||
    bytes.indexOf('&#', 0, 'latin1') !== -1 ||
    bytes.indexOf('%40', 0, 'latin1') !== -1 ||
    bytes.indexOf('&commat;', 0, 'latin1') !== -1
  );
}

/** Replaces every occurrence of any of `addresses`, in any form, by `replacement`. */
export function replaceAddressForms(text: string, addresses: readonly string[], replacement: string): string {
  if (!text || !AT_SIGN.test(text)) return text;
  const needles = needlesOf(addresses);
  if (needles.list.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [start, end] of windows(text)) {
    const stretch = text.slice(start, end);
    const replaced = replaceInRuns(stretch, needles, replacement);
    if (replaced === stretch) continue;
    out += text.slice(last, start) + replaced;
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Whether any of `addresses` occurs in `text` in any form. */
export function containsAddressForm(text: string, addresses: readonly string[]): boolean {
  if (!text || !AT_SIGN.test(text)) return false;
  const needles = needlesOf(addresses);
  if (needles.list.length === 0) return false;
  for (const [start, end] of windows(text))
    for (const match of text.slice(start, end).matchAll(RUN))
      if (AT_SIGN.test(match[0]) && matchesInRun(match[0], needles).length > 0) return true;
  return false;
}

/**
 * Whether decoded bytes that cannot be rewritten (an attachment's content) spell an address: read as latin1 (ASCII
 * and UTF-8 text, uncompressed PDF and PostScript text, vCards) and as UTF-16LE (legacy Office documents).
 */
export function bytesContainAddress(bytes: Buffer, addresses: readonly string[]): boolean {
  if (bytes.length === 0) return false;
  if (containsAddressForm(bytes.toString('latin1'), addresses)) return true;
  return containsAddressForm(bytes.subarray(0, bytes.length - (bytes.length % 2)).toString('utf16le'), addresses);
}
