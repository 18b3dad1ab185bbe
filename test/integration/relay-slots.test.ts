/**
 * Connection slots: one client (one remote address) cannot hold every SMTP slot of a listener, so clients that open
 * connections and drip bytes never lock buyers out. Real sockets on 127.0.0.1; the per-client limit is set low so the
 * test opens few connections.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const LIMIT = 3;

/** Opens a raw connection and resolves with the server's first line (its greeting or its refusal). */
function connect(port: number): Promise<{ socket: net.Socket; greeting: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    socket.once('data', (greeting: string) => resolve({ socket, greeting }));
    socket.once('error', reject);
  });
}

describe('connection slots per client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxPerClient: LIMIT });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('greets at most the limit of connections from one address, refuses the next with 421, and frees a slot on close', async () => {
    const held = await Promise.all(Array.from({ length: LIMIT }, () => connect(h.relay.smtpPort)));
    expect(held.map((c) => c.greeting.slice(0, 4))).toEqual(Array(LIMIT).fill('220 '));
    const extra = await connect(h.relay.smtpPort);
    expect(extra.greeting).toMatch(/^421 .*too many connections/i);
    extra.socket.destroy();
    const closed = new Promise((resolve) => held[0].socket.once('close', resolve));
    held[0].socket.end('QUIT\r\n');
    await closed;
    // The freed slot takes a buyer's mail while the other connections are still held.
    await expect(
      h.inbound({ from: 'buyer@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Hi', text: 'x' }),
    ).resolves.toMatch(/^250 /);
    for (const c of held.slice(1)) c.socket.destroy();
  });
});
