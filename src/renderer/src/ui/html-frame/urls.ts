/**
 * What a URL inside received HTML would do if the frame loaded it. Images may come from data:
 * (inline) and cid: (an inline part we swap for a data: URL); everything else that fetches —
 * http(s), protocol-relative, and relative URLs (which resolve against the app's own origin
 * inside a srcdoc frame) — is remote content and stays blocked until the seller allows it.
 */
export type UrlKind = 'data' | 'cid' | 'remote' | 'other';

export function urlKind(raw: string): UrlKind {
  // Browsers ignore ASCII whitespace and control characters inside a scheme: "ht\ntp:" is http.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
  const url = raw.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (url.startsWith('data:image/')) return 'data';
  if (url.startsWith('cid:')) return 'cid';
  if (url.startsWith('http:') || url.startsWith('https:') || url.startsWith('//')) return 'remote';
  return 'other';
}

/**
 * A URL that swallowed the markup after it: an attribute or url() left open, closed only by the next quote of its
 * kind, so the URL carries the message's text to whoever serves it ("dangling markup"). Chromium refuses some of
 * these (a newline and a "<" together); we drop every URL holding a "<", a line break, a tab or a quote, whatever
 * the browser would do, and whether or not remote content is allowed. Ordinary URLs never hold them unescaped.
 */
export function isDangling(raw: string): boolean {
  return /[<"'\n\r\t]/.test(raw.trim());
}

/** The Content-ID as AttachmentView.contentId holds it: no "cid:", no angle brackets. */
export function cidOf(raw: string): string {
  let id = raw.trim().slice(4);
  try {
    id = decodeURIComponent(id);
  } catch {
    // a malformed escape: compare the id as written
  }
  return id.replace(/^<|>$/g, '').toLowerCase();
}

/** Resolves one image URL: the URL to keep, or null to drop it; `blocked` when remote and not allowed. */
export function resolveImageUrl(
  raw: string,
  allowRemote: boolean,
  inline: ReadonlyMap<string, string>,
): { url: string | null; blocked: boolean } {
  if (isDangling(raw)) return { url: null, blocked: false };
  const kind = urlKind(raw);
  if (kind === 'data') return { url: raw.trim(), blocked: false };
  if (kind === 'cid') return { url: inline.get(cidOf(raw)) ?? null, blocked: false };
  if (kind === 'remote') {
    if (!allowRemote) return { url: null, blocked: true };
    const url = raw.trim();
    return { url: url.startsWith('//') ? `https:${url}` : url, blocked: false };
  }
  return { url: null, blocked: false };
}

/** Undoes CSS escapes (`\75 rl(` is `url(`) so a hidden url() cannot slip past the rewrite. */
export function unescapeCss(css: string): string {
  return css.replace(/\\([0-9a-f]{1,6}\s?|[^\n0-9a-f])/gi, (_, seq: string) => {
    const hex = seq.trim();
    if (/^[0-9a-f]{1,6}$/i.test(hex)) {
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return seq;
  });
}

/**
 * Properties whose url() loads an image or a font. Any other url() (filter, clip-path, mask, marker, cursor, …)
 * names a whole document, an SVG filter say, that the frame would fetch as something else than an image: it goes,
 * whatever its scheme, and does not count as blocked, since allowing remote content would not show it either.
 */
const LOADS_IMAGE_OR_FONT = new Set([
  'background',
  'background-image',
  'border-image',
  'border-image-source',
  '-webkit-border-image',
  'list-style',
  'list-style-image',
  'content',
  'src', // @font-face
]);

const URL_TOKEN = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^'"()\s]*))\s*\)/gi;
// eslint-disable-next-line no-control-regex -- NUL marks our own placeholders (NULs were stripped from the input)
const PLACEHOLDER_OR_BOUNDARY = /\u0000(\d+)\u0000|[;{}]/g;

/**
 * Rewrites the URLs of a style sheet or style attribute. @import is always dropped (the frame's CSP allows inline
 * styles only); image-set() goes; url() keeps data:/cid: and, when allowed, remote, and only where it is an image
 * or a font (LOADS_IMAGE_OR_FONT).
 */
export function rewriteCss(
  css: string,
  allowRemote: boolean,
  inline: ReadonlyMap<string, string>,
): { css: string; blocked: number } {
  let blocked = 0;
  // eslint-disable-next-line no-control-regex -- NUL is our placeholder marker below
  let out = unescapeCss(css.replace(/\u0000/g, '')).replace(/@import[^;]*;?/gi, () => {
    blocked++;
    return '';
  });
  // Old engines' script hooks in CSS: dead in Chromium, removed anyway.
  out = out.replace(/expression\s*\(|-moz-binding|behavior\s*:/gi, 'none(');
  out = out.replace(/(-webkit-)?image-set\([^)]*\)/gi, () => {
    blocked++;
    return 'none';
  });
  // Each well-formed url() becomes a numbered placeholder, so that what is left can be read for its property.
  const urls: string[] = [];
  out = out.replace(URL_TOKEN, (_, dq?: string, sq?: string, bare?: string) => {
    urls.push(dq ?? sq ?? bare ?? '');
    return `\u0000${urls.length - 1}\u0000`;
  });
  // Anything still looking like url( is malformed: neutralise it rather than guess.
  out = out.replace(/url\([^;})]*\)?/gi, () => {
    blocked++;
    return 'none';
  });
  // One pass: a declaration starts after ; { or }, and its property is read once, at its first url().
  let declarationStart = 0;
  let property: string | undefined;
  out = out.replace(PLACEHOLDER_OR_BOUNDARY, (match: string, index: string | undefined, offset: number) => {
    if (index === undefined) {
      declarationStart = offset + 1;
      property = undefined;
      return match;
    }
    property ??= /^\s*([-a-z]+)\s*:/i.exec(out.slice(declarationStart, offset))?.[1].toLowerCase() ?? '';
    if (!LOADS_IMAGE_OR_FONT.has(property)) return 'none';
    const { url, blocked: isBlocked } = resolveImageUrl(urls[Number(index)], allowRemote, inline);
    if (isBlocked) blocked++;
    return url ? `url("${url.replace(/["\\\n]/g, '')}")` : 'none';
  });
  return { css: out, blocked };
}
