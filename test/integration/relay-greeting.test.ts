/**
 * The wait before the greeting: an inbound port open to the internet holds each new connection before its 220 and
 * refuses a client that talks first (spam software does, mail servers do not); on loopback and on submission the
 * greeting comes at once, so a client opening a connection per message is not capped by the wait. Real sockets on
 * 127.0.0.1; `public: true` applies the rules of a listener open to the internet.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertKit, type CertKit } from '../support/certs.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

interface Greeted {
  /** ms from the connection being open to the server's first line. */
  ms: number;
  line: string;
  /** Resolves once the server has closed the connection. */
  closed: Promise<void>;
  socket: net.Socket;
}

/** Opens a raw connection, optionally writes `early` as soon as it is open, and resolves with the first line. */
function greet(port: number, early?: string): Promise<Greeted> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    let opened = 0;
    socket.once('connect', () => {
      opened = performance.now();
      if (early) socket.write(early);
    });
    socket.once('data', (line: string) => resolve({ ms: performance.now() - opened, line, closed, socket }));
    socket.once('error', reject);
  });
}

/** The median of `n` sequential greetings' times (one slow scheduling on a busy machine does not decide). */
async function medianGreetingMs(port: number, n = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = await greet(port);
    expect(g.line).toMatch(/^220 /);
    times.push(g.ms);
    g.socket.end('QUIT\r\n');
    await g.closed;
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

describe('greeting on loopback', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('greets at once on both ports and a client that opens a connection per message is not held', async () => {
    expect(await medianGreetingMs(h.relay.smtpPort)).toBeLessThan(50);
    expect(await medianGreetingMs(h.relay.submissionPort)).toBeLessThan(50);
    await expect(
      h.inbound({ from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Hi', text: 'x' }),
    ).resolves.toMatch(/^250 /);
  });
});

describe('greeting on a listener open to the internet', () => {
  let kit: CertKit;
  let h: Harness;
  beforeAll(async () => {
    kit = makeCertKit();
    const cert = kit.leaf(['localhost']);
    h = await startHarness({
      listeners: { public: true, tls: { certFile: cert.certFile, keyFile: cert.keyFile } },
    });
  });
  afterAll(async () => {
    await h?.stop();
    if (kit) fs.rmSync(kit.dir, { recursive: true, force: true });
  });

  it('inbound waits before its greeting and refuses a client that talks first with 421', async () => {
    const patient = await greet(h.relay.smtpPort);
    expect(patient.line).toMatch(/^220 /);
    expect(patient.ms).toBeGreaterThanOrEqual(90);
    patient.socket.end('QUIT\r\n');

    const early = await greet(h.relay.smtpPort, 'EHLO spam.example\r\n');
    expect(early.line).toMatch(/^421 .*talk too soon/i);
    await early.closed;

    await expect(
      h.inbound({ from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Hi', text: 'x' }),
    ).resolves.toMatch(/^250 /);
  });

  it('submission greets at once: nothing gets through it without a login', async () => {
    expect(await medianGreetingMs(h.relay.submissionPort)).toBeLessThan(50);
  });
});

describe('greeting wait set for the inbound port', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ limits: { greetingWaitMs: 300 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('holds the greeting that long on loopback too and refuses a client that talks first', async () => {
    const early = await greet(h.relay.smtpPort, 'EHLO spam.example\r\n');
    expect(early.line).toMatch(/^421 .*talk too soon/i);
    await early.closed;
    const patient = await greet(h.relay.smtpPort);
    expect(patient.line).toMatch(/^220 /);
    expect(patient.ms).toBeGreaterThanOrEqual(280);
    patient.socket.end('QUIT\r\n');
    await patient.closed;
  });
});
