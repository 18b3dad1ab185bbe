/**
 * Slot exhaustion over time: the idle timeout restarts with every byte, so a client dripping its DATA could hold a
 * slot for as long as it liked. A whole DATA has a deadline (here 1.5 s instead of 10 min): past it the client gets
 * 421 and is disconnected, nothing of its message is recorded, and the session is logged as one line. A client that
 * resets its connection in the middle of a message is one line too (it used to be an uncaught exception and a stack
 * trace). Real sockets on 127.0.0.1.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const DATA_DEADLINE_MS = 1_500;
const SESSION_DEADLINE_MS = 3_000;

/** A raw SMTP client: what the server wrote so far, and a wait for a line matching a pattern. */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let text = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: string) => {
    text += chunk;
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  return {
    socket,
    closed,
    get text() {
      return text;
    },
    /** Resolves once the server wrote a line matching `pattern` (after `from` characters). */
    async until(pattern: RegExp, from = 0): Promise<string> {
      for (;;) {
        const line = text
          .slice(from)
          .split('\r\n')
          .find((l) => pattern.test(l));
        if (line) return line;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

async function openData(port: number, subject: string) {
  const c = rawClient(port);
  await c.until(/^220 /);
  c.socket.write('EHLO dripper.example\r\n');
  await c.until(/^250 /);
  let at = c.text.length;
  c.socket.write('MAIL FROM:<dripper@buyers.example>\r\n');
  await c.until(/^250 /, at);
  at = c.text.length;
  c.socket.write(`RCPT TO:<${SELLER.id}@${DOMAIN}>\r\n`);
  await c.until(/^250 /, at);
  at = c.text.length;
  c.socket.write('DATA\r\n');
  await c.until(/^354 /, at);
  c.socket.write(`From: dripper@buyers.example\r\nTo: ${SELLER.id}@${DOMAIN}\r\nSubject: ${subject}\r\n\r\n`);
  return { client: c, at: c.text.length };
}

/** Log lines written while the test ran (the relay logs with console.warn / console.error). */
function captureLog() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  vi.spyOn(console, 'warn').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
  return {
    lines,
    async first(): Promise<string> {
      await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
      return lines[0];
    },
  };
}

describe('a deadline for a whole DATA, and aborted sessions as one log line', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      limits: { dataDeadlineMs: DATA_DEADLINE_MS, sessionDeadlineMs: SESSION_DEADLINE_MS },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const subjects = () => h.ctx.recordReader.listForSeller(SELLER.id, { alias: null, limit: 100 }).map((m) => m.subject);

  it('answers 421 and disconnects a client that drips its message past the deadline; a buyer still gets through', async () => {
    const log = captureLog();
    const started = Date.now();
    const { client, at } = await openData(h.relay.smtpPort, 'Dripped');
    const drip = setInterval(() => client.socket.writable && client.socket.write('x'), 100);
    try {
      const refusal = await client.until(/^\d{3} /, at);
      await client.closed;
      expect(refusal).toMatch(/^421 4\.4\.2 .*not received in full/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(DATA_DEADLINE_MS - 100);
    } finally {
      clearInterval(drip);
      client.socket.destroy();
    }
    const line = await log.first();
    expect(line).toMatch(/^parley relay: inbound session \S+ from 127\.0\.0\.1 aborted during DATA after \d+ bytes: /);
    expect(line).toContain('DATA not finished within 1.5 s');

    await expect(
      h.inbound(
        { from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` },
        { subject: 'Where is my parcel', text: 'x' },
      ),
    ).resolves.toMatch(/^250 /);
    expect(subjects()).toContain('Where is my parcel');
    expect(subjects()).not.toContain('Dripped');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).not.toMatch(/\n\s+at /);
  });

  it('logs a client that resets its connection in the middle of a message as one line, and keeps running', async () => {
    const log = captureLog();
    const { client } = await openData(h.relay.smtpPort, 'Reset midway');
    client.socket.write('half a message');
    // The relay has the bytes once the socket drained; then the client resets.
    await new Promise<void>((resolve) => client.socket.write('', () => resolve()));
    client.socket.resetAndDestroy();
    const line = await log.first();
    expect(line).toMatch(/^parley relay: inbound session \S+ from 127\.0\.0\.1 aborted during DATA after \d+ bytes: /);
    await expect(
      h.inbound({ from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Second try', text: 'x' }),
    ).resolves.toMatch(/^250 /);
    expect(subjects()).not.toContain('Reset midway');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).not.toMatch(/\n\s+at /);
  });

  it('closes a session that outlives its deadline by sending NOOPs, with 421 and one line', async () => {
    const log = captureLog();
    const started = Date.now();
    const client = rawClient(h.relay.smtpPort);
    await client.until(/^220 /);
    const at = client.text.length;
    const noop = setInterval(() => client.socket.writable && client.socket.write('NOOP\r\n'), 100);
    try {
      expect(await client.until(/^421 /, at)).toMatch(/^421 4\.4\.2 Session too long/);
      await client.closed;
      expect(Date.now() - started).toBeGreaterThanOrEqual(SESSION_DEADLINE_MS - 100);
    } finally {
      clearInterval(noop);
      client.socket.destroy();
    }
    expect(await log.first()).toMatch(
      /^parley relay: inbound session \S+ from 127\.0\.0\.1 aborted: session not finished within 3 s$/,
    );
    expect(log.lines).toHaveLength(1);
  });
});
