import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParleyError } from '../../core/errors.js';
import { startBridge, type Bridge, type BridgeOptions } from './server.js';
import { fakeEvents, fakeHandlers, request } from './testing/fakes.js';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';
let bridge: Bridge | undefined;

afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

async function start(overrides: Partial<BridgeOptions> = {}): Promise<Bridge> {
  bridge = await startBridge({
    handlers: fakeHandlers(),
    events: fakeEvents(),
    host: '127.0.0.1',
    port: 0,
    rendererDir: '/nonexistent',
    token: TOKEN,
    ...overrides,
  });
  return bridge;
}

function call(b: Bridge, name: string, body: unknown, headers: Record<string, string> = {}) {
  return request(b.port, {
    method: 'POST',
    path: `/api/call/${name}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-parley-token': TOKEN, ...headers },
  });
}

describe('the web bridge: calls', () => {
  it('prints a loopback URL whose token is a fragment and is 32 random bytes by default', async () => {
    const b = await start({ token: undefined });
    expect(b.url).toBe(`http://127.0.0.1:${b.port}/#token=${b.token}`);
    expect(Buffer.from(b.token, 'base64url')).toHaveLength(32);
    const other = await startBridge({
      handlers: fakeHandlers(),
      events: fakeEvents(),
      host: 'localhost',
      port: 0,
      rendererDir: '/x',
    });
    expect(other.token).not.toBe(b.token);
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    await other.close();
  });

  it('answers a call with { ok: true, value }, the input parsed with its schema', async () => {
    const b = await start();
    const res = await call(b, 'inbox.list', { filter: 'sent' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: true,
      value: { echo: 'inbox.list', input: { filter: 'sent', offset: 0, limit: 100 } },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('requires the token on every call (401), compared exactly', async () => {
    const handlers = fakeHandlers();
    const b = await start({ handlers });
    for (const headers of [
      { 'x-parley-token': '' },
      { 'x-parley-token': `${TOKEN}x` },
      { 'x-parley-token': TOKEN.slice(1) },
    ]) {
      const res = await call(b, 'app.status', {}, headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('ETOKEN');
    }
    expect(handlers['app.status']).not.toHaveBeenCalled();
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const b = await start();
    expect((await call(b, 'app.status', {}, { host: `evil.example:${b.port}` })).status).toBe(421);
    expect((await call(b, 'app.status', {}, { host: `127.0.0.1:${b.port + 1}` })).status).toBe(421);
    expect((await call(b, 'app.status', {}, { host: `localhost:${b.port}` })).status).toBe(200);
    expect((await call(b, 'app.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(b, 'app.status', {}, { origin: `https://127.0.0.1:${b.port}` })).status).toBe(403);
    expect((await call(b, 'app.status', {}, { origin: `http://127.0.0.1:${b.port}` })).status).toBe(200);
    expect((await request(b.port, { path: '/', headers: { host: 'attacker.test' } })).status).toBe(421);
  });

  it('404s an unknown call and 405s a GET', async () => {
    const b = await start();
    const unknown = await call(b, 'inbox.drop', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toEqual({ code: 'ENOCALL', message: 'no such call: inbox.drop' });
    expect((await call(b, 'constructor', {})).status).toBe(404);
    expect((await request(b.port, { path: '/api/call/app.status', headers: { 'x-parley-token': TOKEN } })).status).toBe(
      405,
    );
  });

  it('400s invalid JSON and input its schema refuses, naming the field; the handler is not called', async () => {
    const handlers = fakeHandlers();
    const b = await start({ handlers });
    const broken = await call(b, 'inbox.list', '{"filter":');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error).toEqual({ code: 'EBADINPUT', message: 'the request body is not valid JSON' });
    const invalid = await call(b, 'message.report', { messageId: -1, reason: 'boring' });
    expect(invalid.status).toBe(400);
    const { error } = JSON.parse(invalid.body);
    expect(error.code).toBe('EBADINPUT');
    expect(error.message).toMatch(/messageId: .*; reason: /);
    expect(handlers['message.report']).not.toHaveBeenCalled();
  });

  it('413s a body over the limit without calling the handler', async () => {
    const handlers = fakeHandlers();
    const b = await start({ handlers, maxBodyBytes: 1024 });
    const res = await call(b, 'files.check', { name: 'big.txt', dataBase64: 'A'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('ETOOLARGE');
    // Declared up front (Content-Length) or streamed (chunked): both stop at the limit.
    const declared = JSON.stringify({ name: 'big.txt', dataBase64: 'A'.repeat(4096) });
    expect(
      (await call(b, 'files.check', declared, { 'content-length': String(Buffer.byteLength(declared)) })).status,
    ).toBe(413);
    expect(handlers['files.check']).not.toHaveBeenCalled();
    // A body just under the limit still goes through.
    expect((await call(b, 'files.check', { name: 'ok.txt', dataBase64: 'QQ==' })).status).toBe(200);
  });

  it.each([
    ['ENOTFOUND', 404],
    ['EEXISTS', 409],
    ['EPOLICY', 422],
    ['EQUOTA', 422],
    ['EUNAUTHORIZED', 422],
  ] as const)('maps ParleyError %s to HTTP %i with its code and words', async (code, status) => {
    const b = await start({
      handlers: fakeHandlers({
        'drafts.get': () => {
          throw new ParleyError(code, `refused: ${code}`);
        },
      }),
    });
    const res = await call(b, 'drafts.get', { id: 3 });
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code, message: `refused: ${code}` } });
  });

  it("sends a ParleyError's message key and params with its code and words", async () => {
    const b = await start({
      handlers: fakeHandlers({
        'senders.add': () => {
          throw new ParleyError('EEXISTS', 'cs@x.example is already the address of the shop "x"', {
            detail: { key: 'address.taken', params: { address: 'cs@x.example', shop: 'x' } },
          });
        },
      }),
    });
    const res = await call(b, 'senders.add', { email: 'cs@x.example' });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'EEXISTS',
        message: 'cs@x.example is already the address of the shop "x"',
        key: 'address.taken',
        params: { address: 'cs@x.example', shop: 'x' },
      },
    });
  });

  it('500s a bug as "internal error", logging the stack and never sending it', async () => {
    const log = vi.fn();
    const b = await start({
      log,
      handlers: fakeHandlers({
        'outbox.list': () => {
          throw new TypeError("Cannot read properties of undefined (reading 'rows') at /home/x/src/outbox.ts:12");
        },
      }),
    });
    const res = await call(b, 'outbox.list', {});
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'EINTERNAL', message: 'internal error' } });
    expect(res.body).not.toMatch(/outbox\.ts|rows/);
    expect(log).toHaveBeenCalledOnce();
  });

  it('binds IPv6 loopback too, printing and accepting [::1]:PORT', async () => {
    const v6 = await startBridge({
      handlers: fakeHandlers(),
      events: fakeEvents(),
      host: '[::1]',
      port: 0,
      rendererDir: '/x',
      token: TOKEN,
    }).catch((err: NodeJS.ErrnoException) => err);
    if (v6 instanceof Error) {
      expect(v6.code).toBe('EADDRNOTAVAIL'); // a machine without IPv6
      return;
    }
    bridge = v6;
    expect(v6.url).toBe(`http://[::1]:${v6.port}/#token=${TOKEN}`);
    const ok = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '::1',
          port: v6.port,
          method: 'POST',
          path: '/api/call/app.status',
          headers: { host: `[::1]:${v6.port}`, 'x-parley-token': TOKEN },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(ok).toBe(200);
  });

  it('refuses to listen anywhere but loopback', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      await expect(
        startBridge({ handlers: fakeHandlers(), events: fakeEvents(), host, port: 0, rendererDir: '/x' }),
      ).rejects.toThrow(/loopback only/);
    }
  });

  it('refuses to start over a backend that lacks a handler', async () => {
    const handlers = fakeHandlers() as unknown as Record<string, unknown>;
    delete handlers['senders.remove'];
    await expect(start({ handlers: handlers as never })).rejects.toThrow(/missing: senders\.remove/);
  });
});
