/**
 * `parley serve --http` as its own process, for the Playwright tests and bench/ui: spawns it,
 * reads the printed bridge URL (`web bridge: http://127.0.0.1:PORT/#token=…`), talks to the
 * bridge from Node (setup and cross-checks), and stops it — gently, or with SIGKILL to play a
 * crash. A new ParleyHttp on the same data directory is a restart.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BRIDGE, type CallInput, type CallName, type CallOutput } from '../../src/shared/contract.js';
import { PARLEY_BIN } from './serve-process.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out/renderer');

const BRIDGE_LINE = /web bridge: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/;

export interface ServeHttpOptions {
  dataDir: string;
  /** smtp://127.0.0.1:PORT?starttls=never; absent: the local mailbox under the data directory. */
  smarthost?: string;
  /** --retry-base, e.g. '1s'. */
  retryBase?: string;
  extraArgs?: string[];
  /** ms to wait for the bridge line. */
  timeoutMs?: number;
}

/** A failure of a bridge call, with the contract's { code, message }. */
export class BridgeCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The e2e tests run against the built renderer; building is the caller's job (npm test builds first). */
export function assertRendererBuilt(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `the renderer is not built (${RENDERER_DIR}/index.html missing): run "npx electron-vite build" (npm test does) before the e2e tests`,
    );
  }
}

/** `parley demo --data DIR`: the demo seller and its conversations, sent through the real relay. */
export function runDemo(dataDir: string): void {
  const r = spawnSync(process.execPath, [PARLEY_BIN, 'demo', '--data', dataDir, '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`parley demo failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
}

export class ParleyHttp {
  /** The URL the seller opens, token in the fragment. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;

  private constructor(
    readonly child: ChildProcess,
    url: string,
    private readonly log: () => string,
  ) {
    this.url = url;
    const parsed = new URL(url);
    this.origin = parsed.origin;
    this.token = decodeURIComponent(new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '');
    if (!this.token) throw new Error(`no token in the bridge URL ${url}`);
  }

  static start(opts: ServeHttpOptions): Promise<ParleyHttp> {
    const args = [
      PARLEY_BIN,
      'serve',
      '--data',
      opts.dataDir,
      '--smtp',
      '127.0.0.1:0',
      '--submission',
      '127.0.0.1:0',
      '--dns',
      'offline',
      '--http',
      '127.0.0.1:0',
    ];
    if (opts.smarthost) args.push('--smarthost', opts.smarthost);
    if (opts.retryBase) args.push('--retry-base', opts.retryBase);
    args.push(...(opts.extraArgs ?? []));
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d: Buffer) => {
      out = (out + d.toString()).slice(-200_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        child.kill('SIGKILL');
        reject(new Error(`parley serve --http ${why}; its output:\n${out}`));
      };
      const timer = setTimeout(() => fail(`printed no "web bridge:" line within ${timeoutMs} ms`), timeoutMs);
      const look = () => {
        const m = BRIDGE_LINE.exec(out);
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', look);
        child.off('exit', onExit);
        resolve(new ParleyHttp(child, m[1], () => out));
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail(`exited (${code ?? signal}) before printing its bridge URL`);
      child.stdout!.on('data', look);
      child.once('exit', onExit);
    });
  }

  /** stdout + stderr so far (the tail), for failure messages. */
  output(): string {
    return this.log();
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** One contract call over the bridge, from Node. */
  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const res = await fetch(this.origin + BRIDGE.callPath(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE.tokenHeader]: this.token },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json()) as
      { ok: true; value: CallOutput<K> } | { ok: false; error: { code: string; message: string } };
    if (!body.ok) throw new BridgeCallError(body.error.code, body.error.message, res.status);
    return body.value;
  }

  /** SIGTERM (a clean stop) or SIGKILL (a crash); SIGKILL anyway after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const late = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(late);
  }
}
