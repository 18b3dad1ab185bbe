import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrapFirstPartBody } from '../../src/main/core/mail/part-surgery.js';
import { splitMessage } from '../../src/main/core/mail/header-block.js';
import { allParts, decodeBody, walkMime } from '../../src/main/core/mail/mime-tree.js';
import { DOMAIN, OTHER_SELLER, SELLER, startHarness, type Harness } from '../support/relay-harness.js';
import { sqlGet } from '../../src/main/core/store/inspect.js';

const BUYER = { email: 'jane.buyer@buyers.example', name: 'Jane Buyer' };

function headerText(raw: Buffer): string {
  return splitMessage(raw).header.toString('latin1');
}

describe('routing over real SMTP (R5, R6, R7, R9, never an open relay)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('buyer → seller: reaches the customer-service address under the alias, in the body too (R5)', async () => {
    const body = 'Hello,\r\nwhich colour is the mug? Reply to jane.buyer@buyers.example please.\r\n';
    const raw = Buffer.from(
      `From: "Jane Buyer" <${BUYER.email}>\r\nTo: ${SELLER.id}@${DOMAIN}\r\nReply-To: ${BUYER.email}\r\n` +
        `Received: from [203.0.113.9] by mx.buyers.example\r\nSubject: Mug colour\r\nMessage-ID: <first@buyers.example>\r\n\r\n${body}`,
    );
    const response = await h.inbound({ from: BUYER.email, to: `${SELLER.id}@${DOMAIN}` }, raw);
    expect(response).toMatch(/^250 .*queued as <[a-z0-9]+@relay\.test>/);
    const [got] = await h.sink.waitFor(1, { to: SELLER.email });
    const alias = h.aliasOf(BUYER.email);
    expect(alias).toMatch(/^[a-z0-9]{15}@relay\.test$/);
    const header = headerText(got.raw);
    expect(header).toContain(`From: Jane Buyer <${alias}>`);
    expect(header).not.toContain(BUYER.email);
    expect(header).not.toContain('203.0.113.9');
    expect(header).not.toContain('<first@buyers.example>');
    // The body changes only where it names the buyer's address (R5: replaced everywhere).
    expect(unwrapFirstPartBody(got.raw).toString()).toBe(body.replace(BUYER.email, alias));
    expect(got.from).toMatch(/^bounce\+[a-z0-9]+-[0-9a-f]{16}@relay\.test$/);
  });

  it('seller → buyer through submission with AUTH: shop name, reply address, threading mapped (R6)', async () => {
    const alias = h.aliasOf(BUYER.email);
    const forwarded = h.sink.messages.find((m) => m.to.includes(SELLER.email))!;
    const relayId = /Message-ID: (<[^>]+>)/i.exec(headerText(forwarded.raw))![1];
    const response = await h.submit(
      SELLER,
      { from: SELLER.email, to: alias },
      {
        subject: 'Re: Mug colour',
        text: 'It is blue.\n',
        inReplyTo: relayId,
        references: relayId,
        cc: 'my-boss@shop-one.example',
        replyTo: SELLER.email,
      },
    );
    expect(response).toMatch(/^250 /);
    const [got] = await h.sink.waitFor(1, { to: BUYER.email });
    const header = headerText(got.raw);
    const pair = h.ctx.pairs.find(SELLER.id, BUYER.email)!;
    expect(header).toContain(`From: Shop One <${SELLER.id}.${pair.replyToken}@${DOMAIN}>`);
    expect(header).toContain(`To: Jane Buyer <${BUYER.email}>`);
    expect(header).toContain('In-Reply-To: <first@buyers.example>');
    expect(header).not.toContain(SELLER.email);
    expect(header).not.toContain('my-boss@shop-one.example');
    expect(header).not.toContain(alias);
  });

  it("a buyer's reply to the reply address lands in the same conversation", async () => {
    const pair = h.ctx.pairs.find(SELLER.id, BUYER.email)!;
    const replyAddress = `${SELLER.id}.${pair.replyToken}@${DOMAIN}`;
    await h.inbound({ from: BUYER.email, to: replyAddress }, { subject: 'Re: Mug colour', text: 'Thanks!' });
    await h.sink.waitFor(2, { to: SELLER.email });
    const conversations = sqlGet<{ n: number }>(
      h.ctx.store,
      'SELECT COUNT(*) AS n FROM conversations WHERE pair_id = ?',
      pair.id,
    )!;
    const messages = sqlGet<{ n: number }>(
      h.ctx.store,
      'SELECT COUNT(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.pair_id = ?',
      pair.id,
    )!;
    expect(conversations.n).toBe(1);
    expect(messages.n).toBe(3);
  });

  it('refuses an unauthorized sender with instructions to authorize it, then accepts it once authorized (R7)', async () => {
    const alias = h.aliasOf(BUYER.email);
    await expect(
      h.submit(SELLER, { from: 'intern@shop-one.example', to: alias }, { subject: 'Hi', text: 'x' }),
    ).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringMatching(
        /not authorized.*parley seller authorize --id shop-one --email intern@shop-one\.example/,
      ),
    });
    h.ctx.sellers.authorize(SELLER.id, 'intern@shop-one.example');
    await expect(
      h.submit(
        SELLER,
        { from: 'intern@shop-one.example', to: alias },
        { subject: 'Re: Mug colour', text: 'Blue indeed.' },
      ),
    ).resolves.toMatch(/^250/);
  });

  it('refuses mail to an alias from outside unless the sender is authorized (R2, R7)', async () => {
    const alias = h.aliasOf(BUYER.email);
    await expect(
      h.inbound({ from: 'tracking@carrier.example', to: alias }, { subject: 'Your parcel', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('R7') });
  });

  it('answers 550 at RCPT for unknown addresses and never relays to the outside', async () => {
    await expect(
      h.inbound({ from: BUYER.email, to: `nobody@${DOMAIN}` }, { subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    await expect(
      h.inbound({ from: BUYER.email, to: 'victim@elsewhere.example' }, { subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    await expect(
      h.submit(SELLER, { from: SELLER.email, to: 'victim@elsewhere.example' }, { subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('relaying denied') });
  });

  it("refuses another seller's buyer alias on submission, bad passwords, and mail without AUTH", async () => {
    h.ctx.pairs.ensurePair(OTHER_SELLER.id, 'someone@buyers.example');
    const othersAlias = h.aliasOf('someone@buyers.example', OTHER_SELLER.id);
    await expect(
      h.submit(SELLER, { from: SELLER.email, to: othersAlias }, { subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, command: 'RCPT TO' });
    await expect(
      h.submit(
        { id: SELLER.id, password: 'wrong' },
        { from: SELLER.email, to: othersAlias },
        { subject: 'x', text: 'x' },
      ),
    ).rejects.toMatchObject({ responseCode: 535 });
  });

  it("refuses one seller writing to another seller's relay address (R9)", async () => {
    await expect(
      h.inbound({ from: OTHER_SELLER.email, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Cooperation?', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('R9') });
  });

  it('refuses a mail action link from a stranger, a tampered link, and an unverified sender (R18, R19)', async () => {
    const forwarded = h.sink.messages.find((m) => m.to.includes(SELLER.email))!;
    const tree = walkMime(forwarded.raw);
    const text = allParts(tree)
      .filter((p) => p.children.length === 0)
      .map((p) => decodeBody(forwarded.raw, p).toString('utf8'))
      .join('\n');
    const report = /mailto:(action\+r-[a-z0-9]+-[0-9a-f]+@relay\.test)/.exec(text)![1];
    const noResponse = /mailto:(action\+n-[a-z0-9]+-[0-9a-f]+@relay\.test)/.exec(text)![1];
    await expect(
      h.inbound({ from: 'stranger@x.example', to: report }, { subject: 'Report', text: '' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    // The seller's address as the envelope sender is only a claim here (no DNS: nothing verifies it); the action
    // needs SPF or DKIM aligned, which relay-actions.test.ts shows with DNS answers.
    for (const to of [report, noResponse])
      await expect(h.inbound({ from: SELLER.email, to }, { subject: 'Report', text: '' })).rejects.toMatchObject({
        responseCode: 550,
        response: expect.stringContaining('could not be verified'),
      });
    const tampered = report.replace(/-([0-9a-f])/, (_m, c: string) => `-${c === 'a' ? 'b' : 'a'}`);
    await expect(
      h.inbound({ from: SELLER.email, to: tampered }, { subject: 'Report', text: '' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(sqlGet(h.ctx.store, 'SELECT COUNT(*) AS n FROM reports')).toEqual({ n: 0 });
    expect(sqlGet(h.ctx.store, 'SELECT COUNT(*) AS n FROM message_marks WHERE no_response_needed = 1')).toEqual({
      n: 0,
    });
  });
});
