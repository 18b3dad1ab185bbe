import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import nodemailer from 'nodemailer';
import { PARLEY_BIN, spawnServe, stopProcess } from '../support/serve-process.js';

describe('the parley command', () => {
  let dir: string;
  let data: string;
  const parley = (...args: string[]) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const json = (...args: string[]) => {
    const r = parley(...args, '--json');
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out);
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-'));
    data = path.join(dir, 'data');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds a seller and prints its relay address and submission login', () => {
    const r = json(
      'seller',
      'add',
      '--id',
      'shop-one',
      '--name',
      'Shop One',
      '--email',
      'cs@shop-one.example',
      '--lang',
      'en',
    );
    expect(r.relayAddress).toBe('shop-one@relay.parley.localhost');
    expect(r.domain).toBe('relay.parley.localhost');
    expect(r.submission.username).toBe('shop-one');
    expect(r.submission.password.length).toBeGreaterThanOrEqual(12);
  });

  it('says what is wrong in one line and exits non-zero', () => {
    const dup = parley('seller', 'add', '--id', 'shop-one', '--name', 'X', '--email', 'other@x.example');
    expect(dup.code).toBe(1);
    expect(dup.err.trim().split('\n')).toEqual(['parley: seller "shop-one" exists already']);
    const usage = parley('seller', 'add', '--id', 'abcdefghijklmno', '--name', 'X', '--email', 'x@x.example');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^parley: the seller id "abcdefghijklmno" .*a buyer alias \(R1\)/);
    expect(
      parley(
        'order',
        'add',
        '--seller',
        'shop-one',
        '--order',
        '1',
        '--buyer-email',
        'not-an-address',
        '--buyer-name',
        'A',
      ).err,
    ).toMatch(/not an e-mail address/);
    expect(parley('frobnicate').code).toBe(2);
  });

  it('adds orders, imports a report with bad rows by line number, and finds the alias', () => {
    const order = json(
      'order',
      'add',
      '--seller',
      'shop-one',
      '--order',
      '302-1',
      '--buyer-email',
      'anna@buyers.example',
      '--buyer-name',
      'Anna',
      '--category',
      'handmade',
    );
    const report = path.join(dir, 'orders.txt');
    fs.writeFileSync(
      report,
      'buyer-email\torder-id\tpurchase-date\tbuyer-name\tship-service-level\n' +
        'ben@buyers.example\t302-2\t2026-11-20T10:00:00+00:00\tBen\tStandard\n' +
        'cleo@buyers.example\t302-3\tyesterday\tCleo\tStandard\n',
    );
    const imported = parley('orders', 'import', '--seller', 'shop-one', report);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain('1 imported, 0 unchanged, 1 failed of 2 rows');
    expect(imported.out).toMatch(/line 3: .*yesterday/);
    expect(json('alias', '--seller', 'shop-one', '--buyer-email', 'anna@buyers.example').alias).toBe(order.alias);
  });

  it('checks a message without sending it, then sends it, and the record verifies', () => {
    const body = path.join(dir, 'body.txt');
    fs.writeFileSync(body, 'Could you leave us a review?\n');
    json('buyer', 'opt-out', '--email', 'ben@buyers.example');
    const alias = json('alias', '--seller', 'shop-one', '--buyer-email', 'ben@buyers.example').alias;
    const decision = json(
      'check',
      '--seller',
      'shop-one',
      '--to',
      alias,
      '--subject',
      'Your order',
      '--body-file',
      body,
    );
    expect(decision.verdict).toBe('block');
    expect(decision.rules).toEqual(['R10']);
    expect(json('messages', '--seller', 'shop-one').messages).toHaveLength(0);
    // R11 asks first: a review request under the R10c subject is neither sent nor recorded without --confirm.
    const send = (...more: string[]) =>
      parley(
        'send',
        '--seller',
        'shop-one',
        '--to',
        alias,
        '--subject',
        'Additional information required',
        '--body-file',
        body,
        ...more,
      );
    expect(
      json(
        'check',
        '--seller',
        'shop-one',
        '--to',
        alias,
        '--subject',
        'Additional information required',
        '--body-file',
        body,
      ).verdict,
    ).toBe('hold');
    const asked = send();
    expect(asked.code).toBe(1);
    expect(asked.err).toMatch(/^parley: R11: .*--confirm/);
    expect(json('messages', '--seller', 'shop-one').messages).toHaveLength(0);
    const sent = send('--confirm');
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toMatch(/verdict: deliver \(R10c\)/);
    expect(sent.out).toMatch(/warning R11/);
    const list = json('messages', '--seller', 'shop-one').messages;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ direction: 'seller-to-buyer', state: 'queued', rules: ['R10c'] });
    const out = path.join(dir, 'record');
    expect(parley('export', '--seller', 'shop-one', '--alias', alias, '--out', out).code).toBe(0);
    expect(parley('verify', '--export', out).out).toMatch(/^ok: /);
    expect(parley('verify').out).toMatch(/^ok: 1 messages/);
    fs.appendFileSync(path.join(out, 'transcript.txt'), ' ');
    const bad = parley('verify', '--export', out);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/NOT OK: transcript\.txt/);
  });

  it('sets the R11 check to "warn only" and releases only held messages (R11)', () => {
    const set = parley('seller', 'set', '--id', 'shop-one', '--urgent-check', 'warn-only');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toMatch(/urgent check warn-only/);
    expect(parley('seller', 'set', '--id', 'shop-one', '--urgent-check', 'sometimes').err).toMatch(
      /^parley: --urgent-check must be confirm or warn-only/,
    );
    expect(json('seller', 'set', '--id', 'shop-one', '--urgent-check', 'confirm').seller.urgentCheck).toBe('confirm');
    const [sent] = json('messages', '--seller', 'shop-one').messages;
    const notHeld = parley('message', 'release', '--id', String(sent.id));
    expect(notHeld.code).toBe(1);
    expect(notHeld.err).toMatch(/^parley: message \d+ is not a held message to a buyer/);
    expect(parley('message', 'release', '--id', '9999').err).toMatch(/^parley: no message 9999/);
    expect(parley('message', 'send').code).toBe(2);
  });

  it('confirms a shipment with the automatic message outside the limit (R17)', () => {
    const r = parley('ship', '--order', '302-1', '--carrier', 'DHL', '--tracking', '0034043416');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/order 302-1 shipped; shipping confirmation queued as/);
  });

  it('refuses a reserved seller id, as first-run setup does, and takes a normal one', () => {
    const reserved = parley('seller', 'add', '--id', 'postmaster', '--name', 'X', '--email', 'pm@x.example');
    expect(reserved.code).toBe(2);
    expect(reserved.err).toMatch(/^parley: the seller id "postmaster" is reserved for the relay domain itself/);
    expect(json('seller', 'list').sellers.map((s: { id: string }) => s.id)).toEqual(['shop-one']);
    const added = json('seller', 'add', '--id', 'shop-two', '--name', 'Shop Two', '--email', 'cs@shop-two.example');
    expect(added.relayAddress).toBe('shop-two@relay.parley.localhost');
  });

  it("refuses to authorize another seller's address (R9), as the app does, and authorizes an own one (R7)", () => {
    const other = parley('seller', 'authorize', '--id', 'shop-two', '--email', 'CS@shop-one.example');
    expect(other.code).toBe(1);
    expect(other.err.trim().split('\n')).toEqual([
      "parley: cs@shop-one.example belongs to another shop: sellers do not write to each other's buyers (R9)",
    ]);
    const own = json('seller', 'authorize', '--id', 'shop-two', '--email', 'lager@shop-two.example');
    expect(own.authorized).toEqual(['lager@shop-two.example']);
    // An address authorized for one seller is that seller's: another cannot authorize it too (R9).
    expect(parley('seller', 'authorize', '--id', 'shop-one', '--email', 'lager@shop-two.example').code).toBe(1);
    const shops = json('seller', 'list').sellers as { id: string; authorized: string[] }[];
    expect(shops.map((s) => [s.id, s.authorized])).toEqual([
      ['shop-one', []],
      ['shop-two', ['lager@shop-two.example']],
    ]);
  });

  it("refuses to change a seller's address to another seller's (R9), as the app's settings do", () => {
    const taken = parley('seller', 'set', '--id', 'shop-two', '--email', 'cs@shop-one.example');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('cs@shop-one.example is already the address of the shop "shop-one"');
    const seller = json('seller', 'list').sellers as { id: string; email: string }[];
    expect(seller.find((s) => s.id === 'shop-two')?.email).toBe('cs@shop-two.example');
  });

  it('lists postmaster mail and shows one as text (parley postmaster list|show ID)', () => {
    expect(parley('postmaster', 'list').out).toBe('no mail to the postmaster\n');
    const ctx = new CoreContext({ dataDir: data, dns: 'offline' });
    try {
      const raw = Buffer.from('From: abuse@isp.example\r\nSubject: Abuse report\r\n\r\nYour relay sent spam.\r\n');
      ctx.postmaster.add({
        envelopeFrom: 'abuse@isp.example',
        remoteAddress: '192.0.2.7',
        subject: 'Abuse report',
        raw,
      });
    } finally {
      ctx.close();
    }
    const [mail] = json('postmaster', 'list').mail;
    expect(mail).toMatchObject({ envelopeFrom: 'abuse@isp.example', subject: 'Abuse report' });
    const shown = parley('postmaster', 'show', String(mail.id));
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain('Subject: Abuse report');
    expect(shown.out).toContain('Your relay sent spam.');
    expect(parley('postmaster', 'show', 'x').code).toBe(2);
    expect(parley('postmaster', 'show', String(mail.id + 100)).err).toMatch(/^parley: no postmaster message/);
  });

  describe('refuses a file it cannot read in one line, fast, without a stack trace (exit 2)', () => {
    const MB = 1024 * 1024;
    const sparse = (name: string, bytes: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, '');
      fs.truncateSync(file, bytes);
      return file;
    };
    const send = (command: string, file: { body?: string; attach?: string }) => [
      command,
      '--seller',
      'shop-one',
      '--to',
      'nobody@relay.parley.localhost',
      '--subject',
      'Your order',
      '--body-file',
      file.body ?? path.join(dir, 'body.txt'),
      ...(file.attach ? ['--attach', file.attach] : []),
    ];
    const importing = (file: string) => ['orders', 'import', '--seller', 'shop-one', file];
    const missing = () => path.join(dir, 'no-such.txt');
    const directory = () => dir;
    const device = () => '/dev/zero';
    const cases: [string, () => string[], RegExp][] = [
      ['orders import, a missing report', () => importing(missing()), /no-such\.txt: no such file$/],
      ['orders import, a directory', () => importing(directory()), /: is a directory$/],
      ['orders import, /dev/zero', () => importing(device()), /\/dev\/zero: is not a regular file$/],
      [
        'orders import, a report over 200 MB',
        () => importing(sparse('huge.tsv', 201 * MB)),
        /huge\.tsv: is 201 MB.*200 MB/,
      ],
      [
        'send --attach, a missing file',
        () => send('send', { attach: missing() }),
        /^parley: --attach .*no-such\.txt: no such file$/,
      ],
      [
        'send --attach, a directory',
        () => send('send', { attach: directory() }),
        /^parley: --attach .*: is a directory$/,
      ],
      [
        'send --attach, /dev/zero',
        () => send('send', { attach: device() }),
        /^parley: --attach \/dev\/zero: is not a regular file$/,
      ],
      [
        'send --attach, over the relay message limit',
        () => send('send', { attach: sparse('big.pdf', 26 * MB) }),
        /^parley: --attach .*big\.pdf: is 26 MB.*25 MB/,
      ],
      [
        'send --body-file, a missing file',
        () => send('send', { body: missing() }),
        /^parley: --body-file .*no-such\.txt: no such file$/,
      ],
      [
        'send --body-file, a directory',
        () => send('send', { body: directory() }),
        /^parley: --body-file .*: is a directory$/,
      ],
      [
        'send --body-file, /dev/zero',
        () => send('send', { body: device() }),
        /^parley: --body-file \/dev\/zero: is not a regular file$/,
      ],
      [
        'send --body-file, over 1 MB',
        () => send('send', { body: sparse('long.txt', 2 * MB) }),
        /^parley: --body-file .*long\.txt: is 2 MB.*1 MB/,
      ],
      [
        'check --body-file, /dev/zero',
        () => send('check', { body: device() }),
        /^parley: --body-file \/dev\/zero: is not a regular file$/,
      ],
      [
        'check --attach, a missing file',
        () => send('check', { attach: missing() }),
        /^parley: --attach .*no-such\.txt: no such file$/,
      ],
      [
        'verify --export, a missing path',
        () => ['verify', '--export', missing()],
        /^parley: --export .*no-such\.txt: no such file$/,
      ],
      [
        'serve --dkim-key, a missing key file',
        () => ['serve', '--dns', 'offline', '--dkim-selector', 's1', '--dkim-key', missing()],
        /^parley: --dkim-key .*no-such\.txt: no such file$/,
      ],
      [
        'serve --dkim-key, /dev/zero',
        () => ['serve', '--dns', 'offline', '--dkim-selector', 's1', '--dkim-key', device()],
        /^parley: --dkim-key \/dev\/zero: is not a regular file$/,
      ],
      [
        'verify --export, /dev/zero',
        () => ['verify', '--export', device()],
        /^parley: --export \/dev\/zero: is not a regular file$/,
      ],
      [
        'verify --export, a zip over 1 GB (read whole into memory)',
        () => ['verify', '--export', sparse('huge.zip', 1025 * MB)],
        /^parley: --export .*huge\.zip: is 1025 MB, more than the 1024 MB allowed$/,
      ],
    ];
    it.each(cases)('%s', (_, args, message) => {
      const started = Date.now();
      const r = spawnSync(process.execPath, [PARLEY_BIN, ...args(), '--data', data], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.error, 'finished within the timeout').toBeUndefined();
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^parley: /);
      expect(lines[0]).toMatch(message);
      expect(r.status, r.stderr).toBe(2);
    });

    it.each([
      ['a regular file', () => path.join(dir, 'body.txt'), /^parley: --data .*body\.txt: is not a directory$/],
      [
        'a place it cannot create',
        () => path.join(dir, 'body.txt', 'data'),
        /^parley: --data .*: cannot create the directory/,
      ],
    ])('--data naming %s', (_, where, message) => {
      const r = spawnSync(process.execPath, [PARLEY_BIN, 'seller', 'list', '--data', where()], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
      expect(r.status).toBe(2);
    });
  });
});

