// bench/ui with UI_SERVE_TRACE=1: preloaded into `parley serve` (NODE_OPTIONS=--require), it writes one line per
// contract call (start ms since the process started, name, server time from request to response) and one per stall of
// the event loop over 40 ms (a 10 ms timer that came late) to the file in PARLEY_BENCH_TRACE. It tells a slow open
// that waited for the server's main thread (a stall or another long call at the same time) from one that did not.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a preload that --require loads: CommonJS */
const file = process.env.PARLEY_BENCH_TRACE;
if (file && process.argv.includes('serve')) {
  const fs = require('node:fs');
  const http = require('node:http');
  const { performance } = require('node:perf_hooks');
  const lines = [];
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request' && req.url.includes('/call/')) {
      const start = performance.now();
      const name = req.url.slice(req.url.indexOf('/call/') + 6);
      res.on('finish', () => lines.push(`${start.toFixed(1)} call ${name} ${(performance.now() - start).toFixed(1)}`));
    }
    return emit.apply(this, arguments);
  };
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 40) lines.push(`${last.toFixed(1)} stall ${(now - last - 10).toFixed(0)}`);
    last = now;
  }, 10).unref();
  const flush = () => lines.length && fs.appendFileSync(file, `${lines.splice(0).join('\n')}\n`);
  setInterval(flush, 500).unref();
  process.on('exit', flush);
}
