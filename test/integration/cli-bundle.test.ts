/**
 * The `parley` command as shipped: `npm run build` bundles it (scripts/build-cli.mjs), and from an unpacked build —
 * bin/, out/cli, package.json and node_modules without tsx, no sources — it runs `parley verify` on a real export
 * with plain Node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('the bundled parley command', () => {
  let dir: string;
  let app: string;
  let data: string;
  const run = (cwd: string, args: string[]) => {
    const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const parley = (...args: string[]) => run(app, [path.join(app, 'bin', 'parley.js'), ...args]);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-bundle-'));
    app = path.join(dir, 'app');
    data = path.join(dir, 'data');
    const built = run(REPO, [path.join(REPO, 'scripts', 'build-cli.mjs'), '--out', path.join(app, 'out', 'cli')]);
    expect(built.code, built.err).toBe(0);
    fs.cpSync(path.join(REPO, 'bin'), path.join(app, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(REPO, 'package.json'), path.join(app, 'package.json'));
    // The production install: every package but tsx (a development tool now), linked rather than copied.
    fs.mkdirSync(path.join(app, 'node_modules'));
    for (const name of fs.readdirSync(path.join(REPO, 'node_modules'))) {
      // …and no fonts package either: the bundle carries the transcript's fonts itself, as the desktop app's
      // resources/cli (only better-sqlite3 beside it) needs.
      if (name === 'tsx' || name === '.bin' || name === 'dejavu-fonts-ttf') continue;
      fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(app, 'node_modules', name));
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has no TypeScript loader to lean on there', () => {
    const r = run(app, ['--input-type=module', '-e', "await import('tsx/esm/api')"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/Cannot find (package|module) 'tsx/);
    expect(fs.existsSync(path.join(app, 'src'))).toBe(false);
  });

  it('has every worker thread the sources start beside the bundle, under the name they ask for', () => {
    const sources = fs
      .readdirSync(path.join(REPO, 'src', 'main'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.includes('.test.'))
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
    const workers = sources.flatMap((text) =>
      [...text.matchAll(/new Worker\(\s*new URL\('\.\/([^']+)', import\.meta\.url\)/g)].map((m) => m[1]),
    );
    expect(workers.length).toBeGreaterThanOrEqual(3);
    for (const name of workers) expect(fs.existsSync(path.join(app, 'out', 'cli', name)), name).toBe(true);
  });

  it('prints its help', () => {
    const r = parley('help');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('parley verify [--export DIR|ZIP]');
  });

  it('records the demo through its relay, exports a conversation and verifies the export and the store', () => {
    const demo = parley('demo', '--data', data);
    expect(demo.code, demo.err).toBe(0);
    const { messages } = JSON.parse(parley('messages', '--seller', 'holzwerkstatt', '--json', '--data', data).out) as {
      messages: { alias: string }[];
    };
    const out = path.join(dir, 'export');
    const exported = parley(
      'export',
      '--seller',
      'holzwerkstatt',
      '--alias',
      messages[0].alias,
      '--out',
      out,
      '--data',
      data,
    );
    expect(exported.code, exported.err).toBe(0);
    expect(fs.existsSync(path.join(out, 'transcript.pdf'))).toBe(true); // pdfkit's fonts came along in the bundle
    // …and the Unicode font the transcript is set in (an uncompressed PDF names its embedded fonts in plain text).
    expect(fs.readFileSync(path.join(out, 'transcript.pdf'), 'latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);

    const verified = parley('verify', '--export', out, '--data', data);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^ok: \d+ files complete and unaltered/);
    const store = parley('verify', '--data', data);
    expect(store.code, store.err).toBe(0);
    expect(store.out).toMatch(/^ok: \d+ messages, hash chain intact/);

    fs.appendFileSync(path.join(out, 'transcript.txt'), 'altered\n');
    expect(parley('verify', '--export', out, '--data', data).code).toBe(1);
  });

  it('says what is missing where there is neither the bundle nor the sources', () => {
    const bare = path.join(dir, 'bare');
    fs.cpSync(path.join(app, 'bin'), path.join(bare, 'bin'), { recursive: true });
    const r = run(bare, [path.join(bare, 'bin', 'parley.js'), 'help']);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('parley: out/cli/parley.mjs is missing from this installation. Reinstall Parley.');
  });
});
