#!/usr/bin/env node
// The `parley` command. Runs the TypeScript sources through tsx's loader, so a fresh clone
// needs no build step before `npx parley …`.

// File writes with fsync run on libuv's thread pool; the default 4 threads make concurrent
// SMTP sessions queue behind each other's fsyncs. Must be set before the pool starts.
process.env.UV_THREADPOOL_SIZE ??= '16';

const { register } = await import('tsx/esm/api');
register();
await import('../src/main/cli/main.ts');
