/**
 * The built renderer (out/renderer) for every GET that is not /api: index.html for '/', files by
 * path otherwise. A path is resolved and must stay inside the renderer folder (also after
 * following symlinks), so `/../../etc/passwd` in any spelling is a 404. Every answer carries the
 * page's CSP as a header plus nosniff and no-referrer, so the token in the URL fragment never
 * leaves in a Referer.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { headerCsp } from '../../core/transport/csp.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', // pdf.js worker: a module worker refuses any other type under nosniff
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // WebAssembly.instantiateStreaming demands exactly this
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.ftl': 'text/plain; charset=utf-8',
};

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
  /** False when the renderer has not been built (the API still works). */
  readonly built: boolean;
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function staticFiles(rendererDir: string): StaticFiles {
  const root = path.resolve(rendererDir);
  const indexFile = path.join(root, 'index.html');
  const built = fs.existsSync(indexFile);
  const realRoot = built ? fs.realpathSync(root) : root;
  const headers = securityHeaders(headerCsp(built ? fs.readFileSync(indexFile, 'utf8') : null));

  /** The file for a URL path, or null when it is outside the renderer or not a file. */
  async function resolveFile(pathname: string): Promise<string | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const candidate = path.resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
    if (!candidate.startsWith(root + path.sep)) return null;
    try {
      const real = await fs.promises.realpath(candidate);
      if (!real.startsWith(realRoot + path.sep)) return null;
      return (await fs.promises.stat(real)).isFile() ? real : null;
    } catch {
      return null;
    }
  }

  return {
    built,
    async serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        plain(res, 405, 'method not allowed', headers);
        return;
      }
      if (!built) {
        plain(res, 503, 'The Parley renderer is not built: run npm run build, then reload.', headers);
        return;
      }
      const file = await resolveFile(pathname);
      if (!file) {
        plain(res, 404, 'not found', headers);
        return;
      }
      const size = (await fs.promises.stat(file)).size;
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // Vite's assets carry a content hash in their names; everything else is looked at again.
      const immutable = file.startsWith(path.join(realRoot, 'assets') + path.sep);
      res.writeHead(200, {
        ...headers,
        'content-type': type,
        'content-length': size,
        'cache-control':
          path.basename(file) === 'index.html'
            ? 'no-store'
            : immutable
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    },
  };
}
