#!/usr/bin/env node
// The `parley` command. Runs the bundle `npm run build` writes (out/cli/parley.mjs: plain JavaScript, no TypeScript
// loader needed), as a global install (`npm install -g`) and the desktop app's resources ship it. In a development
// checkout, where the sources sit beside this file and tsx is installed, it runs the sources instead, so a fresh clone
// needs no build step before `npx parley …` and an edit never meets a stale bundle; PARLEY_CLI=bundle runs the bundle
// there too.
import fs from 'node:fs';

// File writes with fsync run on libuv's thread pool; the default 4 threads make concurrent
// SMTP sessions queue behind each other's fsyncs. Must be set before the pool starts.
process.env.UV_THREADPOOL_SIZE ??= '16';

const bundle = new URL('../out/cli/parley.mjs', import.meta.url);
const sources = new URL('../src/main/cli/main.ts', import.meta.url);

/** tsx's loader, when this is a checkout with its dev dependencies installed; null elsewhere. */
async function tsxLoader() {
  if (process.env.PARLEY_CLI === 'bundle' || !fs.existsSync(sources)) return null;
  try {
    return await import('tsx/esm/api');
  } catch {
    return null;
  }
}

const tsx = await tsxLoader();
if (tsx) {
  tsx.register();
  await import(sources.href);
} else if (fs.existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write(
    fs.existsSync(sources)
      ? 'parley: the command is not built. Run `npm run build` (it writes out/cli/parley.mjs), or `npm install` for ' +
          'the development tools that run it from the sources.\n'
      : 'parley: out/cli/parley.mjs is missing from this installation. Reinstall Parley.\n',
  );
  process.exitCode = 1;
}
