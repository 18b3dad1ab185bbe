/**
 * TLS on the listeners: bound anywhere but loopback (here 127.0.0.1 with `public: true`), both listeners offer
 * STARTTLS with the operator's certificate, the submission port neither offers nor takes AUTH before it, a mail client
 * logs in and sends after it, implicit TLS works on request, a public submission port without a certificate does not
 * start, and the per-address connection limit holds across STARTTLS. Real sockets, certificates made by openssl.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { startRelay, type RelayOptions } from '../../src/main/core/relay/relay-service.js';
import { makeCertKit, type CertKit, type TestCert } from '../support/certs.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const BUYER = 'buyer@buyers.example';

/** A line-by-line SMTP client over a plain or TLS socket: `reply()` resolves with the next whole reply. */
class Talk {
  private buffer = '';
  private waiting: ((reply: string) => void) | null = null;
  private readonly replies: string[] = [];

  constructor(public socket: net.Socket) {
    this.listen(socket);
  }

  static open(port: number): Promise<Talk> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new Talk(socket)));
      socket.once('error', reject);
    });
  }

  static openTls(port: number, ca: string): Promise<Talk> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ port, host: '127.0.0.1', ca, servername: 'localhost' }, () =>
        resolve(new Talk(socket)),
      );
      socket.once('error', reject);
    });
  }

  private listen(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      // A reply ends at a line "NNN text" (a space after the code, not a dash).
      for (let m = /(^|\n)\d{3} [^\n]*\r?\n/.exec(this.buffer); m; m = /(^|\n)\d{3} [^\n]*\r?\n/.exec(this.buffer)) {
        const end = m.index + m[0].length;
        this.replies.push(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end);
      }
      while (this.waiting && this.replies.length) {
        const w = this.waiting;
        this.waiting = null;
        w(this.replies.shift()!);
      }
    });
  }

  reply(): Promise<string> {
    if (this.replies.length) return Promise.resolve(this.replies.shift()!);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async say(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** STARTTLS, then the handshake on the same socket; replies from then on come over TLS. */
  async startTls(ca: string): Promise<void> {
    expect(await this.say('STARTTLS')).toMatch(/^220 /);
    const plain = this.socket;
    plain.removeAllListeners('data');
    this.socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, ca, servername: 'localhost' }, () => resolve(s));
      s.once('error', reject);
    });
    this.listen(this.socket);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end('QUIT\r\n');
    });
  }
}

const plain = (user: string, password: string) => Buffer.from(`\0${user}\0${password}`).toString('base64');

let kit: CertKit;
let cert: TestCert;

beforeAll(() => {
  kit = makeCertKit();
  cert = kit.leaf(['localhost', '127.0.0.1']);
});
afterAll(() => kit?.remove());

/** The seller's mail client answers the buyer on the submission port: STARTTLS required, or TLS from the first byte. */
async function replyAsSeller(h: Harness, o: { secure: boolean; text: string }): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: h.relay.submissionPort,
    secure: o.secure,
    requireTLS: !o.secure,
    tls: { ca: kit.ca.cert, servername: 'localhost' },
    auth: { user: SELLER.id, pass: SELLER.password },
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: SELLER.email, to: h.aliasOf(BUYER) },
      from: SELLER.email,
      to: h.aliasOf(BUYER),
      subject: 'Re: Q',
      text: o.text,
    });
    return info.response;
  } finally {
    transport.close();
  }
}

describe('a listener bound beyond loopback, with a certificate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      listeners: { public: true, tls: { certFile: cert.certFile, keyFile: cert.keyFile } },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('submission offers STARTTLS, neither offers nor takes AUTH before it, and takes both after it', async () => {
    const c = await Talk.open(h.relay.submissionPort);
    expect(await c.reply()).toMatch(/^220 /);
    const ehlo = await c.say('EHLO client.example');
    expect(ehlo).toMatch(/^250-STARTTLS\r?$/m);
    expect(ehlo).not.toMatch(/AUTH/);
    expect(await c.say(`AUTH PLAIN ${plain(SELLER.id, SELLER.password)}`)).toMatch(
      /^530 5\.7\.0 Must issue a STARTTLS command first/,
    );
    expect(await c.say('AUTH LOGIN')).toMatch(/^530 5\.7\.0 Must issue a STARTTLS command first/);
    expect(await c.say(`MAIL FROM:<${SELLER.email}>`)).toMatch(/^530 /);
    await c.startTls(kit.ca.cert);
    const secured = await c.say('EHLO client.example');
    expect(secured).toMatch(/^250[- ]AUTH PLAIN LOGIN/m);
    expect(secured).not.toMatch(/STARTTLS/);
    expect(await c.say(`AUTH PLAIN ${plain(SELLER.id, SELLER.password)}`)).toMatch(/^235 /);
    await c.close();
  });

  it('a mail client that upgrades with STARTTLS logs in and its reply reaches the buyer', async () => {
    // Inbound takes a buyer's mail without TLS as well: STARTTLS is offered there, never required.
    await expect(
      h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Q', text: 'q' }),
    ).resolves.toMatch(/^250 /);
    const sent = h.sink.waitFor(1, { to: BUYER });
    expect(await replyAsSeller(h, { secure: false, text: 'answer over TLS' })).toMatch(/^250 /);
    const [msg] = await sent;
    expect(msg.raw.toString()).toContain('answer over TLS');
  });

  it('inbound offers STARTTLS and no AUTH, and takes mail after the upgrade', async () => {
    const c = await Talk.open(h.relay.smtpPort);
    expect(await c.reply()).toMatch(/^220 /);
    const ehlo = await c.say('EHLO mx.buyers.example');
    expect(ehlo).toMatch(/^250-STARTTLS\r?$/m);
    expect(ehlo).not.toMatch(/AUTH/);
    await c.startTls(kit.ca.cert);
    expect(await c.say('EHLO mx.buyers.example')).toMatch(/^250[- ]/);
    expect(await c.say(`MAIL FROM:<${BUYER}>`)).toMatch(/^250 /);
    expect(await c.say(`RCPT TO:<${SELLER.id}@${DOMAIN}>`)).toMatch(/^250 /);
    await c.close();
  });
});

