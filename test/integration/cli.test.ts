import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { confirmShipment } from '../../src/main/core/ops/ship.js';
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

  it('checks a message without sending it, then sends it, and the record verifies', { timeout: 120_000 }, () => {
    const body = path.join(dir, 'body.txt');
    fs.writeFileSync(body, 'Could you leave us a review?\n');
    json('buyer', 'opt-out', '--email', 'ben@buyers.example');
    const alias = json('alias', '--seller', 'shop-one', '--buyer-email', 'ben@buyers.example').alias;
    // A block or a hold ends `check` with exit 3, as `send` would: a script can tell it from a mistake (1, 2).
    const checked = parley(
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
    expect(checked.code, checked.err).toBe(3);
    expect(checked.out).toMatch(/^verdict: block \(R10\)/);
    const decision = JSON.parse(
      parley('check', '--seller', 'shop-one', '--to', alias, '--subject', 'Your order', '--body-file', body, '--json')
        .out,
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
    const held = parley(
      'check',
      '--seller',
      'shop-one',
      '--to',
      alias,
      '--subject',
      'Additional information required',
      '--body-file',
      body,
      '--json',
    );
    expect(held.code).toBe(3);
    expect(JSON.parse(held.out).verdict).toBe('hold');
    const asked = send();
    expect(asked.code).toBe(3);
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
    const exported = parley('export', '--seller', 'shop-one', '--alias', alias, '--out', out);
    expect(exported.code, exported.err).toBe(0);
    // Words for a person; JSON only with --json.
    expect(exported.out.trim().split('\n')).toEqual([
      `exported 1 messages and 0 attachments of ${alias} to ${out}`,
      expect.stringMatching(
        /^head hash [0-9a-f]{64} \(keep it to recognize this export\); check it with: parley verify --export /,
      ),
    ]);
    const asJson = JSON.parse(
      parley('export', '--seller', 'shop-one', '--alias', alias, '--out', `${out}-json`, '--json').out,
    );
    expect(asJson).toMatchObject({ kind: 'seller-copy', messages: 1, alias });
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

  it(
    'sends one shipping confirmation per order and tracking number, also to two at once; a new number corrects',
    { timeout: 120_000 },
    async () => {
      const confirmations = () =>
        (json('messages', '--seller', 'shop-one').messages as { subject: string }[]).filter((m) =>
          m.subject.includes('302-1 has shipped'),
        ).length;
      expect(confirmations()).toBe(1);
      const again = parley('ship', '--order', '302-1', '--carrier', 'DHL', '--tracking', '0034043416');
      expect(again.code, again.err).toBe(0);
      const today = new Date().toISOString().slice(0, 10);
      expect(again.out).toBe(
        `order 302-1: already confirmed on ${today} with tracking number 0034043416; nothing sent ` +
          '(another tracking number sends a correction)\n',
      );
      expect(confirmations()).toBe(1);

      const corrected = parley('ship', '--order', '302-1', '--carrier', 'DHL', '--tracking', '0034043417');
      expect(corrected.out).toMatch(/order 302-1 shipped; shipping confirmation queued as/);
      expect(confirmations()).toBe(2);

      // Two processes at once with a third number: one sends, the other finds it done.
      const shipAsync = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [PARLEY_BIN, 'ship', '--order', '302-1', '--carrier', 'UPS', '--tracking', '1Z999', '--data', data],
            { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
          );
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))));
        });
      const both = await Promise.all([shipAsync(), shipAsync()]);
      expect(both.filter((o) => o.includes('shipping confirmation queued as'))).toHaveLength(1);
      expect(both.filter((o) => o.includes('already confirmed on'))).toHaveLength(1);
      expect(confirmations()).toBe(3);

      // The app's Confirm shipment goes through the same step: twice at once in one process, one message.
      const ctx = new CoreContext({ dataDir: data, dns: 'offline' });
      try {
        const tries = await Promise.allSettled([
          confirmShipment(ctx, { orderId: '302-1', sellerId: 'shop-one', carrier: 'DPD', tracking: '777' }),
          confirmShipment(ctx, { orderId: '302-1', sellerId: 'shop-one', carrier: 'DPD', tracking: '777' }),
        ]);
        expect(tries.map((t) => t.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = tries.find((t) => t.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ code: 'EEXISTS', detail: { key: 'ship.alreadyConfirmed' } });
      } finally {
        ctx.close();
      }
      expect(confirmations()).toBe(4);
    },
  );

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
});

