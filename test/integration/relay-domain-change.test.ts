/**
 * The relay domain changes (`parley serve --domain`, `parley domain set`, Settings): every alias, reply address,
 * return path and action address handed out under the old domain keeps working, new mail uses the new one, and a
 * domain the store never served is still refused. Real SMTP on 127.0.0.1, the store reopened between the two runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { splitMessage } from '../../src/main/core/mail/header-block.js';
import { startRelay, type RunningRelay } from '../../src/main/core/relay/relay-service.js';
import { resolverFile } from '../support/dns.js';
import { failureReport } from '../support/dsn.js';
import { SELLER } from '../support/relay-harness.js';
import { Sink } from '../support/sink.js';

const OLD = 'old-relay.test';
const NEW = 'new-relay.test';
const BUYER = { email: 'mia.buyer@buyers.example', name: 'Mia Buyer' };

const header = (raw: Buffer) => splitMessage(raw).header.toString('latin1');
const messageIdOf = (raw: Buffer) => /^Message-ID: (<[^>]+>)/im.exec(header(raw))![1];

async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a relay domain that changes', () => {
  // The seller's own domain sends from here (127.0.0.1): its mail client may write to aliases from outside (R7).
  const dns = resolverFile({ TXT: { 'shop-one.example': [['v=spf1 ip4:127.0.0.1 -all']] } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-domain-'));
  const sink = new Sink();
  let ctx: CoreContext;
  let relay: RunningRelay;
  // What the first run handed out under the old domain.
  let old: { alias: string; reply: string; returnPath: string; relayId: string; noResponse: string };

  async function run(domain: string): Promise<void> {
    ctx = new CoreContext({ dataDir, domain, dns });
    relay = await startRelay(ctx, {
      smtp: { host: '127.0.0.1', port: 0 },
      submission: { host: '127.0.0.1', port: 0 },
      smarthost: sink.url,
      outbox: { pollMs: 100, baseBackoffMs: 200, maxBackoffMs: 1_000 },
    });
  }

  async function send(
    envelope: { from: string; to: string },
    message: Buffer | Record<string, unknown>,
    auth?: { user: string; pass: string },
  ): Promise<string> {
    const port = auth ? relay.submissionPort : relay.smtpPort;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth });
    try {
      const info = Buffer.isBuffer(message)
        ? await transport.sendMail({ envelope, raw: message })
        : await transport.sendMail({ envelope, from: envelope.from, to: envelope.to, ...message });
      return info.response;
    } finally {
      transport.close();
    }
  }

  beforeAll(async () => {
    await sink.start();
    await run(OLD);
    ctx.sellers.add(SELLER);
    await send({ from: BUYER.email, to: `${SELLER.id}@${OLD}` }, { subject: 'Mug colour', text: 'Which colour?' });
    const [forwarded] = await sink.waitFor(1, { to: SELLER.email });
    const pair = ctx.pairs.find(SELLER.id, BUYER.email)!;
    const relayId = messageIdOf(forwarded.raw);
    const token = relayId.slice(1, relayId.indexOf('@'));
    old = {
      alias: `${pair.alias}@${OLD}`,
      reply: `${SELLER.id}.${pair.replyToken}@${OLD}`,
      returnPath: forwarded.from,
      relayId,
      noResponse: ctx.addresses.actionAddress('no-response', token),
    };
    expect(old.returnPath.endsWith(`@${OLD}`)).toBe(true);
    expect(old.noResponse.endsWith(`@${OLD}`)).toBe(true);
    await relay.stop();
    ctx.close();
    await run(NEW);
  });

  afterAll(async () => {
    await relay?.stop();
    await sink.stop();
    ctx?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("the seller's mail to the alias under the old domain reaches the buyer, from a reply address under the new one", async () => {
    const response = await send({ from: SELLER.email, to: old.alias }, { subject: 'Re: Mug colour', text: 'Blue.' });
    expect(response).toMatch(/^250 /);
    const [got] = await sink.waitFor(1, { to: BUYER.email });
    const pair = ctx.pairs.find(SELLER.id, BUYER.email)!;
    expect(header(got.raw)).toContain(`From: Shop One <${SELLER.id}.${pair.replyToken}@${NEW}>`);
    expect(messageIdOf(got.raw).endsWith(`@${NEW}>`)).toBe(true);
    expect(got.from.endsWith(`@${NEW}`)).toBe(true);
  });

  it('the submission port takes the alias under the old domain too', async () => {
    const response = await send(
      { from: SELLER.email, to: old.alias },
      { subject: 'Tracking', text: 'Here it is.' },
      { user: SELLER.id, pass: SELLER.password },
    );
    expect(response).toMatch(/^250 /);
    await sink.waitFor(2, { to: BUYER.email });
  });

  it("the buyer's reply to the reply address under the old domain reaches the seller, under the alias at the new one", async () => {
    const response = await send({ from: BUYER.email, to: old.reply }, { subject: 'Re: Mug colour', text: 'Thanks!' });
    expect(response).toMatch(/^250 /);
    const got = await sink.waitFor(2, { to: SELLER.email });
    const reply = got.find((m) => header(m.raw).includes('Subject: Re: Mug colour'))!;
    const pair = ctx.pairs.find(SELLER.id, BUYER.email)!;
    expect(header(reply.raw)).toContain(`From: ${pair.alias}@${NEW}`);
    expect(ctx.pairs.find(SELLER.id, BUYER.email)!.id).toBe(pair.id);
  });

  it("a new buyer's first mail to the seller's address under either domain arrives", async () => {
    for (const [i, domain] of [OLD, NEW].entries()) {
      const buyer = `new-buyer-${i}@buyers.example`;
      await expect(
        send({ from: buyer, to: `${SELLER.id}@${domain}` }, { subject: 'Hi', text: 'Hello' }),
      ).resolves.toMatch(/^250 /);
    }
  });

  it('a mailed action and a bounce for a message sent under the old domain still find that message', async () => {
    const id = ctx.record.byRelayId(old.relayId)!.id;
    await expect(send({ from: SELLER.email, to: old.noResponse }, { subject: 'x', text: 'x' })).resolves.toMatch(
      /^250 /,
    );
    await eventually(
      () => ctx.outbox.forMessage(id).find((o) => o.kind === 'forward')!.state === 'delivered',
      10_000,
      'the first forward to be delivered',
    );
    const dsn = failureReport({ recipient: SELLER.email, returnPath: old.returnPath, messageId: old.relayId });
    await expect(send({ from: '', to: old.returnPath }, dsn)).resolves.toMatch(/^250 /);
    expect(ctx.outbox.forMessage(id).find((o) => o.kind === 'forward')!.state).toBe('bounced');
  });

  it('mail from an address under the old domain is still refused as one of our own (loops, R9)', async () => {
    await expect(send({ from: old.alias, to: `${SELLER.id}@${NEW}` }, { subject: 'x', text: 'x' })).rejects.toThrow(
      /550|553|5\.7\.1/,
    );
  });

  it('a domain the relay never served is still refused', async () => {
    const pair = ctx.pairs.find(SELLER.id, BUYER.email)!;
    await expect(
      send({ from: SELLER.email, to: `${pair.alias}@other-relay.test` }, { subject: 'x', text: 'x' }),
    ).rejects.toThrow(/550/);
  });
});
