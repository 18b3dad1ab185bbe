/**
 * One address in every form a text can spell it (R5, R6: "replaced everywhere"): any ASCII letter case, each
 * character also as an HTML numeric entity (`&#64;`, `&#x40;`, leading zeros, with or without `;`), a named entity
 * (`&commat;`, `&period;`, `&lowbar;`, `&plus;`) or percent-encoded (`%40`, URLs and mailto links). The address
 * stands alone: not preceded by a local-part character (`mary.jane@…` is somebody else) and not followed by a letter,
 * digit, `-` or `_` (`jane@example.community`); quotes, `<>`, `{}`, `=`, `:`, `.` and spaces delimit it.
 * Limits: markup between the characters (`jane<b>@</b>example.com`) and compressed or binary content are not read.
 */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const NAMED: Record<string, string[]> = {
  '@': ['commat'],
  '.': ['period'],
  _: ['lowbar', 'UnderBar'],
  '+': ['plus'],
};

/** One character of the address as any of its spellings (letter case comes from the `i` flag). */
function charForms(char: string): string {
  const code = char.charCodeAt(0);
  const forms = [escape(char), `&#0*${code};?`, `&#x0*${code.toString(16)};?`];
  for (const name of NAMED[char] ?? []) forms.push(`&${name};`);
  if (code < 0x80) forms.push(`%${code.toString(16).padStart(2, '0')}`);
  return `(?:${forms.join('|')})`;
}

// Before the address: no local-part character, unless it ends a percent escape (`%20jane%40…`).
const BEFORE = '(?:(?<![A-Za-z0-9._+\\-])|(?<=%[0-9A-Fa-f]{2}))';
// After it: no domain character. A following `.label` is taken as the address plus text (`jane@example.com.pdf`, a
// file name), not as another domain: a longer domain of the same name is far rarer than a file named so.
const AFTER = '(?![A-Za-z0-9_\\-])';
// Any text that could hold an address at all has an at sign in one of its spellings.
const AT_SIGN = /@|&#0*64;?|&#x0*40;?|&commat;|%40/i;

const cache = new Map<string, RegExp>();

/** A global, case-insensitive pattern for each of `addresses` in every form above. */
export function addressPattern(addresses: readonly string[]): RegExp | undefined {
  const list = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')))];
  if (list.length === 0) return undefined;
  const key = list.join('\n');
  let pattern = cache.get(key);
  if (!pattern) {
    // Longest first, so that an address that ends another one is not matched inside it.
    const alternatives = list.sort((a, b) => b.length - a.length).map((a) => [...a].map(charForms).join(''));
    pattern = new RegExp(`${BEFORE}(?:${alternatives.join('|')})${AFTER}`, 'gi');
    if (cache.size > 1000) cache.clear();
    cache.set(key, pattern);
  }
  return pattern;
}

/** Replaces every occurrence of any of `addresses`, in any form, by `replacement`. */
export function replaceAddressForms(text: string, addresses: readonly string[], replacement: string): string {
  if (!text || !AT_SIGN.test(text)) return text;
  const pattern = addressPattern(addresses);
  return pattern ? text.replace(pattern, () => replacement) : text;
}

/** Whether any of `addresses` occurs in `text` in any form. */
export function containsAddressForm(text: string, addresses: readonly string[]): boolean {
  if (!text || !AT_SIGN.test(text)) return false;
  const pattern = addressPattern(addresses);
  if (!pattern) return false;
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
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
