/**
 * The app's log after a day of demo traffic: the demo (ops/demo.ts through `setup.demo`), buyer mail, the seller's
 * replies over submission, a smarthost that refuses its login (echoing the password) and later a recipient (quoting
 * the buyer's address), a wrong submission password and an IMAP mailbox that stops taking its password, with the
 * store's clock moved on through the day. Every log file is read: the expected lines are there, and no buyer address
 * and no password in any spelling.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SELLER } from '../../src/main/core/ops/demo.js';
import { buyerWrites, startTestApp, type TestApp } from '../../src/main/core/app/testing/test-app.js';

const SMARTHOST_PASSWORD = 'Smart-h0st-Secret!';
const INTAKE_PASSWORD = 'imap-Secret-91f3';
const WRONG_PASSWORD = 'not-the-Passw0rd-4u';
const DEMO_BUYERS = ['anna.mueller@example.de', 'james.smith@example.com', 'lukas.weber@example.de'];

const HOUR = 3_600_000;
let time = Date.parse('2026-03-02T07:00:00.000Z');
const clock = { now: () => new Date(time) };

/** The smarthost: refuses every login, quoting the password back, until `acceptLogins`; then refuses recipients. */
let acceptLogins = false;
const smarthost = new SMTPServer({
  authMethods: ['PLAIN', 'LOGIN'],
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, cb) {
    if (acceptLogins) return cb(null, { user: auth.username });
    cb(
      Object.assign(new Error(`Authentication failed for ${auth.username} / ${auth.password}`), { responseCode: 535 }),
    );
  },
  onRcptTo(address, _session, cb) {
    cb(Object.assign(new Error(`4.2.1 <${address.address}>: mailbox busy, try later`), { responseCode: 450 }));
  },
});

/** An IMAP server that takes the password once (when the mailbox is added) and refuses it from then on. */
let imapLogins = 0;
const imap = net.createServer((socket) => {
  socket.write('* OK [CAPABILITY IMAP4rev1] fake ready\r\n');
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const [tag, command = ''] = line.split(' ');
      switch (command.toUpperCase()) {
        case 'CAPABILITY':
          socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
          break;
        case 'LOGIN':
          if (imapLogins++ === 0) socket.write(`${tag} OK [CAPABILITY IMAP4rev1] logged in\r\n`);
          else socket.write(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n`);
          break;
        case 'STATUS':
          socket.write(`* STATUS INBOX (MESSAGES 0)\r\n${tag} OK done\r\n`);
          break;
        case 'LOGOUT':
          socket.end(`* BYE\r\n${tag} OK bye\r\n`);
          break;
        default:
          socket.write(`${tag} OK done\r\n`);
      }
    }
  });
  socket.on('error', () => {});
});

let app: TestApp;
let logs: string;
let buyers: string[];

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function submission(app: TestApp, pass: string) {
  const [host, port] = app.service.relayInfo().submission!.split(':');
  return nodemailer.createTransport({
    host,
    port: Number(port),
    secure: false,
    ignoreTLS: true,
    auth: { user: DEMO_SELLER.id, pass },
  });
}

beforeAll(async () => {
  const smarthostPort = await listen(smarthost.server);
  const imapPort = await listen(imap);
  app = await startTestApp({
    clock,
    relayOverrides: {
      smarthost: `smtp://shop:${encodeURIComponent(SMARTHOST_PASSWORD)}@127.0.0.1:${smarthostPort}`,
      outbox: { pollMs: 100, baseBackoffMs: 60_000, maxBackoffMs: HOUR },
    },
  });
  await app.call('setup.demo', {});
  await app.call('intake.add', {
    url: `imap://service%40holzwerkstatt-berger.example@127.0.0.1:${imapPort}`,
    password: INTAKE_PASSWORD,
  });

  // Morning: buyers write, one quoting her own address in the text.
  time += HOUR;
  await buyerWrites(app, {
    from: { name: 'Anna Müller', address: DEMO_BUYERS[0] },
    subject: 'Gravur',
    text: `Bitte an ${DEMO_BUYERS[0]} antworten.`,
  });
  await buyerWrites(app, { from: DEMO_BUYERS[1], subject: 'Tray size', text: 'How wide is it?' });
  await app.waitForEvent('delivery.changed', (d) => d.state === 'failed');

  // The seller mistypes the password in a mail client; in the afternoon the smarthost takes the login but not the
  // buyer's mailbox, and the seller's answer waits, tried again through the evening.
  time += 2 * HOUR;
  const alias = (email: string) => app.ctx.addresses.aliasAddress(app.ctx.pairs.find(DEMO_SELLER.id, email)!.alias);
  const wrong = submission(app, WRONG_PASSWORD);
  await expect(wrong.sendMail({ from: DEMO_SELLER.email, to: alias(DEMO_BUYERS[1]), text: 'x' })).rejects.toThrow();
  wrong.close();
  acceptLogins = true;
  time += 4 * HOUR;
  app.events.length = 0;
  const seller = submission(app, 'demo-password');
  await seller.sendMail({ from: DEMO_SELLER.email, to: alias(DEMO_BUYERS[0]), subject: 'Re: Gravur', text: 'Gern!' });
  seller.close();
  await app.waitForEvent('delivery.changed', (d) => d.state === 'deferred' && /mailbox busy/.test(d.lastError ?? ''));
  app.events.length = 0;
  time += 4 * HOUR;
  await app.waitForEvent('delivery.changed', (d) => d.state === 'deferred');
  // The intake's mailbox refuses its password from now on.
  await app.call('intake.check', {});
  await app.waitForEvent('intake.status', (s) => s.state === 'retrying', 15_000);
  time += 12 * HOUR;
  buyers = [...new Set([...DEMO_BUYERS, ...app.ctx.pairs.buyerEmails()])];
  await app.close();

  const dir = path.join(app.dataDir, 'logs');
  logs = fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('');
}, 90_000);

afterAll(() => {
  smarthost.close();
  imap.close();
});

describe('the log after a day of demo traffic', () => {
  it('says what happened: relay started, delivered, deferred with the reason, the failed logins', () => {
    expect(logs).toMatch(/^\S+Z INFO {2}relay {2}relay started: inbound 127\.0\.0\.1:\d+/m);
    expect(logs).toMatch(/INFO {2}outbox {1}item \d+ \(\w+\) delivered to /);
    expect(logs).toMatch(/WARN {2}outbox {1}item \d+ \(forward\) failed: Invalid login: 535 Authentication failed/);
    expect(logs).toMatch(/INFO {2}outbox {1}item \d+ \(\w+\) deferred until \S+: .*mailbox busy/);
    expect(logs).toMatch(/submission login failed for "holzwerkstatt"/);
    expect(logs).toMatch(/intake {1}intake \d+: .*trying again in \d+ s/);
  });

  it('holds no buyer address in any spelling', () => {
    const lower = logs.toLowerCase();
    expect(buyers.length).toBeGreaterThan(DEMO_BUYERS.length);
    for (const address of buyers) {
      const [local, domain] = address.split('@');
      for (const at of ['@', '%40', '&#64;', '&commat;']) expect(lower).not.toContain(`${local}${at}${domain}`);
    }
    // The reasons are there, with the address hidden.
    expect(logs).toMatch(/<\[buyer\]>: mailbox busy/);
  });

  it('holds no password', () => {
    for (const secret of [SMARTHOST_PASSWORD, encodeURIComponent(SMARTHOST_PASSWORD), INTAKE_PASSWORD, WRONG_PASSWORD])
      expect(logs).not.toContain(secret);
    expect(logs).not.toContain('demo-password');
  });
});
