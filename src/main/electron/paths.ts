/**
 * Files the shell needs beside its bundle, in development (the repository) and in an installed
 * app (process.resourcesPath, where electron-builder's extraResources put them).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface AppLocation {
  isPackaged: boolean;
  /** app.getAppPath(): the repository root in development. */
  appPath: string;
  /** process.resourcesPath of an installed app. */
  resourcesPath: string;
}

/**
 * better-sqlite3 built for Electron's ABI (scripts/electron-native.js), passed to the store as
 * `nativeBinding`; undefined when absent, and the store loads the Node build (tests, the CLI).
 */
export function nativeBindingPath(
  where: AppLocation,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  const file = where.isPackaged
    ? path.join(where.resourcesPath, 'electron-native', 'better_sqlite3.node')
    : path.join(where.appPath, 'build', 'electron-native', 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}

/** The tray icon (32 px, with a @2x sibling Electron picks on HiDPI screens). */
export function trayIconPath(where: AppLocation): string {
  return where.isPackaged
    ? path.join(where.resourcesPath, 'tray.png')
    : path.join(where.appPath, 'resources', 'tray.png');
}
