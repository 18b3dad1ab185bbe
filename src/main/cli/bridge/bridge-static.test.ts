import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from './server.js';
import { fakeEvents, fakeHandlers, request } from './testing/fakes.js';

const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; object-src 'none'" /></head><body><div id="root"></div></body></html>`;
let tmp: string;
let bridge: Bridge;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bridge-static-'));
  const renderer = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), INDEX);
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc123.js'), 'console.log("app")');
  fs.writeFileSync(path.join(renderer, 'assets', 'pdf.worker-def456.mjs'), 'self.onmessage = () => {}');
  fs.writeFileSync(path.join(renderer, 'assets', 'openjpeg-1.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'the seller keeps this');
  fs.writeFileSync(path.join(tmp, 'renderer-evil.txt'), 'a sibling folder with the same prefix');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
  bridge = await startBridge({
    handlers: fakeHandlers(),
    events: fakeEvents(),
    host: '127.0.0.1',
    port: 0,
    rendererDir: renderer,
  });
});

afterAll(async () => {
  await bridge.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the web bridge: the renderer files', () => {
  it('serves index.html for / with a strict CSP header, nosniff, no-referrer and no-store', async () => {
    const res = await request(bridge.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/pdf.worker-def456.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/openjpeg-1.wasm', 'application/wasm'],
  ])('serves %s as %s', async (file, type) => {
    const res = await request(bridge.port, { path: file });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%2frenderer-evil.txt',
    '/%2e%2e%5csecret.txt',
    '/index.html%00.js',
    '/assets/link.txt',
    '/%E0%A4%A',
    '/assets',
    '/nothing-here.js',
  ])('refuses %s (outside the renderer, a symlink out of it, or missing)', async (attempt) => {
    const res = await request(bridge.port, { path: attempt });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('the seller keeps this');
    expect(res.body).not.toContain('same prefix');
  });

  it('answers HEAD without a body and refuses other methods on files', async () => {
    const head = await request(bridge.port, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(INDEX.length);
    expect((await request(bridge.port, { method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
  });

  it('says "run npm run build" when the renderer is not built, and still answers calls', async () => {
    const bare = await startBridge({
      handlers: fakeHandlers(),
      events: fakeEvents(),
      host: '127.0.0.1',
      port: 0,
      rendererDir: path.join(tmp, 'missing'),
      token: 't',
    });
    try {
      expect(bare.rendererBuilt).toBe(false);
      const page = await request(bare.port, { path: '/' });
      expect(page.status).toBe(503);
      expect(page.body).toMatch(/run npm run build/);
      const call = await request(bare.port, {
        method: 'POST',
        path: '/api/call/app.status',
        body: '{}',
        headers: { 'x-parley-token': 't' },
      });
      expect(call.status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
