import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARLEY_BIN } from '../support/serve-process.js';

describe('parley template', () => {
  let dir: string;
  let data: string;
  const parley = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], {
      encoding: 'utf8',
      timeout: 60_000,
      input,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-template-'));
    data = path.join(dir, 'data');
    const add = parley(['seller', 'add', '--id', 'shop-one', '--name', 'Shop One', '--email', 'cs@shop-one.example']);
    expect(add.code, add.err).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds from a file and from stdin, warns about a review request, lists and removes', () => {
    const file = path.join(dir, 'address.txt');
    fs.writeFileSync(file, 'Hallo {buyerName},\n\nbitte schicken Sie uns die vollständige Lieferadresse zu {orderId}.');
    const address = parley(['template', 'add', '--seller', 'shop-one', '--name', 'Adresse', '--body-file', file]);
    expect(address.code, address.err).toBe(0);
    expect(address.out).toMatch(/^saved "Adresse" \(\d+\)\n$/);

    const review = parley(
      ['template', 'add', '--seller', 'shop-one', '--name', 'Review', '--lang', 'en', '--subject', 'Your opinion'],
      'Hi {buyerName},\n\nwe would love a positive review. Please rate your purchase and leave feedback!\n',
    );
    expect(review.code, review.err).toBe(0);
    expect(review.out).toMatch(/warning: This template looks like a review or feedback request.*\(R11\)/);

    const listed = JSON.parse(parley(['template', 'list', '--seller', 'shop-one', '--json']).out);
    expect(listed.templates.map((t: { name: string; language: string }) => [t.name, t.language])).toEqual([
      ['Adresse', 'de'],
      ['Review', 'en'],
    ]);
    expect(listed.templates[1].warning.category).toBe('review-request');
    expect(listed.templates[0].warning).toBeNull();

    expect(parley(['template', 'remove', '--seller', 'shop-one', '--name', 'Review']).out).toBe('removed "Review"\n');
    const gone = parley(['template', 'remove', '--seller', 'shop-one', '--name', 'Review']);
    expect([gone.code, gone.err]).toEqual([1, 'parley: no template Review\n']);
    expect(parley(['template', 'list', '--seller', 'shop-one']).out).toMatch(/^\d+ {2}Adresse {2}\(de\)\n$/);
    const bad = parley(['template', 'add', '--seller', 'shop-one', '--name', 'X', '--lang', 'fr'], 'text');
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/^parley: --lang: /)]);
  });
});
