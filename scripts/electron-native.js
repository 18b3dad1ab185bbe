#!/usr/bin/env node
// better-sqlite3 for Electron's ABI, beside the Node build the tests and the CLI use: node-gyp
// compiles a copy of the package against Electron's headers into
// build/electron-native/better_sqlite3.node, which the app loads through better-sqlite3's
// `nativeBinding` option (src/main/electron/paths.ts). node_modules is never touched, so
// `npm start` and `npm test` work in any order. Skips when the build matches the installed
// Electron, better-sqlite3, platform and arch. Needs Electron's headers (a download the first
// time): offline it fails with one line and keeps the full log.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outDir = path.join(root, 'build', 'electron-native');
const target = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const logFile = path.join(outDir, 'build.log');
const distUrl = process.env.ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
const rel = (file) => path.relative(process.cwd(), file) || '.';

function fail(reason) {
  console.error(`electron-native: ${reason}`);
  process.exit(1);
}

const electron = electronVersion();
if (!electron) fail('the electron package is not installed (run npm install)');
let sqliteDir;
try {
  sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  fail('better-sqlite3 is not installed (run npm install)');
}
const wanted = {
  electron,
  betterSqlite3: JSON.parse(fs.readFileSync(path.join(sqliteDir, 'package.json'), 'utf8')).version,
  platform: process.platform,
  arch: process.env.npm_config_arch ?? process.arch,
};
const label = `better-sqlite3 ${wanted.betterSqlite3} for Electron ${electron} (${wanted.platform}-${wanted.arch})`;

const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
if (fs.existsSync(target) && stamp === JSON.stringify(wanted)) {
  console.log(`electron-native: ${label} is up to date`);
  process.exit(0);
}

// A private copy of the package: building in node_modules would replace the Node build.
const work = path.join(outDir, 'better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
fs.cpSync(sqliteDir, work, {
  recursive: true,
  filter: (src) => path.relative(sqliteDir, src).split(path.sep)[0] !== 'build',
});

console.log(`electron-native: building ${label} …`);
const gyp = path.join(path.dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
const result = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electron}`,
    `--arch=${wanted.arch}`,
    `--dist-url=${distUrl}`,
    `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
  ],
  { cwd: work, encoding: 'utf8', env: { ...process.env, npm_config_runtime: 'electron' }, timeout: 15 * 60_000 },
);
fs.writeFileSync(
  logFile,
  `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.stack}` : ''}`,
);

const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
if (result.status !== 0 || !fs.existsSync(built)) {
  fs.rmSync(work, { recursive: true, force: true });
  const log = fs.readFileSync(logFile, 'utf8');
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|network|tarball|40[34]/i.test(log);
  const why = offline
    ? `Electron's headers could not be downloaded from ${distUrl} (offline?)`
    : /gyp ERR! find (Python|VS)|not found: (make|g\+\+|cc)|No Xcode/i.test(log)
      ? 'no C++ build tools (Python, make and a compiler) were found'
      : 'node-gyp failed';
  fail(`could not build ${label}: ${why}; full log: ${rel(logFile)}`);
}
fs.copyFileSync(built, target);
fs.writeFileSync(stampFile, JSON.stringify(wanted));
fs.rmSync(work, { recursive: true, force: true });
console.log(`electron-native: built ${rel(target)}`);
