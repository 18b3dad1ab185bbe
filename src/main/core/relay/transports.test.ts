import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlAll } from '../store/inspect.js';
import { OutboxRepo } from '../store/outbox.js';
import { Store } from '../store/store.js';
import { SmarthostTransport, type SendItem } from './transports.js';

/** A smarthost on 127.0.0.1 that keeps what it gets, refuses one recipient, and can drop its idle connections. */
async function smarthost() {
  const got: { from: string; to: string[]; raw: string }[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onConnect(_session, cb) {
      connections++;
      cb();
    },
    onRcptTo(address, _session, cb) {
      if (address.address === 'gone@buyer.example')
        return cb(Object.assign(new Error('5.1.1 user unknown'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        got.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        cb();
      });
    },
  });
  server.server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    got,
    port,
    url: `smtp://127.0.0.1:${port}?starttls=never`,
    connections: () => connections,
    /** What a smarthost does to a connection idle too long: it hangs up. */
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const message = (n: number) =>
  Buffer.from(
    `From: Shop <reply@relay.test>\r\nTo: buyer@buyer.example\r\nSubject: Nachricht ${n}\r\nMessage-ID: <${n}@relay.test>\r\n\r\nHallo ${n}\r\n`,
  );

describe('the smarthost transport (nodemailer connections, pooled on a worker thread)', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  /** A smarthost and a store in a temp folder for the thread's delivered marks, both gone after the test. */
  async function hostAndStore() {
    const host = await smarthost();
    cleanup.push(host.stop);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-marks-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const store = new Store(dir);
    cleanup.push(() => store.close());
    return { host, store };
  }

  it('delivers many messages over a few reused connections, bytes and envelope as given, the null sender too', async () => {
    const host = await smarthost();
    cleanup.push(host.stop);
    const transport = new SmarthostTransport(host.url, { maxConnections: 3 });
    cleanup.push(() => transport.close());
    const sends = Array.from({ length: 30 }, (_, i) =>
      transport.send({ from: i === 0 ? '' : 'bounce+1@relay.test', to: ['buyer@buyer.example'] }, message(i)),
    );
    const responses = await Promise.all(sends);
    expect(responses.every((r) => r.startsWith('250'))).toBe(true);
    expect(host.got).toHaveLength(30);
    expect(host.got.find((m) => m.raw.includes('Nachricht 0'))).toMatchObject({
      from: '',
      to: ['buyer@buyer.example'],
    });
    expect(host.got.find((m) => m.raw.includes('Nachricht 7'))!.raw).toBe(message(7).toString());
    expect(host.connections()).toBeLessThanOrEqual(3);
  });

  it('reports a refused recipient with its code (permanent), and the connection goes on serving', async () => {
    const host = await smarthost();
    cleanup.push(host.stop);
    const transport = new SmarthostTransport(host.url, { maxConnections: 1 });
    cleanup.push(() => transport.close());
    await expect(
      transport.send({ from: 'a@relay.test', to: ['gone@buyer.example'] }, message(1)),
    ).rejects.toMatchObject({ responseCode: 550, message: expect.stringContaining('user unknown') });
    await expect(transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, message(2))).resolves.toMatch(
      /^250/,
    );
    expect(host.got.map((m) => m.to)).toEqual([['buyer@buyer.example']]);
    expect(host.connections()).toBe(1);
  });

  it('sends at once over a new connection when the smarthost dropped an idle one', async () => {
    const host = await smarthost();
    cleanup.push(host.stop);
    const transport = new SmarthostTransport(host.url, { maxConnections: 1 });
    cleanup.push(() => transport.close());
    await transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, message(1));
    host.dropAll();
    await expect(transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, message(2))).resolves.toMatch(
      /^250/,
    );
    expect(host.got).toHaveLength(2);
    expect(host.connections()).toBe(2);
  });

  it("puts each of many deliveries on record as delivered once, with the smarthost's reply", async () => {
    const { host, store } = await hostAndStore();
    const outbox = new OutboxRepo(store);
    const ids = Array.from({ length: 24 }, (_, i) =>
      outbox.enqueue({
        messageId: null,
        kind: 'bounce-notice',
        envelopeFrom: '',
        recipients: ['buyer@buyer.example'],
        blobSha256: `sha-${i}`,
        content: message(i),
        lifetimeMs: 60_000,
      }),
    );
    const transport = new SmarthostTransport(host.url, { maxConnections: 3, marks: store.deliveredMarks() });
    cleanup.push(() => transport.close());
    const items: SendItem[] = ids.map((outboxId) => ({ outboxId, clockOffsetMs: 0 }));
    await Promise.all(
      ids.map((_, i) => transport.send({ from: '', to: ['buyer@buyer.example'] }, message(i), items[i])),
    );
    expect(items.map((i) => i.markedDelivered)).toEqual(ids.map(() => true));
    expect(ids.map((id) => outbox.get(id)?.state)).toEqual(ids.map(() => 'delivered'));
    const events = sqlAll<{ outbox_id: number; detail: string }>(
      store,
      "SELECT outbox_id, detail FROM delivery_events WHERE state = 'delivered' ORDER BY outbox_id",
    );
    expect(events.map((e) => e.outbox_id)).toEqual(ids);
    expect(events.every((e) => e.detail.startsWith('250'))).toBe(true);
  });

  it('closes with its thread: when close() resolves, the thread that marks deliveries in the store has ended', async () => {
    const { host, store } = await hostAndStore();
    const transport = new SmarthostTransport(host.url, { maxConnections: 1, marks: store.deliveredMarks() });
    await transport.send({ from: '', to: ['buyer@buyer.example'] }, message(1));
    const thread = (transport as unknown as { worker: { threadId: number } }).worker;
    expect(thread.threadId).toBeGreaterThan(0);
    await transport.close();
    // Ended, not only asked to: a folder removed now has no thread of the relay still writing in it.
    expect(thread.threadId).toBe(-1);
    await transport.close(); // a second close does not wait for an end that already came
  });

  it('delivers bytes handed over (moved to the client thread), bytes kept by the caller, in pieces or shared alike', async () => {
    const host = await smarthost();
    cleanup.push(host.stop);
    const transport = new SmarthostTransport(host.url, { maxConnections: 2 });
    cleanup.push(() => transport.close());
    const big = Buffer.concat([message(1).subarray(0, -2), Buffer.alloc(200_000, 'x'), Buffer.from('\r\n')]);
    const expected = big.toString();
    const kept = message(2);
    await transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, big, {
      outboxId: 1,
      clockOffsetMs: 0,
      handOver: true,
    });
    await transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, kept, {
      outboxId: 2,
      clockOffsetMs: 0,
    });
    // In pieces, as a spliced outbox item goes: head, the raw message's byte range, tail (here empty).
    const three = message(3);
    const pieces = [three.subarray(0, 20), Buffer.from(three.subarray(20)), Buffer.alloc(0)];
    await transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, pieces, {
      outboxId: 3,
      clockOffsetMs: 0,
      handOver: true,
    });
    // In shared memory, as the relay collects a large message: shared, it cannot be moved, so it goes as a copy.
    const shared = Buffer.from(new SharedArrayBuffer(message(4).length));
    message(4).copy(shared);
    await transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, shared, {
      outboxId: 4,
      clockOffsetMs: 0,
      handOver: true,
    });
    expect(host.got.map((m) => m.raw)).toEqual([
      expected,
      message(2).toString(),
      message(3).toString(),
      message(4).toString(),
    ]);
    expect(kept.toString()).toBe(message(2).toString());
    expect(shared.toString()).toBe(message(4).toString());
  });

  it('fails fast with the reason when the smarthost cannot be reached', async () => {
    const host = await smarthost();
    await host.stop(); // its port is now closed
    const transport = new SmarthostTransport(host.url);
    cleanup.push(() => transport.close());
    await expect(transport.send({ from: 'a@relay.test', to: ['buyer@buyer.example'] }, message(1))).rejects.toThrow(
      /ECONNREFUSED|connect/i,
    );
  });
});
