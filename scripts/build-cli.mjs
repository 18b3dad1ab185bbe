#!/usr/bin/env node
// `npm run build` (after electron-vite): the `parley` command as one ES module, out/cli/parley.mjs, so it runs on
// plain Node without a TypeScript loader — from a global install (`npm install -g`), from the desktop app (shipped
// under its resources/cli, see electron-builder.yml) and from this checkout.
//
// Everything is bundled but better-sqlite3 (a native addon, loaded from node_modules next to the bundle or above
// it). The worker threads the core starts with `new URL('./<name>.js', import.meta.url)` are bundled as entries of
// their own under the same names beside parley.mjs, so those URLs resolve to them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutDir = path.join(root, 'out', 'cli');

/** The worker-thread files, by the name the code asks for and the source it is built from. */
export const CLI_WORKERS = {
  'file-writer-thread': 'src/main/core/store/file-writer-thread.js',
  'checkpoint-thread': 'src/main/core/store/checkpoint-thread.js',
  'smtp-client-thread': 'src/main/core/relay/smtp-client-thread.js',
};

/**
 * The PDF transcript's Unicode fonts, copied to fonts/ beside the bundle: src/main/core/ops/pdf-fonts.ts looks there
 * first, so the command finds them where no node_modules holds dejavu-fonts-ttf (the desktop app's resources/cli).
 */
export const CLI_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf'];

/** Native addons and what only they load: resolved from node_modules at run time. */
export const CLI_EXTERNALS = ['better-sqlite3'];

/**
 * pdfkit's ES build loads its standard fonts (the AFM metrics the export PDF is set in) with
 * `createRequire(import.meta.url)('#standard-fonts/…')`, which a bundler cannot follow: as plain require() calls
 * esbuild bundles them through the package's `imports` map.
 */
const pdfkitFonts = {
  name: 'pdfkit-standard-fonts',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source.replace(/require\$1\((['"]#standard-fonts\/)/g, 'require($1');
      if (contents === source) throw new Error('build-cli: pdfkit no longer loads #standard-fonts/* as expected');
      return { contents, loader: 'js' };
    });
  },
};

/** Writes the bundle and its workers to `outDir` (out/cli unless told), replacing what was there. */
export async function buildCli({ outDir = defaultOutDir } = {}) {
  // Built aside and swapped in, so a failed build leaves the last good bundle in place.
  const building = `${outDir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  try {
    await writeBundle(building);
  } catch (err) {
    fs.rmSync(building, { recursive: true, force: true });
    throw err;
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(building, outDir);
  return outDir;
}

async function writeBundle(outDir) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: CLI_EXTERNALS,
    // No source maps: they would triple what the app and a global install carry.
    sourcemap: false,
    plugins: [pdfkitFonts],
    logLevel: 'warning',
    // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);",
    },
  };
  await build({
    ...common,
    entryPoints: { parley: path.join(root, 'src/main/cli/main.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Each command is a dynamic import (main.ts): split, `parley alias` still does not load the SMTP stack. The chunks
    // sit beside parley.mjs, so `new URL('./<worker>.js', import.meta.url)` in any of them finds the workers.
    splitting: true,
    chunkNames: '[name]-[hash]',
  });
  await build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(CLI_WORKERS).map(([name, src]) => [name, path.join(root, src)])),
    outdir: outDir,
  });
  // The workers are `.js` files (the names the core asks for): ES modules wherever the bundle is copied to.
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  const fonts = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  fs.mkdirSync(path.join(outDir, 'fonts'));
  for (const file of CLI_FONTS) fs.copyFileSync(path.join(fonts, file), path.join(outDir, 'fonts', file));
  for (const name of Object.keys(CLI_WORKERS)) {
    if (!fs.existsSync(path.join(outDir, `${name}.js`))) throw new Error(`build-cli: ${name}.js was not written`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --out DIR: somewhere else than out/cli (the test that runs the bundle without tsx builds into its temp folder).
  const at = process.argv.indexOf('--out');
  const outDir = await buildCli(at > 0 && process.argv[at + 1] ? { outDir: path.resolve(process.argv[at + 1]) } : {});
  console.log(`parley CLI bundle: ${path.relative(root, path.join(outDir, 'parley.mjs'))}`);
}