describe(
  'parley as a new user meets it: help, version, a missing store, the demo and the README flow',
  { timeout: 120_000 },
  () => {
    let dir: string;
    const run = (args: string[], env?: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, [PARLEY_BIN, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: env ? { ...process.env, ...env } : undefined,
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-first-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('every command prints its own usage on --help or -h and does nothing else; parley help COMMAND too', () => {
      const data = path.join(dir, 'help-data');
      for (const command of ['serve', 'demo', 'seller', 'send', 'check', 'messages', 'export', 'ship', 'backup']) {
        const r = run([command, '--help', '--data', data]);
        expect(r.code, `${command}: ${r.err}`).toBe(0);
        expect(r.out).toMatch(new RegExp(`^usage:\\n {2}parley ${command} `));
        expect(r.err).toBe('');
      }
      expect(run(['demo', '-h', '--data', data]).out).toMatch(/^usage:\n {2}parley demo /);
      expect(run(['seller', 'add', '--id', 'x', '-h', '--data', data]).out).toMatch(/^usage:\n {2}parley seller add /);
      expect(fs.existsSync(data)).toBe(false); // no relay ran, no demo was written, no folder was made

      const serve = run(['help', 'serve']);
      expect(serve.code).toBe(0);
      expect(serve.out).toMatch(/^usage:\n {2}parley serve /);
      expect(serve.out).not.toContain('parley seller add');
      expect(run(['help']).out).toContain('parley seller add');
      const bare = run([]); // no command: the list on stderr, a usage error
      expect([bare.code, bare.out]).toEqual([2, '']);
      expect(bare.err).toContain('parley seller add');
      expect(run(['help']).out).toContain('3 the policy blocked or held');
      const unknown = run(['help', 'frobnicate']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toBe('parley: unknown command "frobnicate" (parley help lists them)\n');
    });

    it('prints its version with --version and parley version', () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(PARLEY_BIN, '../../package.json'), 'utf8'));
      expect(run(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
      expect(run(['version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
    });

    it('a command that reads says there is no store where there is none, makes none, and names an unknown seller', () => {
      const missing = path.join(dir, 'nothing-here');
      const r = run(['messages', '--seller', 'holzwerkstatt', '--data', missing]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `parley: there is no Parley store in ${missing}: nothing is set up there yet ` +
          '(parley seller add or parley demo set one up)\n',
      );
      expect(fs.existsSync(missing)).toBe(false);
      const empty = fs.mkdtempSync(path.join(dir, 'empty-'));
      for (const args of [['messages', '--seller', 'x'], ['seller', 'list'], ['verify'], ['postmaster', 'list']]) {
        expect(run([...args, '--data', empty]).code, args.join(' ')).toBe(1);
      }
      expect(fs.readdirSync(empty)).toEqual([]);
      // The default folder unnamed: the way to name another one.
      const home = run(['seller', 'list'], { PARLEY_DATA: missing });
      expect(home.err).toMatch(/set one up; another folder: --data DIR\)\n$/);

      const shop = path.join(dir, 'shop');
      expect(
        run(['seller', 'add', '--id', 'my-shop', '--name', 'My Shop', '--email', 'a@my-shop.example', '--data', shop])
          .code,
      ).toBe(0);
      const unknown = run(['messages', '--seller', 'myshop', '--data', shop]);
      expect(unknown).toEqual({ code: 1, out: '', err: 'parley: no seller "myshop"\n' });
      expect(run(['messages', '--seller', 'my-shop', '--data', shop]).out).toBe('no messages for my-shop\n');
    });

    it('seller password gives a mail client a new login once; the old password stops working', async () => {
      const shop = path.join(dir, 'password-shop');
      const add = run(['seller', 'add', '--id', 'pw-shop', '--name', 'P', '--email', 'a@pw.example', '--data', shop]);
      const first = /password (\S+)$/m.exec(add.out)![1];
      const reset = run(['seller', 'password', '--id', 'pw-shop', '--data', shop]);
      expect(reset.code).toBe(0);
      const second = /user pw-shop, new password (\S+)\n$/.exec(reset.out)![1];
      const file = path.join(dir, 'chosen-password');
      fs.writeFileSync(file, 'chosen secret 1\n');
      const chosen = run(['seller', 'password', '--id', 'pw-shop', '--password-file', file, '--data', shop]);
      expect(chosen).toMatchObject({
        code: 0,
        out: 'submission password of pw-shop changed; the old one no longer works\n',
      });
      const ctx = new CoreContext({ dataDir: shop });
      try {
        expect(await ctx.sellers.checkPassword('pw-shop', 'chosen secret 1')).toBe(true);
        for (const old of [first, second]) expect(await ctx.sellers.checkPassword('pw-shop', old)).toBe(false);
      } finally {
        ctx.close();
      }
      expect(run(['seller', 'password', '--id', 'nobody', '--data', shop])).toMatchObject({
        code: 1,
        err: 'parley: no seller "nobody"\n',
      });
    });

    it('demo refuses a folder with a real shop in one line, and adds nothing to it', () => {
      const shop = path.join(dir, 'shop');
      const r = run(['demo', '--data', shop]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `parley: ${shop} holds the shop "My Shop" (my-shop): the demo would mix its buyers and messages into it. ` +
          'Give the demo a new or empty folder: parley demo --data DIR\n',
      );
      const sellers = JSON.parse(run(['seller', 'list', '--json', '--data', shop]).out).sellers;
      expect(sellers.map((s: { id: string }) => s.id)).toEqual(['my-shop']);
    });

    it("runs the README's headless quick start as written: demo, serve, messages with the alias's domain, swaks", async () => {
      const data = path.join(dir, 'demo folder');
      const demo = run(['demo', '--data', data]);
      expect(demo.code, demo.err).toBe(0);
      // The next commands name the folder the demo went into (quoted for the shell).
      expect(demo.out).toContain(
        `next: npx parley serve --data '${data}'   (then: npx parley messages --seller holzwerkstatt --data '${data}')`,
      );
      const served = await spawnServe(['--data', data, '--dns', 'offline']);
      try {
        // "a buyer writes to the shop's relay address"
        const inbound = nodemailer.createTransport({ host: '127.0.0.1', port: served.smtpPort, ignoreTLS: true });
        await inbound.sendMail({
          envelope: { from: 'buyer@example.org', to: 'holzwerkstatt@relay.parley.localhost' },
          from: 'buyer@example.org',
          to: 'holzwerkstatt@relay.parley.localhost',
          subject: 'Frage zur Lieferung',
          text: 'Wann kommt mein Paket?',
        });
        inbound.close();
        const listed = run(['messages', '--seller', 'holzwerkstatt', '--data', data]);
        expect(listed.code, listed.err).toBe(0);
        const [newest] = listed.out.split('\n');
        const columns = newest.split('\t');
        expect(columns[4]).toMatch(/^[a-z0-9]+@relay\.parley\.localhost$/);
        expect(columns[5]).toBe('Frage zur Lieferung');
        // "the seller answers the buyer's alias from a mail client": --to <alias from parley messages>
        const submission = nodemailer.createTransport({
          host: '127.0.0.1',
          port: served.submissionPort,
          ignoreTLS: true,
          auth: { user: 'holzwerkstatt', pass: 'demo-password' },
        });
        const info = await submission.sendMail({
          envelope: { from: 'service@holzwerkstatt-berger.example', to: columns[4] },
          from: 'service@holzwerkstatt-berger.example',
          to: columns[4],
          subject: 'Re: Frage zur Lieferung',
          text: 'Morgen!',
        });
        submission.close();
        expect(info.response).toMatch(/^250 /);
        const after = run(['messages', '--seller', 'holzwerkstatt', '--data', data]).out.split('\n')[0].split('\t');
        expect([after[2], after[4], after[5]]).toEqual(['seller-to-buyer', columns[4], 'Re: Frage zur Lieferung']);
      } finally {
        await stopProcess(served.child);
      }
    });
  },
);
