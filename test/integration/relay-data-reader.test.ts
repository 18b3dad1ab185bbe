/**
 * The DATA reader (data-stream.ts) on a real connection: a buyer's client sends a dot-stuffed message in pieces cut
 * at the awkward places (inside the escape of a line starting with a dot, inside a line that reads "\r\n.\r\n" in
 * the text, inside the terminator itself), and the seller gets the text exactly as written, every dot in place; the
 * commands after the terminator are answered as commands. Real SMTP on 127.0.0.1, a temp data folder.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const CRLF = '\r\n';

/** A raw SMTP client: write, and wait for the next reply (its last line). */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let buffered = '';
  let waiting: ((line: string) => void) | undefined;
  const check = () => {
    const m = /(?:^|\n)(\d{3}) [^\n]*\n/.exec(buffered);
    if (!m || !waiting) return;
    const end = m.index + m[0].length;
    const reply = buffered.slice(0, end).trim();
    buffered = buffered.slice(end);
    const w = waiting;
    waiting = undefined;
    w(reply.split(CRLF).at(-1)!);
  };
  socket.on('data', (d: Buffer) => {
    buffered += d.toString('latin1');
    check();
  });
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      waiting = resolve;
      socket.once('error', reject);
      check();
    });
  const write = (text: string | Buffer) => new Promise<void>((resolve) => socket.write(text, () => resolve()));
  return { socket, reply, write };
}

describe('a dot-stuffed message sent in awkward pieces', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('reaches the seller with every dot of its text in place', async () => {
    const filler = `${'Q'.repeat(76)}${CRLF}`.repeat(2000); // ~150 KB: the message spans several reads
    const text = [
      '.A line that starts with a dot',
      '..two dots',
      '.',
      'the line above was a single dot, and the next reads like the end:',
      '',
      '.',
      '',
      filler + 'end of the filler',
      '...',
      'last line',
    ].join(CRLF);
    const message = [
      'From: Buyer <buyer@buyers.example>',
      `To: ${SELLER.id}@${DOMAIN}`,
      'Subject: Dots',
      'Message-ID: <dots-1@buyers.example>',
      '',
      text,
      '',
    ].join(CRLF);
    const stuffed = message.replace(/(^|\n)\./g, '$1..');
    const wire = `${stuffed}.${CRLF}`;
    // cuts: between the two dots of an escape, after a line's LF before its dot, inside "\r\n.\r\n" of the text,
    // inside the filler, and inside the terminator
    const cuts = [
      wire.indexOf('\n...two') + 2,
      wire.indexOf('\n..A') + 1,
      wire.indexOf(`${CRLF}..${CRLF}${CRLF}`) + 3,
      wire.length - 60_000,
      wire.length - 2,
    ].sort((a, b) => a - b);
    const c = rawClient(h.relay.smtpPort);
    expect(await c.reply()).toMatch(/^220 /);
    for (const [command, code] of [
      ['EHLO client.buyers.example', /^250 /],
      ['MAIL FROM:<buyer@buyers.example>', /^250 /],
      [`RCPT TO:<${SELLER.id}@${DOMAIN}>`, /^250 /],
      ['DATA', /^354 /],
    ] as const) {
      await c.write(command + CRLF);
      expect(await c.reply()).toMatch(code);
    }
    let at = 0;
    for (const cut of [...cuts, wire.length]) {
      await c.write(Buffer.from(wire.slice(at, cut), 'latin1'));
      await new Promise((resolve) => setTimeout(resolve, 5));
      at = cut;
    }
    expect(await c.reply()).toMatch(/^250 /);
    await c.write(`NOOP${CRLF}`);
    expect(await c.reply()).toMatch(/^250 /);
    await c.write(`QUIT${CRLF}`);
    expect(await c.reply()).toMatch(/^221 /);
    c.socket.destroy();

    const [delivered] = await h.sink.waitFor(1);
    const body = delivered.raw.toString('latin1');
    expect(body).toContain(text);
    expect(body).not.toContain(`${CRLF}...two`);
  });
});
