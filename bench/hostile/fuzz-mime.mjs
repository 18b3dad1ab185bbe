// MIME fuzzing: mutated real-world messages through parse, policy and both rewrites, in process.
//   node bench/hostile/fuzz-mime.mjs [--n 100000] [--seed N] [--start I] [--workers 2] [--stuck-ms 10000]
// Prints the seed first, then a table (messages, crashes, hangs > 1 s, not re-parseable, refused with reason, max and
// p99 ms) and every finding with the message number that replays it (--seed N --start I --n 1). Exit 1 on any finding.
import { randomInt } from 'node:crypto';
import { numberArg } from '../lib/args.mjs';

const { register } = await import('tsx/esm/api');
register();
const { runMimeFuzz, formatReport } = await import('../../test/hostile/testing/mime-fuzz.ts');

const seed = numberArg('seed', randomInt(2 ** 31));
const n = numberArg('n', 100_000);
const start = numberArg('start', 0);
const workers = numberArg('workers', 2);
const stuckMs = numberArg('stuck-ms', 10_000);
console.log(`MIME fuzz: seed ${seed}, ${n} messages from #${start}, ${workers} worker threads`);
const began = Date.now();
const report = await runMimeFuzz({
  seed,
  n,
  start,
  workers,
  stuckMs,
  onProgress: (done) => {
    if (done % 5000 === 0) console.log(`  ${done} messages, ${Math.round((Date.now() - began) / 1000)} s`);
  },
});
console.log(formatReport(report));
const findings = report.crashes.length + report.hangs.length + report.unparseable.length + report.escaped.length;
process.exitCode = findings === 0 ? 0 : 1;
