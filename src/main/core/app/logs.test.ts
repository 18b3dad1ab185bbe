/**
 * The app's log through the app service: it is always kept in `logs/` of the data folder, "Open logs folder" opens it
 * where the shell can (Electron) and names it where it cannot (the web bridge), and an internal error of a call is in
 * it ("the details are in its log"), without the buyer's address.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeCall } from '../transport/invoke.js';
import { appsPerTest, startTestApp } from './testing/test-app.js';

const apps = appsPerTest();

describe('the app log', () => {
  it('names its folder where nothing can open it (the web bridge)', async () => {
    const app = await apps.empty();
    const folder = path.join(app.dataDir, 'logs');
    expect(await app.call('app.openLogFolder', {})).toEqual({ folder, opened: false });
    expect(fs.statSync(folder).isDirectory()).toBe(true);
  });

  it('opens its folder with the shell the desktop app passes in', async () => {
    const opened: string[] = [];
    const app = await startTestApp({ openFolder: async (f) => (opened.push(f), '') });
    try {
      const folder = path.join(app.dataDir, 'logs');
      expect(await app.call('app.openLogFolder', {})).toEqual({ folder, opened: true });
      expect(opened).toEqual([folder]);
    } finally {
      await app.close();
    }
  });

  it('keeps the details of an internal error, without a buyer address', async () => {
    const app = await apps.demo();
    const handlers = {
      ...app.service.handlers,
      'app.status': () => {
        throw new TypeError('cannot read the pair of anna.mueller@example.de');
      },
    };
    const result = await invokeCall(handlers, 'app.status', {}, (name, err) => app.service.logInternal(name, err));
    expect(result).toMatchObject({ ok: false, error: { code: 'EINTERNAL' } });
    const log = fs.readFileSync(path.join(app.dataDir, 'logs', 'parley.log'), 'utf8');
    expect(log).toMatch(/ERROR app {4}internal error in app\.status: TypeError: cannot read the pair of \[buyer\]/);
    expect(log).not.toContain('anna.mueller@');
  });
});
