#!/usr/bin/env node
// better-sqlite3 for Electron's ABI, beside the Node build the tests and the CLI use, in
// build/electron-native/better_sqlite3.node, which the app loads through better-sqlite3's
// `nativeBinding` option (src/main/electron/paths.ts). node_modules is never touched, so
// `npm start` and `npm test` work in any order. Skips when the build matches the installed
// Electron, better-sqlite3, platform and arch.
// First better-sqlite3's ready-made Electron build (prebuild-install --runtime electron, in a copy
// of the package): from build/prebuilds/ (a tarball dropped there works offline), npm's prebuild
// cache, or the project's release page. Where none exists, or PARLEY_NATIVE=source, node-gyp
// compiles the copy against Electron's headers (a download the first time): offline it fails
// with one line and keeps the full log.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Both folders can be moved (the script's own test runs in a temp dir).
const outDir = path.resolve(process.env.PARLEY_NATIVE_OUT ?? path.join(root, 'build', 'electron-native'));
const target = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const logFile = path.join(outDir, 'build.log');
const distUrl = process.env.ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
const localPrebuilds = path.resolve(process.env.PARLEY_PREBUILDS ?? path.join(root, 'build', 'prebuilds'));
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

const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
function done(how) {
  fs.copyFileSync(built, target);
  fs.writeFileSync(stampFile, JSON.stringify(wanted));
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`electron-native: ${how} ${rel(target)}`);
  process.exit(0);
}

// The ready-made build, when better-sqlite3 publishes one for this Electron, platform and arch.
let prebuildInstall = null;
try {
  // better-sqlite3's own installer depends on it, so npm has put it beside better-sqlite3.
  prebuildInstall = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
} catch {
  console.log('electron-native: prebuild-install is not installed; building from source');
}
if (prebuildInstall && process.env.PARLEY_NATIVE !== 'source') {
  console.log(`electron-native: looking for a ready-made ${label} …`);
  const prebuilt = spawnSync(
    process.execPath,
    [
      prebuildInstall,
      '--runtime=electron',
      `--target=${electron}`,
      `--arch=${wanted.arch}`,
      `--platform=${wanted.platform}`,
      `--local-prebuilds=${localPrebuilds}`,
      '--verbose',
    ],
    // npm_config_build_from_source would make prebuild-install stop at once: that choice is PARLEY_NATIVE's here.
    { cwd: work, encoding: 'utf8', env: { ...process.env, npm_config_build_from_source: '' }, timeout: 2 * 60_000 },
  );
  fs.writeFileSync(
    logFile,
    `${prebuilt.stdout ?? ''}${prebuilt.stderr ?? ''}${prebuilt.error ? `\n${prebuilt.error.stack}` : ''}`,
  );
  if (prebuilt.status === 0 && fs.existsSync(built)) done('installed the ready-made build as');
  console.log(`electron-native: no ready-made build (log: ${rel(logFile)}); building from source`);
}

console.log(`electron-native: building ${label} …`);
// An npm `nodedir` setting (npm_config_nodedir, e.g. a distribution's npmrc) would make node-gyp compile against that
// Node's headers instead of Electron's: a module Electron then refuses to load. It is for Node builds only.
const gypEnv = { ...process.env, npm_config_runtime: 'electron' };
for (const key of Object.keys(gypEnv)) if (key.toLowerCase() === 'npm_config_nodedir') delete gypEnv[key];
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
  { cwd: work, encoding: 'utf8', env: gypEnv, timeout: 15 * 60_000 },
);
const gypLog = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.stack}` : ''}`;
fs.appendFileSync(logFile, gypLog);

if (result.status !== 0 || !fs.existsSync(built)) {
  fs.rmSync(work, { recursive: true, force: true });
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|network|tarball|40[34]/i.test(
    gypLog,
  );
  const why = offline
    ? `Electron's headers could not be downloaded from ${distUrl} (offline?)`
    : /gyp ERR! find (Python|VS)|not found: (make|g\+\+|cc)|No Xcode/i.test(gypLog)
      ? 'no C++ build tools (Python, make and a compiler) were found'
      : 'node-gyp failed';
  fail(`could not build ${label}: ${why}; full log: ${rel(logFile)}`);
}
done('built');
