import crypto from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterEach, describe, expect, it } from 'vitest';
import { splitMessage } from '../../src/main/core/mail/header-block.js';
import { makeResolver } from '../../src/main/core/relay/sender-auth.js';
import { resolverFile } from '../support/dns.js';
import { failureReport } from '../support/dsn.js';
import { freePort } from '../support/serve-process.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import { sqlAll, sqlGet } from '../../src/main/core/store/inspect.js';

describe('sender authentication, DKIM signing and delivery failures', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('records SPF/DKIM/DMARC on inbound mail and holds a buyer message that fails DMARC', async () => {
    const dns = resolverFile({
      TXT: {
        'buyers.example': [['v=spf1 ip4:192.0.2.1 -all']],
        '_dmarc.buyers.example': [['v=DMARC1; p=reject']],
        'honest.example': [['v=spf1 ip4:127.0.0.1 -all']],
      },
    });
    h = await startHarness({ dns });
    await expect(
      h.inbound({ from: 'spoof@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Refund now', text: 'x' }),
    ).resolves.toMatch(/held for review: DMARC failed/);
    await h.inbound(
      { from: 'real@honest.example', to: `${SELLER.id}@${DOMAIN}` },
      { subject: 'Question', text: 'Hello' },
    );
    await h.sink.waitFor(1, { to: SELLER.email });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sink.messages.filter((m) => m.to.includes(SELLER.email))).toHaveLength(1);
    const rows = sqlAll<{ sender: string; verdict: string; auth: string }>(
      h.ctx.store,
      'SELECT envelope_from AS sender, verdict, auth FROM messages ORDER BY id',
    );
    expect(rows.map((r) => [r.sender, r.verdict, JSON.parse(r.auth).spf, JSON.parse(r.auth).dmarc])).toEqual([
      ['spoof@buyers.example', 'held', 'fail', 'fail'],
      ['real@honest.example', 'deliver', 'pass', 'none'],
    ]);
    expect(h.ctx.outbox.pending()).toHaveLength(0);
  });

  it("lets an authorized carrier write to an alias only with SPF aligned, and the buyer sees the shop's name (R2, R7)", async () => {
    const dns = resolverFile({
      TXT: {
        'carrier.example': [['v=spf1 ip4:127.0.0.1 -all']],
        'spoofed-carrier.example': [['v=spf1 ip4:192.0.2.1 -all']],
      },
    });
    h = await startHarness({ dns });
    const pair = h.ctx.pairs.ensurePair(SELLER.id, 'tom@buyers.example', 'Tom');
    const alias = h.ctx.addresses.aliasAddress(pair.alias);
    h.ctx.sellers.authorize(SELLER.id, 'tracking@carrier.example');
    h.ctx.sellers.authorize(SELLER.id, 'tracking@spoofed-carrier.example');
    await expect(
      h.inbound(
        { from: 'tracking@carrier.example', to: alias },
        { subject: 'Your parcel is on its way', text: 'Tracking 00340434' },
      ),
    ).resolves.toMatch(/queued/);
    const [got] = await h.sink.waitFor(1, { to: 'tom@buyers.example' });
    expect(splitMessage(got.raw).header.toString()).toContain(
      `From: Shop One <${SELLER.id}.${pair.replyToken}@${DOMAIN}>`,
    );
    await expect(
      h.inbound({ from: 'tracking@spoofed-carrier.example', to: alias }, { subject: 'Your parcel', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringMatching(/could not be verified.*SPF fail/) });
  });

  it('signs outbound mail with DKIM when a key is configured, verifiable with the published key', async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    h = await startHarness({ dkim: { keySelector: 'parley', privateKey: pem } });
    await h.inbound(
      { from: 'anna@buyers.example', to: `${SELLER.id}@${DOMAIN}` },
      { subject: 'Signed?', text: 'Hello' },
    );
    const [got] = await h.sink.waitFor(1, { to: SELLER.email });
    expect(got.raw.toString()).toMatch(/^DKIM-Signature: .*d=relay\.test/m);
    const resolver = makeResolver(
      resolverFile({ TXT: { [`parley._domainkey.${DOMAIN}`]: [[`v=DKIM1; k=rsa; p=${p}`]] } }),
    );
    const result = await dkimVerify(got.raw, { resolver });
    expect(result.results[0].status.result).toBe('pass');
  });

  it('matches a smarthost bounce to its message by the signed VERP address and tells the seller', async () => {
    h = await startHarness();
    const pair = h.ctx.pairs.ensurePair(SELLER.id, 'gone@buyers.example');
    await h.submit(
      SELLER,
      { from: SELLER.email, to: h.ctx.addresses.aliasAddress(pair.alias) },
      { subject: '[Important] Your address', text: 'The house number is missing.' },
    );
    const [sent] = await h.sink.waitFor(1, { to: 'gone@buyers.example' });
    const messageId = /^Message-ID: (<[^>]+>)/im.exec(splitMessage(sent.raw).header.toString('latin1'))![1];
    const dsn = failureReport({
      returnPath: sent.from,
      messageId,
      recipient: 'gone@buyers.example',
      diagnostic: 'smtp; 550 5.1.1 <gone@buyers.example>: user unknown',
    });
    const forged = sent.from.replace(/-[0-9a-f]{16}@/, '-0000000000000000@');
    await expect(h.inbound({ from: '', to: forged }, dsn)).rejects.toMatchObject({ responseCode: 550 });
    await expect(h.inbound({ from: '', to: sent.from }, dsn)).resolves.toMatch(/bounce recorded/);
    const [notice] = await h.sink.waitFor(1, { to: SELLER.email });
    const text = notice.raw.toString().replace(/=\r\n/g, ''); // quoted-printable soft breaks
    expect(text).toContain('Delivery failed: [Important] Your address');
    expect(text).toContain('user unknown');
    // R5: the smarthost quoted the buyer's real address; the seller sees the alias instead.
    expect(text).not.toContain('gone@buyers.example');
    expect(text).toContain(h.ctx.addresses.aliasAddress(pair.alias));
    expect(sqlGet(h.ctx.store, "SELECT state FROM outbox WHERE kind = 'forward'")).toEqual({
      state: 'bounced',
    });
  });

  it('gives up after the queue lifetime and tells the seller, once', async () => {
    const dead = await freePort();
    h = await startHarness({ smarthost: `smtp://127.0.0.1:${dead}?starttls=never`, queueLifetimeMs: 800 });
    const pair = h.ctx.pairs.ensurePair(SELLER.id, 'far@buyers.example');
    await h.submit(
      SELLER,
      { from: SELLER.email, to: h.ctx.addresses.aliasAddress(pair.alias) },
      { subject: '[Important] Delivery slot', text: 'When are you at home?' },
    );
    const deadline = Date.now() + 10_000;
    let states: { kind: string; state: string }[] = [];
    while (Date.now() < deadline) {
      states = sqlAll<{ kind: string; state: string }>(h.ctx.store, 'SELECT kind, state FROM outbox ORDER BY id');
      if (states.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(states[0]).toEqual({ kind: 'forward', state: 'failed' });
    expect(states[1].kind).toBe('delivery-failure');
    const events = sqlGet<{ n: number }>(
      h.ctx.store,
      "SELECT COUNT(*) AS n FROM delivery_events WHERE outbox_id = 1 AND state = 'deferred'",
    )!;
    expect(events.n).toBeGreaterThanOrEqual(1);
  });
});
