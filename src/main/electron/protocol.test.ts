import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAppScheme, rendererPath, rendererResponse, RENDERER_URL, serveRenderer } from './protocol.js';

const CSP = "default-src 'self'; frame-ancestors 'none'";
let base: string;
let renderer: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-protocol-'));
  renderer = path.join(base, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Parley</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'not for the renderer');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('the app:// scheme', () => {
  it('is registered standard and secure, before the app is ready', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serves the renderer files with their type and the CSP header', async () => {
    const page = await rendererResponse(RENDERER_URL, renderer, CSP);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Parley</title>');

    const script = await rendererResponse('app://parley/assets/index-abc.js?v=1#x', renderer, CSP);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await rendererResponse('app://parley/', renderer, CSP)).status).toBe(200);
  });

  it.each([
    ['a dot-dot path', 'app://parley/../secret.txt'],
    ['an encoded dot-dot', 'app://parley/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://parley/assets%2F..%2F..%2Fsecret.txt'],
    ['a backslash', 'app://parley/assets%5C..%5C..%5Csecret.txt'],
    ['a NUL byte', 'app://parley/index.html%00.js'],
    ['a symlink out of the folder', 'app://parley/assets/link.txt'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a missing file', 'app://parley/nope.js'],
    ['a folder', 'app://parley/assets'],
  ])('refuses %s with 404', async (_label, url) => {
    const response = await rendererResponse(url, renderer, CSP);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not for the renderer');
  });

  it('never resolves a path outside the folder', () => {
    for (const url of ['app://parley/%2e%2e/%2e%2e/etc/passwd', 'app://parley/a/../../../etc/passwd']) {
      // The URL parser already folds dot segments at the root; whatever is left stays inside.
      const file = rendererPath(url, renderer);
      expect(file === null || file.startsWith(renderer + path.sep)).toBe(true);
    }
    expect(rendererPath('app://parley/assets/index-abc.js', renderer)).toBe(
      path.join(renderer, 'assets', 'index-abc.js'),
    );
  });

  it('is handled by protocol.handle with the same answers', async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const protocol = {
      handle: vi.fn((scheme: string, h: typeof handler) => {
        handler = h;
      }),
    };
    serveRenderer(protocol as never, renderer, CSP);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect((await handler!(new Request('app://parley/index.html'))).status).toBe(200);
    expect((await handler!(new Request('app://parley/../secret.txt'))).status).toBe(404);
  });
});
