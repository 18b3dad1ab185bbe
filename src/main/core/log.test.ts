import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreContext } from './context.js';
import { clean, fileLog, type AddressKnowledge } from './log.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-log-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const book: AddressKnowledge = {
  buyers: () => ['anna.mueller@example.de'],
  keep: (a) => a.endsWith('@relay.parley.localhost') || a === 'shop@shop.example',
};

describe('a log line', () => {
  it.each([
    ['smarthost smtp://shop:hunter22@mail.example:587', 'smarthost smtp://shop:[hidden]@mail.example:587'],
    ['C: AUTH PLAIN AHNob3AAaHVudGVyMjI=', 'C: AUTH PLAIN ***'],
    ['login with password=hunter22 refused', 'login with password=*** refused'],
    ['{"password":"hunter22"}', '{"password":"***"}'],
    ['Authorization: Bearer abcdefghijklmnop', 'Authorization: Bearer ***'],
  ])('never holds a secret: %s', (line, expected) => {
    expect(clean(line, [], book)).toBe(expected);
  });

  it('never holds a value the log was told to hide', () => {
    expect(clean('535 5.7.8 Sorry, hunter22 is not it', ['hunter22'])).toBe('535 5.7.8 Sorry, *** is not it');
  });

  it.each([
    ['550 5.1.1 <anna.mueller@example.de>: no such user', '550 5.1.1 <[buyer]>: no such user'],
    ['to ANNA.Mueller&#64;example.de', 'to [buyer]'],
    ['mailto:anna.mueller%40example.de', 'mailto:[buyer]'],
    ['from someone.else@gmail.com', 'from [address]'],
    ['to b-x7k2p@relay.parley.localhost', 'to b-x7k2p@relay.parley.localhost'],
    ['from shop@shop.example', 'from shop@shop.example'],
    ['a stranger&#64;elsewhere.org', 'a [address]'],
  ])('never holds an address but the relay’s and the shop’s: %s', (line, expected) => {
    expect(clean(line, [], book)).toBe(expected);
  });

  it('is one line whatever the message holds', () => {
    expect(clean('first\nsecond\r\nthird', [])).toBe('first ⏎ second ⏎ third');
  });
});

describe('the log file', () => {
  it('writes time, level, area and message, and rotates by size keeping N old files', () => {
    const file = path.join(dir, 'logs', 'parley.log');
    const log = fileLog(file, { maxBytes: 1000, files: 2, now: () => new Date('2026-03-01T10:00:00.000Z') });
    log.info('relay', 'relay started');
    expect(fs.readFileSync(file, 'utf8')).toBe('2026-03-01T10:00:00.000Z INFO  relay  relay started\n');
    for (let i = 0; i < 100; i++) log.info('outbox', `item ${i} delivered ${'x'.repeat(40)}`);
    log.close();
    const files = fs.readdirSync(path.dirname(file)).sort();
    expect(files).toEqual(['parley.log', 'parley.log.1', 'parley.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(1000);
    // The newest line is in the current file, the lines before it in .1, the oldest kept in .2.
    expect(fs.readFileSync(file, 'utf8')).toContain('item 99 delivered');
    const all = files.map((f) => fs.readFileSync(path.join(dir, 'logs', f), 'utf8')).join('');
    expect(all).not.toContain('relay started'); // dropped with the oldest file
    expect(fs.readFileSync(`${file}.2`, 'utf8') < fs.readFileSync(`${file}.1`, 'utf8')).toBe(true);
  });

  it('shows warnings and errors on the console when asked, the way they were shown before', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = fileLog(path.join(dir, 'parley.log'), { stderr: true });
    log.info('relay', 'quiet');
    log.warn('relay', 'bounces from 127.0.0.1 over 2 an hour');
    log.error('outbox', 'could not record', new Error('disk full'));
    log.close();
    expect(warn.mock.calls).toEqual([['parley relay: bounces from 127.0.0.1 over 2 an hour']]);
    expect(error.mock.calls[0][0]).toMatch(/^parley: could not record: Error: disk full/);
  });

  it('carries on when the folder cannot be written, said once', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    fs.writeFileSync(path.join(dir, 'logs'), 'a file where the folder should be');
    const log = fileLog(path.join(dir, 'logs', 'parley.log'));
    log.info('relay', 'one');
    log.info('relay', 'two');
    expect(write).toHaveBeenCalledTimes(1);
  });
});

describe("the log of a store's relay", () => {
  it('hides every buyer the store knows, a new one at once, whichever process added it', () => {
    const dataDir = path.join(dir, 'data');
    const file = path.join(dir, 'parley.log');
    const base = fileLog(file);
    const ctx = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline', log: base });
    const cli = new CoreContext({ dataDir, domain: 'relay.test', dns: 'offline' });
    try {
      ctx.pairs.ensureBuyer('anna@example.de');
      ctx.log.info('outbox', 'item 1 delivered to anna@example.de');
      cli.pairs.ensureBuyer('ben@example.com');
      ctx.log.info('outbox', 'item 2 deferred: 450 <BEN@example.com> busy');
      const buyerEmails = vi.spyOn(ctx.pairs, 'buyerEmails');
      const lastBuyerId = vi.spyOn(ctx.pairs, 'lastBuyerId');
      ctx.log.info('relay', 'recorded message 3 (buyer-to-seller, alias abc)');
      ctx.log.info('outbox', 'item 3 delivered to anna@example.de');
      base.close();
      expect(fs.readFileSync(file, 'utf8')).toMatch(
        /item 1 delivered to \[buyer\]\n.*item 2 deferred: 450 <\[buyer\]> busy\n.*recorded message 3 .*\n.*item 3 delivered to \[buyer\]\n$/,
      );
      // A line without an at sign did not look at the buyers; the next one asked whether one was added, no more.
      expect(lastBuyerId).toHaveBeenCalledTimes(1);
      expect(buyerEmails).not.toHaveBeenCalled();
    } finally {
      cli.close();
      ctx.close();
    }
  });
});
