/**
 * Mailed actions (the Report / No response needed links in a forwarded buyer message, R18, R19) act only for mail
 * that proves it comes from the seller: an authorized sender whose SPF or DKIM is aligned. An envelope sender alone
 * is a claim anyone can make. Real SMTP on 127.0.0.1, DNS from a file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allParts, decodeBody, walkMime } from '../../src/main/core/mail/mime-tree.js';
import { sqlValue } from '../../src/main/core/store/inspect.js';
import { resolverFile } from '../support/dns.js';
import { DOMAIN, OTHER_SELLER, SELLER, startHarness, type Harness } from '../support/relay-harness.js';

const BUYER = 'kim.buyer@buyers.example';

describe('mailed actions', () => {
  let h: Harness;
  let links: { report: string; noResponse: string };

  /** The action links of the forwarded copy of the seller's `n`th buyer message. */
  async function actionLinks(n: number): Promise<{ report: string; noResponse: string }> {
    const forwarded = (await h.sink.waitFor(n, { to: SELLER.email }))[n - 1];
    const text = allParts(walkMime(forwarded.raw))
      .filter((p) => p.children.length === 0)
      .map((p) => decodeBody(forwarded.raw, p).toString('utf8'))
      .join('\n');
    return {
      report: /mailto:(action\+r-[a-z0-9]+-[0-9a-f]+@relay\.test)/.exec(text)![1],
      noResponse: /mailto:(action\+n-[a-z0-9]+-[0-9a-f]+@relay\.test)/.exec(text)![1],
    };
  }
  beforeAll(async () => {
    const dns = resolverFile({
      TXT: {
        // The seller's own domain sends from here (127.0.0.1); the other authorized domain never does.
        'shop-one.example': [['v=spf1 ip4:127.0.0.1 -all']],
        'forwarder.example': [['v=spf1 ip4:192.0.2.1 -all']],
      },
    });
    h = await startHarness({ dns });
    h.ctx.sellers.authorize(SELLER.id, 'desk@forwarder.example');
    await h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Hello', text: 'Is it in stock?' });
    links = await actionLinks(1);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const reports = () => sqlValue<number>(h.ctx.store, 'SELECT COUNT(*) FROM reports');
  const marks = () => sqlValue<number>(h.ctx.store, 'SELECT COUNT(*) FROM message_marks WHERE no_response_needed = 1');

  it('refuses an action whose authorized sender cannot prove itself (SPF/DKIM not aligned): nothing is reported', async () => {
    for (const to of [links.report, links.noResponse]) {
      await expect(h.inbound({ from: 'desk@forwarder.example', to }, { subject: 'x', text: '' })).rejects.toMatchObject(
        { responseCode: 550, response: expect.stringContaining('could not be verified') },
      );
    }
    expect(reports()).toBe(0);
    expect(marks()).toBe(0);
  });

  it('takes the action from the seller’s own verified address', async () => {
    await expect(h.inbound({ from: SELLER.email, to: links.report }, { subject: 'Report', text: '' })).resolves.toMatch(
      /reported/,
    );
    await expect(
      h.inbound({ from: SELLER.email, to: links.noResponse }, { subject: 'No response needed', text: '' }),
    ).resolves.toMatch(/no response needed/);
    expect(reports()).toBe(1);
    expect(marks()).toBe(1);
  });

  it('takes the action through the seller’s authenticated submission (no SPF needed), never another seller’s', async () => {
    await h.inbound({ from: BUYER, to: `${SELLER.id}@${DOMAIN}` }, { subject: 'Again', text: 'Still in stock?' });
    const mine = await actionLinks(2);
    const before = { reports: reports() ?? 0, marks: marks() ?? 0 };
    for (const to of [mine.report, mine.noResponse]) {
      await expect(
        h.submit(OTHER_SELLER, { from: OTHER_SELLER.email, to }, { subject: 'x', text: '' }),
      ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('no such address') });
    }
    expect({ reports: reports(), marks: marks() }).toEqual(before);
    // The forwarder's domain fails SPF, but the login proves the seller.
    await expect(
      h.submit(SELLER, { from: 'desk@forwarder.example', to: mine.report }, { subject: 'Report', text: '' }),
    ).resolves.toMatch(/^250 .*reported/);
    await expect(
      h.submit(SELLER, { from: SELLER.email, to: mine.noResponse }, { subject: 'No response needed', text: '' }),
    ).resolves.toMatch(/^250 .*no response needed/);
    expect({ reports: reports(), marks: marks() }).toEqual({ reports: before.reports + 1, marks: before.marks + 1 });
  });
});
