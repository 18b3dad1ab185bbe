import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { FILTERS } from '../../../shared/contract.js';
import { sqlColumn } from '../store/inspect.js';
import { occurrencesInText } from '../mail/testing/address-leaks.js';
import { scrubber, snippetScrubber } from './privacy.js';
import { buyerWrites, eventually, removeTestDirs, startDemoApp, type TestApp } from './testing/test-app.js';

const open: TestApp[] = [];
const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
  removeTestDirs();
});

/** A smarthost that refuses every recipient permanently, quoting the address as real ones do. */
async function refusingSmarthost(): Promise<string> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo: (address, _session, callback) =>
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }),
      ),
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}?starttls=never`;
}

/** Every read the UI can make, over the whole store, as one JSON text. */
async function everything(app: TestApp, queries: string[]): Promise<string> {
  const out: unknown[] = [
    await app.call('app.status', {}),
    await app.call('inbox.counts', {}),
    await app.call('drafts.list', {}),
    await app.call('outbox.list', {}),
    await app.call('intake.list', {}),
    await app.call('intake.status', {}),
    await app.call('intake.held', {}),
  ];
  for (const mail of await app.call('postmaster.list', {}))
    out.push(mail, await app.call('postmaster.read', { id: mail.id }));
  for (const filter of FILTERS) out.push(await app.call('inbox.list', { filter, limit: 500 }));
  for (const query of queries) out.push(await app.call('inbox.search', { query }));
  for (const { id } of (await app.call('inbox.list', { filter: 'all', limit: 500 })).rows) {
    const detail = await app.call('conversation.get', { id });
    out.push(detail);
    for (const m of detail.messages) {
      out.push(await app.call('message.body', { id: m.id }));
      for (const a of m.attachments)
        out.push({ ...(await app.call('attachment.get', { messageId: m.id, attachmentId: a.id })), dataBase64: '' });
    }
  }
  out.push(app.events);
  return JSON.stringify(out);
}

describe("the buyer's real address never reaches the UI (R5)", () => {
  it('is in no output of a demo store, not even where mail, errors and notices quote it', async () => {
    const app = await startDemoApp({ relayOverrides: { smarthost: await refusingSmarthost() } });
    open.push(app);
    await buyerWrites(app, {
      from: { name: 'Anna Müller', address: 'anna.mueller@example.de' },
      subject: 'Kontakt: anna.mueller@example.de',
      text: 'Schreiben Sie mir direkt an ANNA.MUELLER@example.de oder an anna.mueller@example.de.',
      html: '<p>Mail: <a href="mailto:anna.mueller@example.de">Anna.Mueller@Example.de</a></p>',
    });
    // A report to postmaster@ that quotes the buyer (the admin view shows it as the alias too).
    await buyerWrites(app, {
      envelope: { from: 'abuse@isp.example', to: `postmaster@${app.ctx.domain}` },
      from: 'abuse@isp.example',
      to: `postmaster@${app.ctx.domain}`,
      subject: 'About Anna.Mueller@example.de',
      text: 'Complaint from ANNA.MUELLER@example.de <anna.mueller@example.de>.',
      html: '<p>From <a href="mailto:anna.mueller@example.de">Anna.Mueller@Example.de</a></p>',
    });
    const james = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === 'James Smith')!;
    const sent = await app.call('composer.send', {
      conversationId: james.id,
      subject: 'Re: Delivery',
      body: 'Thursday works.',
    });
    // The smarthost refuses James's address: the outbox gives up and Parley tells the seller (a notice quoting the
    // error).
    await app.waitForEvent('delivery.changed', (e) => e.messageId === sent.messageId && e.state === 'failed');
    await app.waitForEvent('message.new', (e) => e.direction === 'relay-to-seller' && e.conversationId === james.id);
    await app.waitForEvent('counts.changed');

    const buyers = sqlColumn<string>(app.ctx.store, 'SELECT email FROM buyers');
    expect(buyers).toEqual(expect.arrayContaining(['anna.mueller@example.de', 'james.smith@example.com']));
    const text = await everything(app, [
      'anna',
      'anna.mueller@example.de',
      'james.smith',
      'example',
      'Müller',
      'Delivery',
    ]);
    for (const address of buyers) expect(text.toLowerCase()).not.toContain(address);

    // Where an address was, the alias is.
    const anna = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.buyerName === 'Anna Müller')!;
    const last = (await app.call('conversation.get', { id: anna.id })).messages.at(-1)!;
    expect(last.subject).toBe(`Kontakt: ${anna.aliasAddress}`);
    expect((await app.call('message.body', { id: last.id })).html).toBe(
      `<p>Mail: <a href="mailto:${anna.aliasAddress}">${anna.aliasAddress}</a></p>`,
    );
    const failed = (await app.call('outbox.list', {})).find((o) => o.messageId === sent.messageId)!;
    expect(failed).toMatchObject({ state: 'failed', to: james.aliasAddress });
    expect(failed.lastError).toContain(james.aliasAddress);
    // A failed reply is no answer: James still needs one (R20), and the conversation shows as undeliverable.
    const after = (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.id === james.id)!;
    expect(after).toMatchObject({ needsResponse: true });
    expect(after.badges).toContain('undeliverable');
  });

  it('hides it in every form a message can spell it: entities, percent escapes, file names, text files (R5)', async () => {
    const app = await startDemoApp();
    open.push(app);
    const real = 'anna.mueller@example.de';
    const entities = [...real].map((c) => `&#${c.charCodeAt(0)};`).join('');
    await buyerWrites(app, {
      from: { name: 'Anna', address: real },
      subject: 'Photos',
      text: `Mail ${real.toUpperCase()}`,
      html: `<p>${real.replace('@', '&#64;')} ${real.replace('@', '&commat;')} ${entities}</p><a href="mailto:${real.replace('@', '%40')}">x</a>`,
      attachments: [
        { filename: `${real}.txt`, content: `contact: ${real}\n`, contentType: 'text/plain' },
        {
          filename: 'scan.bin',
          content: Buffer.from(`\x00\x01${real}\x02`, 'latin1'),
          contentType: 'application/octet-stream',
        },
      ],
    });
    const row = await eventually(async () =>
      (await app.call('inbox.list', { filter: 'all' })).rows.find((r) => r.subject === 'Photos'),
    );
    const detail = await app.call('conversation.get', { id: row.id });
    const message = detail.messages.at(-1)!;
    expect(message.attachments.map((a) => [a.filename, a.addressInside])).toEqual([
      [`${row.aliasAddress}.txt`, false],
      ['scan.bin', true],
    ]);
    const file = await app.call('attachment.get', { messageId: message.id, attachmentId: message.attachments[0].id });
    expect(Buffer.from(file.dataBase64, 'base64').toString()).toBe(`contact: ${row.aliasAddress}\n`);
    // Search snippets mark the words they match («mueller»), which must not split the address out of the scrubber's
    // sight; read without the marks, no part of the address from its at sign on shows either.
    const text = await everything(app, ['anna', real, 'mueller', 'example', 'photos']);
    expect(occurrencesInText(text.replace(/[«»]/g, ''), real)).toBe(0);
    expect(text.replace(/[«»]/g, '').toLowerCase()).not.toContain('mueller@example.de');
  });

  it.each([
    ['split by the marks', 'an anna.«mueller»@example.de heute', 'an «x1@relay.test» heute'],
    ['cut at the start', '…mueller@example.de wegen der «Lieferung»', '…x1@relay.test wegen der «Lieferung»'],
    ['cut at the end', 'die «Lieferung» an anna.mueller…', 'die «Lieferung» an x1@relay.test…'],
    ['other words alone', '…der «Lieferung» an…', '…der «Lieferung» an…'],
  ])('scrubs a search snippet: %s (R5)', (_name, snippet, expected) => {
    expect(snippetScrubber(['anna.mueller@example.de'], 'x1@relay.test')(snippet)).toBe(expected);
  });

  it('scrubs any letter case and leaves other text alone', () => {
    const scrub = scrubber(['anna@example.de', null], 'x1@relay.test');
    expect(scrub('Anna@Example.DE, anna@example.de; annab@example.de')).toBe(
      'x1@relay.test, x1@relay.test; annab@example.de',
    );
    expect(scrub('no address here')).toBe('no address here');
  });
});