describe('parley domain and serve --domain: a relay domain that changes', () => {
  let dir: string;
  let data: string;
  const parley = (...args: string[]) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-domain-'));
    data = path.join(dir, 'data');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('seller add prints the domain it used; domain set warns what changes and keeps the old one listed', () => {
    const added = parley('seller', 'add', '--id', 'shop-one', '--name', 'Shop One', '--email', 'cs@shop-one.example');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('relay domain: relay.parley.localhost');
    expect(added.out).toContain('relay address (buyers write here): shop-one@relay.parley.localhost');

    const set = parley('domain', 'set', 'Relay.Shop-One.Example');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('the relay domain is now relay.shop-one.example (was relay.parley.localhost)');
    expect(set.out).toMatch(/new relay addresses, buyer aliases and reply addresses use relay\.shop-one\.example/);
    expect(set.out).toMatch(/mail to addresses already handed out under relay\.parley\.localhost still arrives/);
    expect(set.out).toMatch(/mail host \(MX records\) must receive mail for relay\.shop-one\.example/);

    const list = parley('domain', 'list');
    expect(list.code, list.err).toBe(0);
    const day = new Date().toISOString().slice(0, 10);
    expect(list.out.split('\n').slice(0, 2)).toEqual([
      `* relay.shop-one.example  (served since ${day})`,
      expect.stringMatching(/^ {2}relay\.parley\.localhost {2}\(served since \d{4}-\d{2}-\d{2}\)$/),
    ]);
    const listed = JSON.parse(parley('domain', 'list', '--json').out);
    expect(listed.domains.map((d: { name: string; current: boolean }) => [d.name, d.current])).toEqual([
      ['relay.shop-one.example', true],
      ['relay.parley.localhost', false],
    ]);

    const again = parley('seller', 'add', '--id', 'shop-two', '--name', 'Shop Two', '--email', 'cs@shop-two.example');
    expect(again.out).toContain('relay address (buyers write here): shop-two@relay.shop-one.example');
  });

  it('domain set refuses a name that is not a domain in one line (exit 2), and a missing one', () => {
    const bad = parley('domain', 'set', 'not a domain');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toEqual([expect.stringMatching(/^parley: "not a domain" is not a domain name/)]);
    expect(parley('domain', 'set').code).toBe(2);
    expect(parley('domain', 'frobnicate').code).toBe(2);
    expect(JSON.parse(parley('domain', 'list', '--json').out).domains[0].name).toBe('relay.shop-one.example');
  });

  it('serve --domain makes a new domain current, says so on stderr, and the old addresses still take mail', async () => {
    const served = await spawnServe(['--data', data, '--domain', 'mail.shop-one.example', '--dns', 'offline']);
    try {
      expect(served.output()).toMatch(
        /parley: the relay domain is now mail\.shop-one\.example \(was relay\.shop-one\.example\); addresses under relay\.shop-one\.example, relay\.parley\.localhost stay valid/,
      );
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: served.smtpPort, ignoreTLS: true });
      try {
        for (const to of ['shop-one@relay.parley.localhost', 'shop-one@relay.shop-one.example']) {
          const info = await transport.sendMail({
            envelope: { from: 'buyer@buyers.example', to },
            from: 'buyer@buyers.example',
            to,
            subject: 'Hello',
            text: 'Is the mug blue?',
          });
          expect(info.response).toMatch(/^250 .*@mail\.shop-one\.example>/);
        }
        await expect(
          transport.sendMail({ envelope: { from: 'buyer@buyers.example', to: 'shop-one@never.example' }, text: 'x' }),
        ).rejects.toThrow(/550/);
      } finally {
        transport.close();
      }
    } finally {
      await stopProcess(served.child);
    }
  });
});
