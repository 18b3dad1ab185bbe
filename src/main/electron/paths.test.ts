import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath, trayIconPath } from './paths.js';

describe('the shell’s files', () => {
  const dev = { isPackaged: false, appPath: '/repo', resourcesPath: '/electron/resources' };
  const installed = {
    isPackaged: true,
    appPath: '/opt/Parley/resources/app.asar',
    resourcesPath: '/opt/Parley/resources',
  };

  it('loads the Electron build of better-sqlite3 where scripts/electron-native.js put it, else none', () => {
    expect(nativeBindingPath(dev, () => true)).toBe(
      path.join('/repo', 'build', 'electron-native', 'better_sqlite3.node'),
    );
    expect(nativeBindingPath(installed, () => true)).toBe(
      path.join('/opt/Parley/resources', 'electron-native', 'better_sqlite3.node'),
    );
    expect(nativeBindingPath(dev, () => false)).toBeUndefined();
  });

  it('finds the tray icon in resources/', () => {
    expect(trayIconPath(dev)).toBe(path.join('/repo', 'resources', 'tray.png'));
    expect(trayIconPath(installed)).toBe(path.join('/opt/Parley/resources', 'tray.png'));
  });
});
