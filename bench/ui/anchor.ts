/**
 * bench/ui's anchor: a bare React page (anchor/page.tsx, bundled and minified here with esbuild) served from memory
 * on 127.0.0.1. Its cold loads are measured with the inbox's, one after the other, so the ratio between the two holds
 * on a noisy machine even when the absolute numbers move: the part of "interactive" that is the browser's and React's
 * own on this machine, not Parley's.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>anchor</title>
<script type="module" src="./page.js"></script></head>
<body style="margin:0;font:14px/1.45 system-ui,sans-serif"><div id="root"></div></body></html>`;

export interface Anchor {
  url: string;
  bytes: number;
  stop(): Promise<void>;
}

export async function startAnchor(): Promise<Anchor> {
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'anchor/page.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].contents;
  const server = http.createServer((req, res) => {
    const file =
      req.url === '/'
        ? { type: 'text/html; charset=utf-8', body: HTML }
        : req.url === '/page.js'
          ? { type: 'text/javascript', body: js }
          : null;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    bytes: js.byteLength,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
