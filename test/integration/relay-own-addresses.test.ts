/**
 * The relay's own addresses are never a buyer (R9, no mail loops): mail from another seller's relay address, an
 * alias, a reply address, postmaster@ or a bounce address of the relay domain opens no pair, and a message that has
 * passed through too many hosts is refused as a loop. Real SMTP on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlValue } from '../../src/main/core/store/inspect.js';
import { DOMAIN, OTHER_SELLER, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

describe('the relay’s own addresses are not buyers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const pairs = () => sqlValue<number>(h.ctx.store, 'SELECT COUNT(*) FROM pairs');

  it.each([
    ['another seller’s relay address (envelope)', `${OTHER_SELLER.id}@${DOMAIN}`, undefined],
    ['postmaster of the relay domain (envelope)', `postmaster@${DOMAIN}`, undefined],
    ['a bounce address of the relay (envelope)', `bounce+abc123-0123456789abcdef@${DOMAIN}`, undefined],
    ['an alias in the From header', 'someone@buyers.example', `abcdefghijklmno@${DOMAIN}`],
    ['another seller’s relay address in the From header', 'someone@buyers.example', `${OTHER_SELLER.id}@${DOMAIN}`],
  ])('refuses mail from %s, and opens no pair', async (_what, envelopeFrom, headerFrom) => {
    const before = pairs();
    const raw = Buffer.from(
      `From: ${headerFrom ?? envelopeFrom}\r\nTo: ${SELLER.id}@${DOMAIN}\r\nSubject: Hallo\r\n\r\nHallo\r\n`,
    );
    await expect(h.inbound({ from: envelopeFrom, to: `${SELLER.id}@${DOMAIN}` }, raw)).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('relay'),
    });
    expect(pairs()).toBe(before);
  });

  it('refuses a message that went round too many hosts (a mail loop), and takes an ordinary one', async () => {
    const hops = Array.from({ length: 40 }, (_, i) => `Received: from hop${i}.example by hop${i + 1}.example\r\n`);
    const looped = Buffer.from(
      `${hops.join('')}From: loop@buyers.example\r\nTo: ${SELLER.id}@${DOMAIN}\r\nSubject: Loop\r\n\r\nx\r\n`,
    );
    await expect(
      h.inbound({ from: 'loop@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, looped),
    ).rejects.toMatchObject({ responseCode: 554, response: expect.stringContaining('loop') });
    const ordinary = Buffer.from(
      `${hops.slice(0, 3).join('')}From: fine@buyers.example\r\nTo: ${SELLER.id}@${DOMAIN}\r\nSubject: Hi\r\n\r\nx\r\n`,
    );
    await expect(h.inbound({ from: 'fine@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, ordinary)).resolves.toMatch(
      /^250 /,
    );
  });

  const rows = (table: string) => sqlValue<number>(h.ctx.store, `SELECT COUNT(*) FROM ${table}`);

  it('takes mail to postmaster@ the relay domain (RFC 5321) into the admin view: stored, forwarded to nobody, no pair', async () => {
    const before = { pairs: pairs(), messages: rows('messages'), outbox: rows('outbox'), sunk: h.sink.messages.length };
    const report = Buffer.from(
      `From: abuse@isp.example\r\nTo: postmaster@${DOMAIN}\r\nSubject: Abuse report 42\r\n\r\nYour server sent spam.\r\n`,
    );
    await expect(h.inbound({ from: 'abuse@isp.example', to: `postmaster@${DOMAIN}` }, report)).resolves.toMatch(
      /^250 .*postmaster/,
    );
    // Any letter case, a null sender, and even from the relay's own domain: RFC 5321 wants it to work.
    const own = Buffer.from(`From: ${SELLER.id}@${DOMAIN}\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n\r\nHallo\r\n`);
    await expect(h.inbound({ from: '', to: `PostMaster@${DOMAIN}` }, own)).resolves.toMatch(/^250 /);
    await expect(h.inbound({ from: `${SELLER.id}@${DOMAIN}`, to: `postmaster@${DOMAIN}` }, own)).resolves.toMatch(
      /^250 /,
    );
    // The 250 comes after the commit that would have queued a forward: nothing was recorded, queued or paired.
    expect({ pairs: pairs(), messages: rows('messages'), outbox: rows('outbox') }).toEqual({
      pairs: before.pairs,
      messages: before.messages,
      outbox: before.outbox,
    });
    const listed = h.ctx.postmaster.list();
    expect(listed.map((m) => [m.envelopeFrom, m.subject])).toEqual([
      [`${SELLER.id}@${DOMAIN}`, 'Grüße'],
      ['', 'Grüße'],
      ['abuse@isp.example', 'Abuse report 42'],
    ]);
    expect(listed[2]).toMatchObject({ remoteAddress: '127.0.0.1', size: report.length });
    expect(h.ctx.postmaster.get(listed[2].id)!.raw.equals(report)).toBe(true);
    // Nothing reaches the smarthost: a buyer's message sent afterwards is the only new delivery.
    await h.inbound({ from: 'kim@buyers.example', to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Hi', text: 'x' });
    await h.sink.waitFor(before.sunk + 1);
    expect(h.sink.messages.slice(before.sunk).map((m) => m.to)).toEqual([[SELLER.email]]);
  });

  it('refuses postmaster mail over 1 MB (552) and keeps nothing of it', async () => {
    const count = h.ctx.postmaster.count();
    const big = Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), Buffer.alloc(1024 * 1024 + 1, 'a')]);
    await expect(h.inbound({ from: 'someone@isp.example', to: `postmaster@${DOMAIN}` }, big)).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(h.ctx.postmaster.count()).toBe(count);
  });
});
