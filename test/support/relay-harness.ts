import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { CoreContext } from '../../src/main/core/context.js';
import { startRelay, type RelayOptions, type RunningRelay } from '../../src/main/core/relay/relay-service.js';
import type { ListenerLimits } from '../../src/main/core/relay/smtp-listeners.js';
import type { OutboxOptions } from '../../src/main/core/relay/outbox-worker.js';
import type { SmarthostTimeouts } from '../../src/main/core/relay/transports.js';
import { Sink } from './sink.js';

export const DOMAIN = 'relay.test';
export const SELLER = {
  id: 'shop-one',
  name: 'Shop One',
  email: 'cs@shop-one.example',
  password: 'secret-1',
  language: 'en' as const,
};
export const OTHER_SELLER = {
  id: 'shop-two',
  name: 'Shop Two',
  email: 'cs@shop-two.example',
  password: 'secret-2',
  language: 'de' as const,
};

export interface Harness {
  dataDir: string;
  ctx: CoreContext;
  relay: RunningRelay;
  sink: Sink;
  /** Sends a raw message (or nodemailer fields) to the inbound listener. */
  inbound(envelope: { from: string; to: string }, message: Buffer | Record<string, unknown>): Promise<string>;
  /** Sends through the submission listener with AUTH as `user`. */
  submit(
    user: { id: string; password: string },
    envelope: { from: string; to: string },
    message: Record<string, unknown>,
  ): Promise<string>;
  aliasOf(buyerEmail: string, sellerId?: string): string;
  stop(): Promise<void>;
}

export async function startHarness(
  opts: {
    dns?: string;
    maxMessageBytes?: number;
    maxPerClient?: number;
    /** Any other listener limit (deadlines, …). */
    limits?: Partial<ListenerLimits>;
    queueLifetimeMs?: number;
    dkim?: { keySelector: string; privateKey: string };
    smarthost?: string;
    /** Over the harness's quick retries (200 ms doubling to 1 s). */
    outbox?: Partial<OutboxOptions>;
    smarthostTimeouts?: Partial<SmarthostTimeouts>;
    /** The listeners' TLS (certificate files, implicit submission, public rules on 127.0.0.1). */
    listeners?: Pick<RelayOptions, 'tls' | 'submissionTls' | 'public'>;
  } = {},
): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-it-'));
  const sink = new Sink();
  await sink.start();
  const ctx = new CoreContext({
    dataDir,
    domain: DOMAIN,
    dns: opts.dns ?? 'offline',
    queueLifetimeMs: opts.queueLifetimeMs,
  });
  ctx.sellers.add(SELLER);
  ctx.sellers.add(OTHER_SELLER);
  const relay = await startRelay(ctx, {
    smtp: { host: '127.0.0.1', port: 0 },
    submission: { host: '127.0.0.1', port: 0 },
    smarthost: opts.smarthost ?? sink.url,
    dkim: opts.dkim ? { domainName: DOMAIN, ...opts.dkim } : undefined,
    outbox: { pollMs: 100, baseBackoffMs: 200, maxBackoffMs: 1_000, ...opts.outbox },
    smarthostTimeouts: opts.smarthostTimeouts,
    limits: {
      ...(opts.maxMessageBytes ? { maxMessageBytes: opts.maxMessageBytes } : {}),
      ...(opts.maxPerClient ? { maxPerClient: opts.maxPerClient } : {}),
      ...opts.limits,
    },
    ...opts.listeners,
  });
  const send = async (
    transportOpts: Record<string, unknown>,
    envelope: { from: string; to: string },
    message: Buffer | Record<string, unknown>,
  ) => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      secure: false,
      ignoreTLS: true,
      ...transportOpts,
    });
    try {
      const info = Buffer.isBuffer(message)
        ? await transport.sendMail({ envelope, raw: message })
        : await transport.sendMail({ envelope, from: envelope.from, to: envelope.to, ...message });
      return info.response;
    } finally {
      transport.close();
    }
  };
  return {
    dataDir,
    ctx,
    relay,
    sink,
    inbound: (envelope, message) => send({ port: relay.smtpPort }, envelope, message),
    submit: (user, envelope, message) =>
      send({ port: relay.submissionPort, auth: { user: user.id, pass: user.password } }, envelope, message),
    aliasOf: (buyerEmail, sellerId = SELLER.id) =>
      ctx.addresses.aliasAddress(ctx.pairs.find(sellerId, buyerEmail)!.alias),
    async stop() {
      await relay.stop();
      await sink.stop();
      ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
