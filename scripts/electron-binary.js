// Where Electron is on this machine, without asking node_modules/electron/index.js: that file
// downloads the binary when it is missing, which on an offline machine hangs or fails.
// Shared by scripts/start.js, scripts/electron-native.js and the Electron smoke test.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** node_modules/electron, or null when the package is not installed. */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The installed Electron's version ("45.5.0"), or null. */
export function electronVersion() {
  const dir = electronPackageDir();
  if (!dir) return null;
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/** The Electron executable, or null. Mirrors node_modules/electron/index.js without calling it. */
export function electronBinary() {
  const packageDir = electronPackageDir();
  if (!packageDir) return null;
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const candidate = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable && path.join(packageDir, 'dist', executable);
  return candidate && fs.existsSync(candidate) ? candidate : null;
}
