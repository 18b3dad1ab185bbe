/**
 * Bounces to the relay's VERP return path (bounce+…@relay): only a well-formed delivery status notification
 * (RFC 3464: multipart/report; report-type=delivery-status, a failed Action with a 5.x.x Status, the returned headers
 * naming the message the relay sent) marks a delivery bounced and tells the seller. Anything else that reaches the
 * address — a forged "bounce" of free text — changes nothing and reaches nobody, and the receiving server's words
 * reach the seller only marked as its words. Real SMTP on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitMessage } from '../../src/main/core/mail/header-block.js';
import { eventually } from '../../src/main/core/app/testing/test-app.js';
import { sqlValue } from '../../src/main/core/store/inspect.js';
import { failureReport } from '../support/dsn.js';
import { DOMAIN, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const BUYER = { email: 'pat.buyer@buyers.example', name: 'Pat Buyer' };

describe('bounces to the return path', () => {
  let h: Harness;
  let sent: { returnPath: string; messageId: string; id: number };
  beforeAll(async () => {
    h = await startHarness();
    await h.inbound({ from: BUYER.email, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Order?', text: 'Where is it?' });
    const alias = h.aliasOf(BUYER.email);
    await h.submit(SELLER, { from: SELLER.email, to: alias }, { subject: 'Your order', text: 'It is on its way.' });
    const [out] = await h.sink.waitFor(1, { to: BUYER.email });
    const header = splitMessage(out.raw).header.toString('latin1');
    const messageId = /^Message-ID: (<[^>]+>)/im.exec(header)![1];
    sent = { returnPath: out.from, messageId, id: h.ctx.record.byRelayId(messageId)!.id };
    // The worker marks the delivery once the smarthost's 250 is back.
    await eventually(() => state() === 'delivered', 10_000, 'the delivery to be marked delivered');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const state = () => h.ctx.outbox.forMessage(sent.id).find((o) => o.kind === 'forward')!.state;
  // Delivery-failure notices in the record: the relay records one before it answers 250, so no waiting is needed.
  const notices = () =>
    sqlValue<number>(h.ctx.store, `SELECT COUNT(*) FROM messages WHERE decision LIKE '%"delivery-failure"%'`);

  it('ignores a forged bounce of free text: the delivery stays delivered and the seller gets no notice', async () => {
    expect(state()).toBe('delivered');
    const forged = Buffer.from(
      `From: postmaster@smarthost.example\r\nTo: ${sent.returnPath}\r\nSubject: Undeliverable\r\n\r\n` +
        'Your mailbox is suspended. Log in at http://evil.example/login to restore it.\r\n',
    );
    await expect(h.inbound({ from: '', to: sent.returnPath }, forged)).resolves.toMatch(/^250 /);
    expect(state()).toBe('delivered');
    expect(notices()).toBe(0);
  });

  it('ignores a well-formed report about another message, and one that does not report a failure', async () => {
    const other = failureReport({
      recipient: BUYER.email,
      returnPath: sent.returnPath,
      messageId: `<someone-else@${DOMAIN}>`,
    });
    await expect(h.inbound({ from: '', to: sent.returnPath }, other)).resolves.toMatch(/^250 /);
    const delayed = failureReport({
      recipient: BUYER.email,
      returnPath: sent.returnPath,
      messageId: sent.messageId,
      status: '4.4.1',
    });
    await expect(h.inbound({ from: '', to: sent.returnPath }, delayed)).resolves.toMatch(/^250 /);
    expect(state()).toBe('delivered');
    expect(notices()).toBe(0);
  });

  it('takes a real failure report: bounced, one notice with the server’s words marked as such and the buyer masked (R5)', async () => {
    const real = failureReport({ recipient: BUYER.email, returnPath: sent.returnPath, messageId: sent.messageId });
    await expect(h.inbound({ from: '', to: sent.returnPath }, real)).resolves.toMatch(/^250 /);
    expect(state()).toBe('bounced');
    expect(notices()).toBe(1);
    const sellerMail = await h.sink.waitFor(2, { to: SELLER.email }); // the buyer's message, then the notice
    const text = sellerMail[1].raw.toString();
    expect(text).toContain('5.1.1');
    expect(text).not.toContain(BUYER.email);
    expect(text).not.toContain('evil.example');
    expect(text).toMatch(/not checked by Parley|nicht von Parley geprüft/);
    // The same report again (a replay) is recorded once: no second notice.
    await expect(h.inbound({ from: '', to: sent.returnPath }, real)).resolves.toMatch(/^250 /);
    expect(notices()).toBe(1);
  });
});
