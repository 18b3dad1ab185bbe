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
});
