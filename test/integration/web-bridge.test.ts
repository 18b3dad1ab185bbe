/**
 * `parley serve --http` as a seller runs it: a real process over a demo store, the bridge URL
 * printed as its own line, the contract answered over HTTP behind the token, and buyer mail
 * arriving over real SMTP pushed to the browser as server-sent events.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyHttp } from '../support/parley-http.js';
import { PARLEY_BIN, stopProcess } from '../support/serve-process.js';

const RENDERER_INDEX = path.resolve(import.meta.dirname, '../../out/renderer/index.html');
let dataDir: string;
let child: ChildProcess;
let output = '';
let url: URL;
let token: string;
let smtpPort: number;

function call(name: string, input: unknown, headers: Record<string, string> = { 'x-parley-token': token }) {
  return fetch(new URL(`/api/call/${name}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-web-bridge-'));
  const demo = spawnSync(process.execPath, [PARLEY_BIN, 'demo', '--data', dataDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(demo.status, demo.stderr).toBe(0);
  child = spawn(
    process.execPath,
    [
      PARLEY_BIN,
      'serve',
      '--data',
      dataDir,
      '--smtp',
      '127.0.0.1:0',
      '--submission',
      '127.0.0.1:0',
      '--dns',
      'offline',
      '--http',
      '127.0.0.1:0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no bridge URL in 20 s:\n${output}`)), 20_000);
    const take = (d: Buffer) => {
      output += d;
      if (/^ready; Ctrl\+C stops$/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const line = /^web bridge: (\S+)$/m.exec(output);
  expect(line, output).not.toBeNull();
  url = new URL(line![1]);
  token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  smtpPort = Number(/^inbound SMTP \(buyers, carriers\): +127\.0\.0\.1:(\d+)$/m.exec(output)?.[1]);
}, 90_000);

afterAll(async () => {
  if (child) await stopProcess(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('parley serve --http', () => {
  it('prints the bridge URL as its own line: loopback, the token in the fragment', () => {
    expect(url.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url.pathname).toBe('/');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(smtpPort).toBeGreaterThan(0);
  });

  it('answers the contract behind the token, with the demo seller’s inbox (R20: response-needed first)', async () => {
    const refused = await call('inbox.counts', {}, {});
    expect(refused.status).toBe(401);
    const counts = await call('inbox.counts', {});
    expect(counts.status).toBe(200);
    const { value } = (await counts.json()) as { value: Record<string, number> };
    expect(value['response-needed']).toBeGreaterThan(0);
    const list = (await (await call('inbox.list', { filter: 'response-needed' })).json()) as {
      value: { total: number; rows: Array<{ needsResponse: boolean }> };
    };
    expect(list.value.total).toBe(value['response-needed']);
    expect(list.value.rows.every((r) => r.needsResponse)).toBe(true);
    const bad = await call('inbox.list', { filter: 'everything' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('EBADINPUT');
  });

  it('answers a refusal with its code, English words, message key and params (the UI words the key)', async () => {
    const res = await call('drafts.delete', { id: 999_999 });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'ENOTFOUND', message: 'no draft 999999', key: 'draft.notFound', params: { id: 999_999 } },
    });
  });

  it('serves the built renderer with its CSP (or says to build it)', async () => {
    const page = await fetch(new URL('/', url));
    if (fs.existsSync(RENDERER_INDEX)) {
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
      expect(await page.text()).toBe(fs.readFileSync(RENDERER_INDEX, 'utf8'));
    } else {
      expect(page.status).toBe(503);
      expect(output).toContain('run npm run build');
    }
  });

  it('pushes a buyer message that arrives over SMTP as a message.new event', async () => {
    const events: string[] = [];
    const req = http.get(new URL(`/api/events?token=${encodeURIComponent(token)}`, url));
    const arrived = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no message.new in 15 s; got ${JSON.stringify(events)}`)),
        15_000,
      );
      req.on('response', (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          events.push(chunk);
          const m = /event: message\.new\ndata: (.*)\n\n/.exec(buffer);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      req.on('error', reject);
    });
    const seller = (await (await call('app.status', {})).json()) as { value: { seller: { relayAddress: string } } };
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await client.sendMail({
      from: 'Maria Lopez <maria.lopez@example.net>',
      to: seller.value.seller.relayAddress,
      subject: 'Gravur auf dem Brett?',
      text: 'Können Sie "Für Oma" eingravieren?',
    });
    client.close();
    const payload = JSON.parse(await arrived) as { direction: string; subject: string; fromLabel: string };
    req.destroy();
    expect(payload).toMatchObject({ direction: 'buyer-to-seller', subject: 'Gravur auf dem Brett?' });
    // the seller sees a name or alias, never the address
    expect(payload.fromLabel).not.toContain('maria.lopez@example.net');
  });

  it('refuses a non-loopback --http address before starting anything', () => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, 'serve', '--data', dataDir, '--http', '0.0.0.0:4480'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--http: the web bridge listens on loopback only/);
  });
});

describe('the bridge link of a data folder', () => {
  const dirs: string[] = [];
  const running: ParleyHttp[] = [];
  const start = async (dir: string, extraArgs: string[] = []) => {
    const serve = await ParleyHttp.start({ dataDir: dir, extraArgs });
    running.push(serve);
    return serve;
  };
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bridge-link-'));
    dirs.push(dir);
    return dir;
  };
  /** Resolves once the serve process has printed `pattern` (bounded). */
  const printed = async (serve: ParleyHttp, pattern: RegExp, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(serve.output())) {
      if (Date.now() > deadline) throw new Error(`not printed: ${pattern}\n${serve.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const statusWith = (serve: ParleyHttp, token: string | undefined) =>
    fetch(serve.origin + '/api/call/app.status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { 'x-parley-token': token }) },
      body: '{}',
    });

  afterAll(async () => {
    for (const serve of running) await serve.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its token across a restart; after a new link the old one is said to be old, and the restart prints the new one', async () => {
    const dir = freshDir();
    let serve = await start(dir);
    const first = serve.token;
    await serve.stop();
    serve = await start(dir);
    expect(serve.token).toBe(first);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const { token: renewed } = await serve.call('bridge.newLink', {});
    expect(renewed).not.toBe(first);
    const stale = await statusWith(serve, first);
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ ok: false, error: { code: 'ETOKEN', key: 'bridge.tokenStale' } });
    const none = (await (await statusWith(serve, undefined)).json()) as { error: { code: string; key?: string } };
    expect(none.error.code).toBe('ETOKEN');
    expect(none.error.key).toBeUndefined();
    expect((await statusWith(serve, renewed)).status).toBe(200);

    await serve.stop();
    serve = await start(dir);
    expect(serve.token).toBe(renewed);
  }, 120_000);

  it('prints "relay running on …" once a shop is set up in the web UI', async () => {
    const serve = await start(freshDir());
    expect(serve.output()).toMatch(/not running \(no shop yet: set one up in the web UI\)/);
    await serve.call('setup.shop', { name: 'Holzwerkstatt', email: 'shop@holz.example', language: 'de' });
    await printed(serve, /^relay running on 127\.0\.0\.1:\d+ \(inbound SMTP\) and 127\.0\.0\.1:\d+ \(submission\)$/m);
  }, 60_000);

  it('names the command-line flag, not Settings, when a port given there is taken', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const dir = freshDir();
      const shop = await start(dir);
      await shop.call('setup.shop', { name: 'Holzwerkstatt', email: 'shop@holz.example', language: 'de' });
      await shop.stop();
      const serve = await start(dir, ['--smtp', `127.0.0.1:${port}`]);
      expect(serve.output()).toContain(
        `127.0.0.1:${port} is already in use by another program: start Parley with another port (--smtp HOST:PORT)`,
      );
      expect(serve.output()).not.toContain('choose other ports in Settings');
    } finally {
      taken.close();
    }
  }, 90_000);
});
