/**
 * The renderer is served from `app://parley/…` instead of file://: a standard, secure origin of its own (so the
 * permission handler can tell our page from anything else, and file:// needs no extra privileges — the fuse is off),
 * answered only with files under out/renderer, each with the CSP as a response header.
 */
import type { Protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'parley';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.aff': 'text/plain; charset=utf-8',
  '.dic': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Must run before `app` is ready: Electron fixes a scheme's privileges at start. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file under `rendererDir` a request names, or null when it names none: another host, a path that leaves the
 * folder (`..`, encoded or not, a backslash, a NUL), or not a URL at all.
 */
export function rendererPath(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((part) => part === '..')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/** The answer to one `app://` request: the file with its type and the CSP, or 404 (never a file outside). */
export async function rendererResponse(url: string, rendererDir: string, csp: string): Promise<Response> {
  const file = rendererPath(url, rendererDir);
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  if (!file) return new Response('not found', { status: 404, headers });
  let body: Buffer;
  try {
    const real = await fs.realpath(file);
    // A symlink inside out/renderer pointing out of it is refused like `..`.
    const root = await fs.realpath(rendererDir);
    if (path.relative(root, real).startsWith('..')) return new Response('not found', { status: 404, headers });
    body = await fs.readFile(real);
  } catch {
    return new Response('not found', { status: 404, headers });
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': type } });
}

/** Serves out/renderer on `app://parley/`; call once the app is ready. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, rendererDir, csp));
}
