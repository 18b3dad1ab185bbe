/**
 * `parley export` (R21) writes the seller's copy: not one occurrence of the buyer's real address in any file (R5);
 * `parley export --for-authority` writes the originals as stored, and the seller's manifest lists exactly their
 * hashes. `parley verify --export` accepts both.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreContext } from '../../src/main/core/context.js';
import { addressLeaks } from '../../src/main/core/ops/testing/address-leaks.js';
import { seedLeakyConversation, type LeakyConversation } from '../../src/main/core/ops/testing/leaky-record.js';
import { PARLEY_BIN } from '../support/serve-process.js';

describe('parley export', () => {
  let dir: string;
  let data: string;
  let leaky: LeakyConversation;
  let stored: Buffer[];
  const parley = (...args: string[]) => {
    const r = spawnSync(process.execPath, [PARLEY_BIN, ...args, '--data', data], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const filesOf = (root: string): string[] =>
    fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  const manifest = (root: string) =>
    JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
      kind: string;
      files: { path: string; sha256: string; size: number }[];
      originals?: { path: string; sha256: string; size: number }[];
    };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-export-'));
    data = path.join(dir, 'data');
    const ctx = new CoreContext({ dataDir: data, domain: 'relay.test', dns: 'offline' });
    try {
      ctx.sellers.add({ id: 'shop-one', name: 'Shop One', email: 'cs@shop.example', password: 'pw', language: 'en' });
      leaky = await seedLeakyConversation(ctx);
      stored = leaky.messageIds.map((id) => ctx.store.blobs.get(ctx.record.meta(id)!.rawSha256));
    } finally {
      ctx.close();
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes the seller's copy by default: 0 occurrences of the buyer's address, and it verifies", async () => {
    const out = path.join(dir, 'seller-copy');
    const r = parley('export', '--seller', 'shop-one', '--alias', leaky.alias, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out.toLowerCase()).not.toContain(leaky.buyer);
    const leaks = (
      await Promise.all(filesOf(out).map((f) => addressLeaks(f, fs.readFileSync(path.join(out, f)), leaky.buyer)))
    ).flat();
    expect(leaks).toEqual([]);
    expect(manifest(out).kind).toBe('seller-copy');
    expect(parley('verify', '--export', out).out).toMatch(/^ok: /);
  });

  it('writes the originals with --for-authority: byte for byte, hashed in the seller copy, and it verifies', () => {
    const out = path.join(dir, 'authority');
    const r = parley('export', '--seller', 'shop-one', '--alias', leaky.alias, '--out', out, '--for-authority');
    expect(r.code, r.err).toBe(0);
    const messages = filesOf(out).filter((f) => f.startsWith('messages/'));
    expect(messages.map((f) => fs.readFileSync(path.join(out, f)).toString('latin1'))).toEqual(
      stored.map((b) => b.toString('latin1')),
    );
    expect(manifest(out).kind).toBe('authority');
    expect(parley('verify', '--export', out).out).toMatch(/^ok: /);
    const files = manifest(out)
      .files.filter((f) => !f.path.startsWith('transcript'))
      .map(({ path: p, sha256, size }) => ({ path: p, sha256, size }));
    expect(manifest(path.join(dir, 'seller-copy')).originals).toEqual(files);
  });
});
