#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists, the headless relay with its web
// bridge where it does not (as on the build machines, which cannot download the binary).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/**
 * The Electron executable, or null. Mirrors node_modules/electron/index.js without calling it:
 * require('electron') downloads the binary when it is missing, which here would hang or fail.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const candidate = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable && path.join(packageDir, 'dist', executable);
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

/** Runs a child with our stdio; resolves with its exit code, or re-raises the signal that killed it. */
function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, forward);
      if (signal) {
        process.kill(process.pid, signal);
        return;
      }
      resolve(code ?? 1);
    });
  });
}

const electron = electronBinary();
let code;
if (electron) {
  const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  code = await run(process.execPath, [electronVite, 'build']);
  if (code === 0) code = await run(electron, ['.', ...args]);
} else {
  console.log("Electron's binary is not available on this machine; starting the headless relay instead (parley serve).");
  code = await run(process.execPath, [path.join(root, 'bin', 'parley.js'), 'serve', ...args]);
}
process.exitCode = code;
