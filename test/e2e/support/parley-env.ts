/**
 * Everything one end-to-end run needs around the browser: a temp data directory (with the demo
 * seller, or empty for the first run), the capturing smarthost, the trap listener for hostile
 * HTML, and `parley serve --http` — restartable on the same data directory. `dispose()` stops
 * all of it and is safe to call after any failure (PARLEY_E2E_KEEP=1 keeps the data directory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { assertRendererBuilt, ParleyHttp, runDemo } from '../../support/parley-http.js';
import { Trap } from './hostile.js';
import { Smarthost } from './smarthost.js';

export interface EnvOptions {
  /** Run `parley demo` first (default true); false leaves a first-run data directory. */
  demo?: boolean;
}

export interface InboundMail {
  from: { name: string; address: string };
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export class ParleyEnv {
  /** Origins of every bridge started in this process: the only places a page may talk to. */
  static readonly bridgeOrigins = new Set<string>();
  readonly smarthost = new Smarthost();
  readonly trap = new Trap();
  private current: ParleyHttp | undefined;

  private constructor(readonly dataDir: string) {}

  static async create(opts: EnvOptions = {}): Promise<ParleyEnv> {
    assertRendererBuilt();
    const env = new ParleyEnv(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-')));
    try {
      await env.smarthost.start(0);
      await env.trap.start();
      if (opts.demo ?? true) runDemo(env.dataDir);
      await env.startServe();
    } catch (err) {
      await env.dispose();
      throw err;
    }
    return env;
  }

  /** The running `parley serve --http`. */
  get server(): ParleyHttp {
    if (!this.current) throw new Error('parley serve is not running');
    return this.current;
  }

  async startServe(): Promise<ParleyHttp> {
    if (this.current?.running) throw new Error('parley serve is running already');
    this.current = await ParleyHttp.start({ dataDir: this.dataDir, smarthost: this.smarthost.url, retryBase: '1s' });
    ParleyEnv.bridgeOrigins.add(this.current.origin);
    return this.current;
  }

  /** Stops serve (SIGKILL plays a crash) and starts it again on the same data directory: a new URL. */
  async restartServe(signal: NodeJS.Signals = 'SIGTERM'): Promise<ParleyHttp> {
    await this.current?.stop(signal);
    return this.startServe();
  }

  /** The port of the relay's inbound listener, as the app reports it. */
  async inboundPort(): Promise<number> {
    const status = await this.server.call('app.status', {});
    const smtp = status.relayStatus.smtp;
    if (!status.relayStatus.running || !smtp)
      throw new Error(`the relay is not running: ${status.relayStatus.error ?? 'no reason given'}`);
    return Number(smtp.split(':').pop());
  }

  /** A buyer writes to the seller's relay address over real SMTP (the inbound port). */
  async mailFromBuyer(mail: InboundMail): Promise<void> {
    const status = await this.server.call('app.status', {});
    if (!status.seller) throw new Error('no seller: nobody to write to');
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: await this.inboundPort(),
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({ ...mail, to: status.seller.relayAddress });
    } finally {
      transport.close();
    }
  }

  async dispose(): Promise<void> {
    await this.current?.stop('SIGTERM', 5_000).catch(() => {});
    await this.smarthost.stop().catch(() => {});
    await this.trap.stop().catch(() => {});
    if (process.env.PARLEY_E2E_KEEP) console.error(`e2e: kept the data directory ${this.dataDir} (PARLEY_E2E_KEEP)`);
    else fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
