import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    // The auto-update feed is chosen when the app is built (src/main/electron/updater.ts): none set, updates are off.
    define: { __PARLEY_UPDATE_URL__: JSON.stringify(process.env.PARLEY_UPDATE_URL ?? '') },
    build: {
      outDir: resolve(root, 'out/main'),
      // Keeps better-sqlite3 (a native addon), smtp-server, nodemailer … as runtime require()s
      // from node_modules instead of bundling them. electron-vite's default, spelled out.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/electron/index.ts'),
          // Worker threads the core starts with new URL('./<name>.js', import.meta.url): they must
          // sit beside the bundle under the same names.
          'file-writer-thread': resolve(root, 'src/main/core/store/file-writer-thread.js'),
          'smtp-client-thread': resolve(root, 'src/main/core/relay/smtp-client-thread.js'),
          'checkpoint-thread': resolve(root, 'src/main/core/store/checkpoint-thread.js'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot load ES modules nor require() anything but 'electron' and a
      // few Node polyfills, so it ships as one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      // The renderer is also served to browsers by the web bridge: ship it minified (the inbox
      // must be interactive within 1 s; parse time of the first chunk counts).
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
    plugins: [react()],
  },
});
