import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { PARLEY_BIN, spawnServe, stopProcess } from '../support/serve-process.js';

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
