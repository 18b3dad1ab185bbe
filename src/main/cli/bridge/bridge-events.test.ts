import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES, type ContractEvents, type FilterCounts } from '../../../shared/contract.js';
import { startBridge, type Bridge } from './server.js';
import { fakeEvents, fakeHandlers } from './testing/fakes.js';

const TOKEN = 'events-token-abcdefghijklmnopqrstuvwxyz0123';
let bridge: Bridge | undefined;
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

const COUNTS: FilterCounts = {
  'response-needed': 3,
  all: 9,
  sent: 2,
  undeliverable: 1,
  reported: 0,
  'no-response': 0,
  drafts: 1,
  outbox: 0,
};

interface Stream {
  status: number;
  type: string | undefined;
  /** Resolves with the text received once `pattern` appears in it. */
  until(pattern: RegExp): Promise<string>;
  close(): void;
}

function openStream(port: number, query: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/api/events${query}` }, (res) => {
      let text = '';
      const waiters: Array<() => void> = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of waiters.splice(0)) w();
      });
      resolve({
        status: res.statusCode ?? 0,
        type: res.headers['content-type'],
        until(pattern) {
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no ${pattern} in ${JSON.stringify(text)}`)), 3_000);
            const check = () => {
              if (pattern.test(text)) {
                clearTimeout(timer);
                done(text);
              } else waiters.push(check);
            };
            check();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('the web bridge: server-sent events', () => {
  it('delivers every contract event as event/data lines, starting with the current counts', async () => {
    const events = fakeEvents();
    bridge = await startBridge({
      handlers: fakeHandlers({ 'inbox.counts': async () => COUNTS }),
      events,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/x',
      token: TOKEN,
    });
    const stream = await openStream(bridge.port, `?token=${TOKEN}`);
    expect(stream.status).toBe(200);
    expect(stream.type).toMatch(/^text\/event-stream/);
    await stream.until(/event: counts\.changed\ndata: \{"response-needed":3,/);

    const message = {
      conversationId: 4,
      messageId: 17,
      direction: 'buyer-to-seller' as const,
      fromLabel: 'James Carter',
      subject: 'Wo bleibt mein Paket?',
    };
    events.emit('message.new', message);
    events.emit('relay.status', {
      running: false,
      smtp: null,
      submission: null,
      outbound: 'local mailbox',
      error: 'port 2525 in use',
    });
    const text = await stream.until(/event: relay\.status\n/);
    expect(text).toContain(`event: message.new\ndata: ${JSON.stringify(message)}\n\n`);
    expect(text).toContain('"error":"port 2525 in use"');
    stream.close();
  });

  it('streams every event of the contract, the order import progress too', async () => {
    const events = fakeEvents();
    bridge = await startBridge({
      handlers: fakeHandlers(),
      events,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/x',
      token: TOKEN,
    });
    const stream = await openStream(bridge.port, `?token=${TOKEN}`);
    await stream.until(/retry: /);
    for (const name of EVENT_NAMES) events.emit(name, { of: name } as unknown as ContractEvents[typeof name]);
    const last = EVENT_NAMES.at(-1)!.replaceAll('.', '\\.');
    const text = await stream.until(new RegExp(`event: ${last}\\ndata: .*\\n\\n`));
    for (const name of EVENT_NAMES) expect(text).toContain(`event: ${name}\ndata: {"of":"${name}"}\n\n`);
    stream.close();
  });

  it('sends a heartbeat comment while quiet', async () => {
    bridge = await startBridge({
      handlers: fakeHandlers(),
      events: fakeEvents(),
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/x',
      token: TOKEN,
      heartbeatMs: 50,
    });
    const stream = await openStream(bridge.port, `?token=${TOKEN}`);
    await stream.until(/: heartbeat\n\n: heartbeat\n\n/);
    stream.close();
  });

  it('requires the token and unsubscribes when the client goes away', async () => {
    const events = fakeEvents();
    bridge = await startBridge({
      handlers: fakeHandlers(),
      events,
      host: '127.0.0.1',
      port: 0,
      rendererDir: '/x',
      token: TOKEN,
    });
    const refused = await openStream(bridge.port, '?token=nope');
    expect(refused.status).toBe(401);
    refused.close();
    expect(events.listeners.size).toBe(0);

    const a = await openStream(bridge.port, `?token=${TOKEN}`);
    const b = await openStream(bridge.port, `?token=${encodeURIComponent(TOKEN)}`);
    await a.until(/retry: /);
    await b.until(/retry: /);
    expect(events.listeners.size).toBe(2);
    a.close();
    await expect.poll(() => events.listeners.size).toBe(1);
    events.emit('counts.changed', COUNTS);
    await b.until(/event: counts\.changed/);
    await bridge.close(); // ends the open stream too
    bridge = undefined;
    expect(events.listeners.size).toBe(0);
  });
});
