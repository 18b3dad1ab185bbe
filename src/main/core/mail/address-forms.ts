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
function matchesInRun(run: string, needles: readonly string[]): [number, number][] {
  const { decoded, offsets } = decodeRun(run);
  // ASCII letters only, so offsets stay aligned (toLowerCase may change the length of other characters).
  const lower = !/[^\x20-\x7e\t\r\n]/.test(decoded) ? decoded.toLowerCase() : decoded.replace(/[A-Z]+/g, asciiLower);
  const found: [number, number][] = [];
  for (const needle of needles) {
    for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if (end < decoded.length && DOMAIN_CHAR.test(decoded[end])) continue;
      found.push(offsets ? [offsets[i], offsets[end]] : [i, end]);
    }
  }
  // Earliest first, the longest of those that start together; overlapping ones are dropped.
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const m of found) if (kept.length === 0 || m[0] >= kept[kept.length - 1][1]) kept.push(m);
  return kept;
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

function replaceInRuns(stretch: string, needles: readonly string[], replacement: string): string {
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
  const needles = normalize(addresses);
  if (needles.length === 0) return text;
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
  const needles = normalize(addresses);
  if (needles.length === 0) return false;
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
