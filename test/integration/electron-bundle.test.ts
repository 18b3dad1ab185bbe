/**
 * The built Electron main process (out/main/index.js, what `electron .` runs) under plain Node,
 * with a stand-in 'electron' module (test/support/fake-electron): Electron cannot be downloaded
 * here, but the bundle can still be proven to load, open the real store, bind the contract, run
 * the demo through its worker threads and relay, badge the count, and stop on quit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src/shared/contract.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUNDLE = path.join(ROOT, 'out', 'main', 'index.js');
const DRIVER = path.join(ROOT, 'test', 'support', 'fake-electron', 'drive.mjs');

describe('the built Electron main process', () => {
  it('runs a session over IPC: contract bound, demo through the relay, badge, foreign frame refused, stopped on quit', () => {
    expect(fs.existsSync(BUNDLE), 'out/main/index.js is missing: run npm run build (npm test does) first').toBe(true);
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-electron-bundle-'));
    try {
      const run = spawnSync(process.execPath, [DRIVER, BUNDLE], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, FAKE_ELECTRON_USER_DATA: userData },
      });
      const line = /^RESULT (.*)$/m.exec(run.stdout);
      expect(line, `${run.stdout}\n${run.stderr}`).not.toBeNull();
      const result = JSON.parse(line![1]);
      expect(result.channels).toEqual(CALL_NAMES.map((n) => `parley:${n}`).sort());
      expect(result.preload).toBe(path.join(ROOT, 'out', 'preload', 'index.cjs'));
      expect(result.sandbox).toBe(true);
      expect(result.protocols).toEqual(['app']); // out/renderer over app://, with the CSP header
      expect(result.url).toBe('app://parley/index.html');
      expect(result.menus).toBeGreaterThan(0);
      expect(result.firstRun).toBe(true);
      expect(result.demo).toBe(true);
      expect(result.counts['response-needed']).toBeGreaterThan(0);
      expect(result.badInput).toBe('EBADINPUT');
      expect(result.foreign).toBe('EFORBIDDEN');
      expect(result.badges.at(-1)).toBe(result.counts['response-needed']); // R20 on the dock/tray
      expect(result.tooltip).toMatch(/need(s)? a response/);
      expect(result.eventsSent).toEqual(expect.arrayContaining(['counts.changed', 'message.new']));
      expect(result.quitPrevented).toBe(1);
      expect(result.handlersAfterQuit).toBe(0);
      // The data went where the shell said: the user-data folder, secrets sealed by safeStorage.
      expect(fs.readdirSync(userData)).toEqual(
        expect.arrayContaining(['parley.sqlite3', 'blobs', 'secrets.safe.json']),
      );
      expect(fs.existsSync(path.join(userData, 'secrets.json'))).toBe(false); // not the plain-file fallback
      const sealed = fs.readFileSync(path.join(userData, 'secrets.safe.json'), 'utf8');
      expect(Object.keys(JSON.parse(sealed)).length).toBeGreaterThan(0);
      expect(sealed).not.toContain('demo-password');
    } finally {
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
