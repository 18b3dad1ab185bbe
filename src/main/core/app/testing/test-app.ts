/**
 * Test support for the app service's tests: a real service over a real SQLite file in a temp
 * directory, its relay on loopback port 0, and calls that go through the contract's zod schemas
 * exactly as the transports do. Used by tests only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, afterEach } from 'vitest';
import {
  CONTRACT,
  type CallInput,
  type CallName,
  type CallOutput,
  type ContractEvents,
  type EventName,
} from '../../../../shared/contract.js';
import { DEMO_SELLER } from '../../ops/demo.js';
import { createAppService, type AppService, type AppServiceOptions } from '../index.js';

export interface TestApp {
  service: AppService;
  /** The service's open core (for the test's own look into the store). */
  readonly ctx: AppService['ctx'];
  dataDir: string;
  /** Parses the input with the call's schema, then calls the handler (as IPC and the bridge do). */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  events: { event: EventName; payload: unknown }[];
  /**
   * Resolves with the first event named `event` in `events` (clear it to wait for a new one) matching `where`; rejects
   * after `ms`.
   */
  waitForEvent<E extends EventName>(
    event: E,
    where?: (p: ContractEvents[E]) => boolean,
    ms?: number,
  ): Promise<ContractEvents[E]>;
  /** Closes the service and opens a new one on the same data directory. */
  reopen(extra?: Partial<AppServiceOptions>): Promise<TestApp>;
  close(): Promise<void>;
}

const dirs: string[] = [];

/** Removes the test's directories (the demo template stays until the process ends). */
export function removeTestDirs(): void {
  // Retries on ENOTEMPTY for up to about 2 s: a worker thread of a just-stopped service may still write in the folder
  // (the smarthost client thread is terminated only 1 s after the relay stops; its delivered mark opens the database).
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
}

// Registered on the importing test file: its directories and its demo template go when it ends.
afterAll(() => {
  removeTestDirs();
  if (templateDir) fs.rmSync(templateDir, { recursive: true, force: true });
  template = undefined;
  templateDir = undefined;
});

export async function startTestApp(extra: Partial<AppServiceOptions> = {}, dataDir?: string): Promise<TestApp> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parley-app-'));
  if (!dataDir) dirs.push(dir);
  const options: AppServiceOptions = {
    dataDir: dir,
    version: '0.0.0-test',
    dns: 'offline',
    ...extra,
    relayOverrides: {
      smtp: { host: '127.0.0.1', port: 0 },
      submission: { host: '127.0.0.1', port: 0 },
      outbox: { pollMs: 100, baseBackoffMs: 60_000, maxBackoffMs: 60_000 },
      ...extra.relayOverrides,
    },
  };
  const service = await createAppService(options);
  const events: { event: EventName; payload: unknown }[] = [];
  const waiting: (() => void)[] = [];
  service.onEvent((event, payload) => {
    events.push({ event, payload });
    waiting.splice(0).forEach((w) => w());
  });
  await service.start();
  const app: TestApp = {
    service,
    dataDir: dir,
    events,
    get ctx() {
      return service.ctx;
    },
    async call(name, input) {
      const parsed = CONTRACT[name].input.parse(input);
      const handler = service.handlers[name] as (i: unknown) => unknown;
      return (await handler(parsed)) as CallOutput<typeof name>;
    },
    async waitForEvent(event, where = () => true, ms = 10_000) {
      const deadline = Date.now() + ms;
      let seen = 0;
      for (;;) {
        for (; seen < events.length; seen++) {
          const e = events[seen];
          if (e.event === event && where(e.payload as ContractEvents[typeof event]))
            return e.payload as ContractEvents[typeof event];
        }
        if (Date.now() > deadline) throw new Error(`no ${event} event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 50);
          waiting.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    async reopen(more = {}) {
      await service.stop();
      return startTestApp({ ...extra, ...more }, dir);
    },
    close: () => service.stop(),
  };
  return app;
}

let template: Promise<string> | undefined;
let templateDir: string | undefined;

/**
 * A service over a copy of one demo store (ops/demo.ts through `setup.demo`: a real relay on
 * loopback, real SMTP), made once per test file: each test gets its own copy to change.
 */
export async function startDemoApp(extra: Partial<AppServiceOptions> = {}): Promise<TestApp> {
  template ??= (async () => {
    templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-demo-'));
    const app = await startTestApp({}, templateDir);
    await app.call('setup.demo', {});
    await app.close();
    return templateDir;
  })();
  const source = await template;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-app-'));
  dirs.push(dir);
  fs.cpSync(source, dir, { recursive: true });
  return startTestApp(extra, dir);
}

/** A buyer writes to the shop's relay address over real SMTP (the inbound listener). */
/**
 * For a test file whose tests each open their own app: the openers, and after each test every app they opened is
 * closed and its folder removed.
 */
export function appsPerTest() {
  const open = new Set<TestApp>();
  afterEach(async () => {
    for (const app of open) await app.close();
    open.clear();
    removeTestDirs();
  });
  const track = (app: TestApp) => {
    open.add(app);
    return app;
  };
  return {
    /** A copy of the demo store. */
    demo: async () => track(await startDemoApp()),
    /** An empty data folder: first run. */
    empty: async () => track(await startTestApp()),
    /** Closes `app` and opens a new one on its data folder. */
    reopen: async (app: TestApp) => {
      open.delete(app);
      return track(await app.reopen());
    },
  };
}

export async function buyerWrites(app: TestApp, mail: Record<string, unknown>): Promise<void> {
  const [host, port] = app.service.relayInfo().smtp!.split(':');
  const transport = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ to: app.ctx.addresses.sellerAddress(DEMO_SELLER.id), ...mail });
  } finally {
    transport.close();
  }
}

/** Polls `check` until it returns a value other than undefined/false; rejects after `ms`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
