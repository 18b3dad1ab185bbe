/**
 * A buyer's address forged in From:. The relay keeps filing a message by its From address, so
 * a stranger who writes From: another buyer lands in that buyer's conversation. It must not be attributed silently:
 * when the envelope sender (MAIL FROM) and the From address differ (a null envelope counts as different) and DMARC
 * does not vouch for the From domain, the message carries "sender not verified" in the seller's message view. Real
 * SMTP into the app service's relay (over a copy of the demo store), DNS answers from a file of our own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../../src/main/core/ops/demo.js';
import { buyerWrites, eventually, startDemoApp, type TestApp } from '../../src/main/core/app/testing/test-app.js';
import { resolverFile } from '../support/dns.js';

const BUYER_B = { name: 'Berta Buyer', address: 'berta@buyers.example' };

const DNS = resolverFile({
  TXT: {
    // buyers.example publishes no DMARC: nothing vouches for its From addresses.
    'evil.example': [['v=spf1 ip4:127.0.0.1 -all']],
    // vouched.example: SPF passes for its bounce domain and DMARC aligns it with the From domain.
    'bounces.vouched.example': [['v=spf1 ip4:127.0.0.1 -all']],
    '_dmarc.vouched.example': [['v=DMARC1; p=reject']],
  },
});

describe('"sender not verified": envelope and From disagree and DMARC does not vouch', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(): Promise<TestApp> {
    app = await startDemoApp({ dns: DNS });
    return app;
  }

  /** Sends over SMTP and returns the message as the seller's conversation view shows it. */
  async function write(a: TestApp, envelopeFrom: string, from: { name: string; address: string }, subject: string) {
    await buyerWrites(a, {
      envelope: { from: envelopeFrom, to: a.ctx.addresses.sellerAddress(DEMO_SELLER.id) },
      from,
      subject,
      text: `${subject}: please refund to my new account.`,
    });
    return eventually(
      async () => {
        for (const row of (await a.call('inbox.list', { filter: 'all' })).rows) {
          const found = (await a.call('conversation.get', { id: row.id })).messages.find((m) => m.subject === subject);
          if (found) return { message: found, conversation: row };
        }
        return undefined;
      },
      10_000,
      `the message "${subject}"`,
    );
  }

  it("marks mail whose From is buyer B's address but whose envelope is somebody else's, in B's conversation", async () => {
    const a = await start();
    const own = await write(a, BUYER_B.address, BUYER_B, 'Own message');
    expect(own.message.senderNotVerified).toBe(false);

    const forged = await write(a, 'mallory@evil.example', BUYER_B, 'Forged message');
    // Filed by the From address as before: in B's conversation …
    expect(forged.conversation.id).toBe(own.conversation.id);
    // … but not silently attributed to B.
    expect(forged.message.senderNotVerified).toBe(true);
    expect(forged.message.state).not.toBe('held'); // delivered as before, only marked

    const bounce = await write(a, '', BUYER_B, 'Null envelope');
    expect(bounce.message.senderNotVerified).toBe(true);
  });

  it('does not mark mail whose envelope is the From address (any letter case) or whose domain DMARC vouches', async () => {
    const a = await start();
    const sameAddress = await write(a, 'Berta@Buyers.Example', BUYER_B, 'Same address');
    expect(sameAddress.message.senderNotVerified).toBe(false);

    const vouched = await write(
      a,
      'bounce-4711@bounces.vouched.example',
      { name: 'Carl Vouched', address: 'carl@vouched.example' },
      'Sent through a mailing service',
    );
    expect(vouched.message.auth).toMatchObject({ dmarc: 'pass' });
    expect(vouched.message.senderNotVerified).toBe(false);
  });
});
