// electron-builder.yml as `npm run dist` would read it, without building: electron-builder's own schema check, the
// fuses a packaged Parley must ship with, and the ids and files the main process relies on.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from './app-id.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  asar: boolean;
  electronFuses: Record<string, boolean>;
  extraResources: Array<{ from: string; to: string }>;
  files: string[];
}

function readConfig(): BuilderConfig {
  return yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('the installer configuration (electron-builder.yml)', () => {
  it('passes electron-builder’s own configuration check', async () => {
    await expect(validateConfiguration(readConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  }, 20_000);

  it('would be refused with a misspelt fuse (the check above really looks)', async () => {
    const config = readConfig();
    config.electronFuses.runAsNod = false;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  }, 20_000);

  it('flips the fuses: no run-as-node, no NODE_OPTIONS or --inspect, cookies encrypted, only the checked asar', () => {
    const config = readConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names the app with the AppUserModelId the main process sets', () => {
    expect(readConfig().appId).toBe(APP_ID);
  });

  it('ships the resources the main process loads (the native build is made by npm run dist)', () => {
    for (const { from } of readConfig().extraResources) {
      if (from.startsWith('build/electron-native/')) continue;
      expect(fs.existsSync(path.join(ROOT, from)), from).toBe(true);
    }
  });
});
