#!/usr/bin/env node
// UI benchmark: the inbox in Chromium against `parley serve --http` on a generated store of
// 100,000 messages in 10,000 conversations. Prints `metric | target | measured | ok` and writes
// it to bench/results/ui-<timestamp>.md, with the anchor: a bare React page (bench/ui/anchor/) loaded after each
// of the inbox's cold loads, so the inbox's share of "interactive" shows on a noisy machine. The store is generated
// once and cached under bench/results/ui-store-s<schema>-g<generator>-…/ (delete it to regenerate).
//
//   node bench/ui.mjs        env: UI_CONVERSATIONS=10000 UI_MESSAGES=100000 UI_LOADS=3 UI_OPENS=20
//   UI_SERVE_TRACE=1 also logs serve's calls (server time) and event-loop stalls and prints the slowest.
//
// Needs the built renderer (npx electron-vite build) and /usr/bin/chromium.
// Exit code: 0 when the measurement ran (targets met or not), 1 when the benchmark itself failed.
const { register } = await import('tsx/esm/api');
register();
await import('./ui/main.ts');
