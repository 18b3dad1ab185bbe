/**
 * domains.list and domains.set through the contract: a new relay domain becomes current, the relay restarts under it,
 * and the seller's relay address under the old one still takes a buyer's mail.
 */
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../ops/demo.js';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();

describe('domains.list and domains.set', () => {
  it('a new domain becomes current, the old one is listed and still takes mail, and it survives a restart', async () => {
    const app = await apps.demo();
    const old = app.ctx.domain;
    expect((await app.call('domains.list', {})).map((d) => [d.name, d.current])).toEqual([[old, true]]);

    const status = await app.call('domains.set', { domain: 'Relay.Holz.Example' });
    expect(status.relay.domain).toBe('relay.holz.example');
    expect(status.seller?.relayAddress).toBe(`${DEMO_SELLER.id}@relay.holz.example`);
    expect(status.relayStatus.running).toBe(true);
    expect((await app.call('domains.list', {})).map((d) => [d.name, d.current])).toEqual([
      ['relay.holz.example', true],
      [old, false],
    ]);

    const [host, port] = app.service.relayInfo().smtp!.split(':');
    const transport = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail({
        from: 'new.buyer@buyers.example',
        to: `${DEMO_SELLER.id}@${old}`,
        subject: 'Still there?',
        text: 'I wrote to the address on my old receipt.',
      });
      expect(info.response).toMatch(/^250 .*@relay\.holz\.example>/);
    } finally {
      transport.close();
    }

    const reopened = await app.reopen();
    expect((await reopened.call('domains.list', {})).map((d) => d.name)).toEqual(['relay.holz.example', old]);
    await reopened.close();
  });

  it('refuses a name that is not a domain with words the app shows, and keeps the current one', async () => {
    const app = await apps.demo();
    const before = app.ctx.domain;
    await expect(app.call('domains.set', { domain: '-bad.example' })).rejects.toMatchObject({
      code: 'EBADINPUT',
      detail: { key: 'domain.invalid', params: { domain: '-bad.example' } },
    });
    expect(app.ctx.domain).toBe(before);
    expect(await app.call('domains.list', {})).toHaveLength(1);
    expect(app.service.relayInfo().smtp).not.toBeNull();
  });
});
