/**
 * The postmaster admin view through the contract: mail to postmaster@ the relay domain, sent over the app's own relay,
 * is listed newest first and read as plain text (an HTML part as text, never markup), with a buyer's real address shown
 * as the buyer's alias (R5).
 */
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../ops/demo.js';
import { appsPerTest } from './testing/test-app.js';

const apps = appsPerTest();

describe('postmaster.list and postmaster.read', () => {
  it('lists postmaster mail and shows one as plain text, a buyer’s address as the alias', async () => {
    const app = await apps.demo();
    expect(await app.call('postmaster.list', {})).toEqual([]);
    const [host, port] = app.service.relayInfo().smtp!.split(':');
    const transport = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        envelope: { from: 'abuse@isp.example', to: `postmaster@${app.ctx.domain}` },
        from: 'ISP Abuse Desk <abuse@isp.example>',
        to: `postmaster@${app.ctx.domain}`,
        subject: 'Complaint about anna.mueller@example.de',
        text: 'Mail for anna.mueller@example.de came back. Details attached.',
        html: '<p>Mail for <b>anna.mueller@example.de</b> came back.</p><script>alert(1)</script>',
      });
      // The address only escaped, as a quoted link or HTML source would carry it.
      await transport.sendMail({
        envelope: { from: 'abuse@isp.example', to: `postmaster@${app.ctx.domain}` },
        subject: 'Escaped',
        text: 'Links: mailto:anna.mueller%40example.de and <a href="mailto:anna.mueller&#64;example.de">',
      });
    } finally {
      transport.close();
    }
    const alias = app.ctx.addresses.aliasAddress(app.ctx.pairs.find(DEMO_SELLER.id, 'anna.mueller@example.de')!.alias);

    const [escaped, listed] = await app.call('postmaster.list', {});
    const escapedText = JSON.stringify(await app.call('postmaster.read', { id: escaped.id }));
    expect(escapedText).toContain(alias);
    expect(escapedText.toLowerCase()).not.toMatch(/anna\.mueller(@|%40|&#64;)example\.de/);
    expect(listed).toMatchObject({ envelopeFrom: 'abuse@isp.example', remoteAddress: '127.0.0.1' });
    expect(listed.size).toBeGreaterThan(100);
    const read = await app.call('postmaster.read', { id: listed.id });
    expect(read.text).toContain(`Mail for ${alias} came back.`);
    expect(read.subject).toBe(`Complaint about ${alias}`);
    expect(read.headers).toMatch(/^From: ISP Abuse Desk <abuse@isp\.example>$/m);
    expect(JSON.stringify(read)).not.toContain('anna.mueller@example.de');
    expect(read.text).not.toMatch(/<[a-z]/i);
    await expect(app.call('postmaster.read', { id: listed.id + 1000 })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
