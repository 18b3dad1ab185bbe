/**
 * Bounces are rate-limited: a flood of mail to the relay's return paths (forged "bounces" or a replayed report) is
 * refused with 450 past the limit per remote address and per seller in an hour, with one log line each, while the
 * rest of the relay goes on. Real SMTP on 127.0.0.1; the second remote address is 127.0.0.2 (loopback too); the
 * limits are set low (2 per address, 3 per seller) so the test sends few messages.
 */
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { splitMessage } from '../../src/main/core/mail/header-block.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const BUYER = 'sam.buyer@buyers.example';

describe('a rate limit on bounces', () => {
  let h: Harness;
  let returnPath: string;
  beforeAll(async () => {
    h = await startHarness({ limits: { bouncesPerAddressPerHour: 2, bouncesPerSellerPerHour: 3 } });
    await h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Order?', text: 'Where is it?' });
    await h.submit(SELLER, { from: SELLER.email, to: h.aliasOf(BUYER) }, { subject: 'Your order', text: 'Soon.' });
    const [out] = await h.sink.waitFor(1, { to: BUYER });
    expect(splitMessage(out.raw).header.toString('latin1')).toMatch(/^Message-ID: /im);
    returnPath = out.from;
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A free-text "bounce" to the return path from `localAddress`; resolves to the reply, or the refusal's. */
  async function bounce(localAddress: string): Promise<string> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: h.relay.smtpPort, localAddress });
    try {
      const raw = Buffer.from(`From: mailer-daemon@far.example\r\nSubject: Undeliverable\r\n\r\nGone.\r\n`);
      return (await transport.sendMail({ envelope: { from: '', to: returnPath }, raw })).response;
    } catch (err) {
      return (err as { response: string }).response;
    } finally {
      transport.close();
    }
  }

  it('refuses bounces past the limit per address, then per seller, with 450 and one log line each', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    expect(await bounce('127.0.0.1')).toMatch(/^250 /);
    expect(await bounce('127.0.0.1')).toMatch(/^250 /);
    expect(await bounce('127.0.0.1')).toMatch(/^450 4\.7\.1 Too many bounces from your address/);
    expect(await bounce('127.0.0.1')).toMatch(/^450 /);
    // Another address is not over its own limit, but the seller is after one more.
    expect(await bounce('127.0.0.2')).toMatch(/^250 /);
    expect(await bounce('127.0.0.2')).toMatch(/^450 4\.7\.1 Too many bounces for this sender/);
    expect(lines).toEqual([
      expect.stringMatching(/^parley relay: bounces from 127\.0\.0\.1 over 2 an hour: refused with 450 until \S+Z$/),
      expect.stringMatching(/^parley relay: bounces about seller shop-one over 3 an hour: refused with 450 until /),
    ]);
    // The rest of the relay goes on: a buyer's message still arrives.
    await expect(
      h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Still there?', text: 'x' }),
    ).resolves.toMatch(/^250 /);
  });
});
