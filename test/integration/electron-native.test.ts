// scripts/electron-native.js in temp folders: better-sqlite3's ready-made Electron build is taken when one is at hand
// (no compiler, no network), and without one the script falls back to building from source. Every download goes to
// a closed local port, so the fallback fails fast with its one line instead of reaching the network.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'electron-native.js');
const electron = (require('electron/package.json') as { version: string }).version;
const sqlite = (require('better-sqlite3/package.json') as { version: string }).version;
const abi = (require('node-abi') as { getAbi(target: string, runtime: string): string }).getAbi(electron, 'electron');
const TARBALL = `better-sqlite3-v${sqlite}-electron-v${abi}-${process.platform}-${process.arch}.tar.gz`;
const CLOSED = 'http://127.0.0.1:9';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-native-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PARLEY_NATIVE_OUT: path.join(dir, 'out'),
      PARLEY_PREBUILDS: path.join(dir, 'prebuilds'),
      // prebuild-install's cache, and node-gyp's header folder under HOME: empty ones, whatever this machine holds.
      npm_config_cache: path.join(dir, 'npm-cache'),
      HOME: dir,
      USERPROFILE: dir,
      npm_config_better_sqlite3_binary_host: CLOSED,
      ELECTRON_HEADERS_URL: CLOSED,
      ...extra,
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A ready-made build as better-sqlite3 publishes it: build/Release/better_sqlite3.node in a .tar.gz. */
function dropPrebuild(content: string): void {
  const pkg = path.join(dir, 'pkg');
  fs.mkdirSync(path.join(pkg, 'build', 'Release'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'build', 'Release', 'better_sqlite3.node'), content);
  fs.mkdirSync(path.join(dir, 'prebuilds'), { recursive: true });
  const tar = spawnSync('tar', ['czf', path.join(dir, 'prebuilds', TARBALL), '-C', pkg, 'build']);
  expect(tar.status).toBe(0);
}

describe('better-sqlite3 for Electron (scripts/electron-native.js)', () => {
  it.skipIf(process.platform === 'win32')(
    'installs a ready-made build without compiling, then reports it current',
    () => {
      dropPrebuild('ready-made');
      const first = run();
      expect(first.output).toContain('installed the ready-made build');
      expect(first.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'out', 'better_sqlite3.node'), 'utf8')).toBe('ready-made');
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'stamp.json'), 'utf8'))).toMatchObject({ electron });
      expect(run().output).toContain('is up to date');
    },
    60_000,
  );

  it('falls back to building from source when there is no ready-made build, failing in one line offline', () => {
    const result = run();
    expect(result.output).toContain('no ready-made build');
    expect(result.output).toContain(`building better-sqlite3 ${sqlite} for Electron ${electron}`);
    expect(result.output).toMatch(/could not build .*: Electron's headers could not be downloaded .*\(offline\?\)/);
    expect(result.status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'out', 'better_sqlite3.node'))).toBe(false);
  }, 120_000);

  it.skipIf(process.platform === 'win32')(
    'builds from source when told to, past a ready-made build',
    () => {
      dropPrebuild('ready-made');
      const result = run({ PARLEY_NATIVE: 'source' });
      expect(result.output).not.toContain('ready-made');
      expect(result.output).toContain(`building better-sqlite3 ${sqlite}`);
      expect(result.status).toBe(1); // the headers' download goes to the closed port
    },
    120_000,
  );
});
