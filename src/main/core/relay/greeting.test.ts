/**
 * GreetingServer's own session ids: the same shape and randomness as smtp-server's (16 base-32 characters of 80 random
 * bits), a new one for every connection, and a listener that expects a PROXY header still reads it with the library's
 * own code. Real sockets on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { SMTPServerSession } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSessionId, GreetingServer, nextSessionId } from './greeting.js';

const servers: GreetingServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((done) => s.close(() => done()))));
});

/** A listener on a free loopback port whose sessions are collected as they connect. */
async function start(options: { useProxy?: boolean } = {}) {
  const sessions: SMTPServerSession[] = [];
  const server = new GreetingServer(0, {
    ...options,
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    onConnect(session, callback) {
      sessions.push(session);
      callback();
    },
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.server.address() as net.AddressInfo;
  return { port, sessions };
}

/** Connects, writes `first` if given, and resolves with the first line the server sends; then quits. */
function firstLine(port: number, first?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      if (first) socket.write(first);
    });
    socket.setEncoding('utf8');
    socket.once('data', (line: string) => {
      socket.end('QUIT\r\n');
      resolve(line);
    });
    socket.once('error', reject);
  });
}

describe('session ids', () => {
  it('are written as smtp-server writes them', () => {
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytes(10);
      if (i % 3 === 0) bytes[0] = 0; // leading zeros: padded, as the library pads
      if (i % 5 === 0) bytes.fill(0, 0, 4);
      const library = BigInt('0x' + bytes.toString('hex'))
        .toString(32)
        .padStart(16, '0');
      expect(formatSessionId(bytes)).toBe(library);
    }
    expect(formatSessionId(Buffer.alloc(10))).toBe('0000000000000000');
    expect(formatSessionId(Buffer.alloc(10, 0xff))).toBe('vvvvvvvvvvvvvvvv');
  });

  it('differ for every id drawn, past the refill of the pool', () => {
    const ids = Array.from({ length: 2000 }, () => nextSessionId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-v]{16}$/);
  });

  it('each connection gets its own and is greeted at once', async () => {
    const { port, sessions } = await start();
    for (let i = 0; i < 20; i++) expect(await firstLine(port)).toMatch(/^220 /);
    const ids = sessions.map((s) => s.id);
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-v]{16}$/);
    expect(sessions.every((s) => s.remoteAddress === '127.0.0.1')).toBe(true);
  });

  it('a listener that expects a PROXY header still takes the client address from it', async () => {
    const { port, sessions } = await start({ useProxy: true });
    expect(await firstLine(port, 'PROXY TCP4 203.0.113.7 127.0.0.1 40000 25\r\n')).toMatch(/^220 /);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].remoteAddress).toBe('203.0.113.7');
    expect(sessions[0].id).toMatch(/^[0-9a-v]{16}$/);
  });
});
