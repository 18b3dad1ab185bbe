#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists; where it does not (as on the build
// machines, which cannot download it) the same app through the web bridge: `parley serve --http`
// prints the URL to open. The main job always runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const BRIDGE_PORT = 4480; // a fixed port, so a bookmark keeps working; 0 (any) when it is taken

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

const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = () => run(process.execPath, [electronVite, 'build']);

/** True when 127.0.0.1:port can be bound right now. */
function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function webBridge() {
  if (!fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
    const built = await build();
    if (built !== 0) return built;
  }
  const port = (await portFree(BRIDGE_PORT)) ? BRIDGE_PORT : 0;
  return run(process.execPath, [path.join(root, 'bin', 'parley.js'), 'serve', '--http', `127.0.0.1:${port}`, ...args]);
}

async function desktop(electron) {
  // better-sqlite3 for Electron's ABI beside the Node build (scripts/electron-native.js).
  const native = await run(process.execPath, [path.join(root, 'scripts', 'electron-native.js')]);
  if (native !== 0) {
    console.log(
      'The desktop app cannot open its database without that build; starting the web bridge instead (parley serve --http).',
    );
    return webBridge();
  }
  const built = await build();
  return built === 0 ? run(electron, ['.', ...args]) : built;
}

const electron = electronBinary();
if (!electron)
  console.log(
    "Electron's binary is not available on this machine; starting the same app through the web bridge instead (parley serve --http) — open the URL it prints.",
  );
process.exitCode = electron ? await desktop(electron) : await webBridge();