describe('implicit TLS on the submission port', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      listeners: {
        public: true,
        submissionTls: 'implicit',
        tls: { certFile: cert.certFile, keyFile: cert.keyFile },
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('speaks TLS from the first byte and takes AUTH and mail in it (RFC 8314)', async () => {
    const c = await Talk.openTls(h.relay.submissionPort, kit.ca.cert);
    expect(await c.reply()).toMatch(/^220 /);
    const ehlo = await c.say('EHLO client.example');
    expect(ehlo).toMatch(/AUTH PLAIN LOGIN/);
    expect(ehlo).not.toMatch(/STARTTLS/);
    await c.close();
    await h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Q', text: 'q' });
    expect(await replyAsSeller(h, { secure: true, text: 'implicit' })).toMatch(/^250 /);
  });
});

describe('the relay refuses to start a public submission port it cannot secure', () => {
  let dir: string;
  let ctx: CoreContext;
  const base = (extra: Partial<RelayOptions>): RelayOptions => ({
    smtp: { host: '127.0.0.1', port: 0 },
    submission: { host: '127.0.0.1', port: 0 },
    public: true,
    ...extra,
  });
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-tls-'));
    ctx = new CoreContext({ dataDir: dir, domain: DOMAIN, dns: 'offline' });
  });
  afterAll(() => {
    ctx?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without a certificate, in words, with the message key the UI words', async () => {
    const err = await startRelay(ctx, base({})).catch((e: unknown) => e);
    expect(String(err)).toMatch(/submission port 127\.0\.0\.1:0 is not on loopback and has no TLS certificate/);
    expect(err).toMatchObject({ detail: { key: 'relay.submissionNeedsTls' } });
  });

  it('with a certificate file that is missing, not PEM, or a key that is not its own', async () => {
    const other = kit.selfSigned(['localhost']);
    const missing = path.join(kit.dir, 'nope.crt');
    await expect(startRelay(ctx, base({ tls: { certFile: missing, keyFile: cert.keyFile } }))).rejects.toMatchObject({
      message: expect.stringContaining(`${missing} does not exist`),
      detail: { key: 'relay.tlsFileMissing' },
    });
    await expect(
      startRelay(ctx, base({ tls: { certFile: cert.keyFile, keyFile: cert.keyFile } })),
    ).rejects.toMatchObject({ detail: { key: 'relay.tlsFileNotPem' } });
    await expect(
      startRelay(ctx, base({ tls: { certFile: cert.certFile, keyFile: other.keyFile } })),
    ).rejects.toMatchObject({
      message: expect.stringContaining('does not belong to the certificate'),
      detail: { key: 'relay.tlsKeyMismatch' },
    });
  });
});

describe('connections per client address on a public listener', () => {
  const LIMIT = 2;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      maxPerClient: LIMIT,
      listeners: { public: true, tls: { certFile: cert.certFile, keyFile: cert.keyFile } },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses one more than the limit with 421, counting upgraded sessions, and frees a slot when one closes', async () => {
    const held: Talk[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const c = await Talk.open(h.relay.submissionPort);
      expect(await c.reply()).toMatch(/^220 /);
      await c.say('EHLO client.example');
      await c.startTls(kit.ca.cert);
      held.push(c);
    }
    const extra = await Talk.open(h.relay.submissionPort);
    expect(await extra.reply()).toMatch(/^421 4\.7\.0 Too many connections from your address \(2 at most\)/);
    extra.socket.destroy();
    await held[0].close();
    // The server frees the slot as its side of the connection closes, a moment after the client's: greeted within a
    // few tries.
    let greeting = '';
    for (let i = 0; i < 50 && !greeting.startsWith('220 '); i++) {
      const again = await Talk.open(h.relay.submissionPort);
      greeting = await again.reply();
      await again.close();
    }
    expect(greeting).toMatch(/^220 /);
    await held[1].close();
  });
});
