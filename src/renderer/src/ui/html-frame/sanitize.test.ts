// @vitest-environment jsdom
/**
 * R14: received HTML is shown without running anything or fetching anything. The hostile
 * sample tries every way we know to run script or reach the network.
 */
import { describe, expect, it } from 'vitest';
import { frameCsp, sanitizeHtml } from './sanitize';
import { rewriteCss, urlKind } from './urls';

const HOSTILE = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<style>@import url("https://evil.example/import.css"); body { background: url(https://evil.example/bg.png) }
.x { background: \\75 rl(https://evil.example/escaped.png) } @font-face { font-family: f; src: url('//evil.example/f.woff') }</style>
<script>fetch('https://evil.example/script')</script>
</head><body onload="alert(1)">
<p>Hello <b>there</b></p>
<img src="https://evil.example/pixel.gif" onerror="alert(2)" alt="pixel">
<img srcset="https://evil.example/a.png 1x, https://evil.example/b.png 2x">
<img src="relative.png">
<img src="cid:logo@shop">
<table background="http://evil.example/table.png"><tr><td style="background-image:url(http://evil.example/td.png)">cell</td></tr></table>
<a href="javascript:alert(3)">js link</a> <a href="https://shop.example/track">real link</a>
<form action="https://evil.example/post"><input name="q"><button>go</button></form>
<iframe src="https://evil.example/frame"></iframe><object data="https://evil.example/o.swf"></object><embed src="https://evil.example/e">
<svg><image href="https://evil.example/svg.png"/><script>alert(4)</script></svg>
<video poster="https://evil.example/poster.png" src="https://evil.example/v.mp4"></video>
<div style="width: expression(alert(5))" onclick="alert(6)">div</div>
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline ok">
</body></html>`;

function body(srcdoc: string): string {
  return srcdoc.slice(srcdoc.indexOf('<body'));
}

describe('sanitizeHtml (R14)', () => {
  const inline = new Map([['logo@shop', 'data:image/png;base64,AAAA']]);
  const { srcdoc, blockedRemote } = sanitizeHtml(HOSTILE, { allowRemote: false, inline });

  it('keeps the text and harmless markup', () => {
    expect(srcdoc).toContain('<p>Hello <b>there</b></p>');
    expect(srcdoc).toContain('cell');
    expect(srcdoc).toContain('data:image/png;base64,iVBORw0KGgo=');
  });

  it('runs no script: no <script>, no on* handler, no javascript: URL', () => {
    expect(srcdoc).not.toMatch(/<script/i);
    expect(srcdoc).not.toMatch(/\son[a-z]+\s*=/i);
    expect(srcdoc).not.toMatch(/javascript:/i);
    expect(srcdoc).not.toMatch(/expression\(/i);
  });

  it('drops forms, frames, objects, embeds, svg, media, base, link and meta refresh', () => {
    for (const tag of ['form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'video', 'base', 'link']) {
      expect(srcdoc).not.toMatch(new RegExp(`<${tag}[\\s>]`, 'i'));
    }
    expect(srcdoc).not.toMatch(/refresh/i);
  });

  it('leaves no remote or relative URL that could load (links stay, they need a click and a popup)', () => {
    const withoutLinks = srcdoc.replace(/<a [^>]*>/g, '');
    expect(withoutLinks).not.toMatch(/evil\.example/);
    expect(withoutLinks).not.toMatch(/relative\.png/);
    expect(blockedRemote).toBeGreaterThanOrEqual(9);
  });

  it('replaces cid: images with the inline part', () => {
    expect(srcdoc).toContain('src="data:image/png;base64,AAAA"');
  });

  it('opens real links only through a refused popup, with the address as tooltip', () => {
    expect(srcdoc).toMatch(
      /<a href="https:\/\/shop\.example\/track" target="_blank" rel="noopener noreferrer" title="https:\/\/shop\.example\/track">/,
    );
  });

  it('carries its own CSP: nothing but inline styles and data:/cid: images', () => {
    expect(srcdoc).toContain(`content="${frameCsp(false)}"`);
    expect(frameCsp(false)).toBe(
      "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'",
    );
  });

  it('allows remote images (and only images) when the seller asked for it', () => {
    const shown = sanitizeHtml(HOSTILE, { allowRemote: true, inline });
    expect(shown.blockedRemote).toBe(0);
    expect(body(shown.srcdoc)).toContain('src="https://evil.example/pixel.gif"');
    expect(shown.srcdoc).toContain('img-src data: cid: https: http:');
    expect(shown.srcdoc).not.toMatch(/@import/);
    expect(shown.srcdoc).not.toMatch(/<script/i);
    expect(shown.srcdoc).not.toMatch(/relative\.png/);
  });

  it('does not count anything as blocked in a plain message', () => {
    expect(sanitizeHtml('<p>Thanks!</p>', { allowRemote: false }).blockedRemote).toBe(0);
  });
});

describe('URL and CSS rewriting', () => {
  it('sees through whitespace tricks in schemes', () => {
    expect(urlKind(' ht\ttp://x')).toBe('remote');
    expect(urlKind('//x/y.png')).toBe('remote');
    expect(urlKind('data:image/gif;base64,R0')).toBe('data');
    expect(urlKind('data:text/html,<b>')).toBe('other');
  });

  it('neutralises unterminated and escaped url()', () => {
    const { css, blocked } = rewriteCss(
      'a{background:url(http://x/a.png} b{background:\\75rl(http://x/b.png)}',
      false,
      new Map(),
    );
    expect(css).not.toMatch(/http:/);
    expect(blocked).toBe(2);
  });
});
