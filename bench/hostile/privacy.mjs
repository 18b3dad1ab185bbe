// Privacy property, full run (R5, R6): 10,000 generated messages both ways with the sender's real address
// planted in random header fields, parts, encodings and spellings, rewritten in process by the relay's own rewrite;
// then counted at the receiving side and in what the seller's inbox shows.
//   node bench/hostile/privacy.mjs [--n 10000] [--seed N]
// Prints the seed first, then a table (messages, leaks — must be 0 —, domain leaks, leaks in the seller's view,
// binary attachments planted / warned, time) and the first findings. Exit 1 on any finding.
import { randomInt } from 'node:crypto';
import { numberArg } from '../lib/args.mjs';

const { register } = await import('tsx/esm/api');
register();
const { runPrivacy, formatPrivacyReport } = await import('../../test/hostile/testing/privacy-run.ts');

const seed = numberArg('seed', process.env.PARLEY_SEED ? Number(process.env.PARLEY_SEED) : randomInt(2 ** 31));
const n = numberArg('n', process.env.PARLEY_PRIVACY_N ? Number(process.env.PARLEY_PRIVACY_N) : 10_000);
console.log(`privacy property: seed ${seed}, ${n} messages (--seed ${seed} replays it)`);
const began = Date.now();
const report = await runPrivacy(seed, n);
console.log(formatPrivacyReport(report, Date.now() - began));
const failed =
  report.findings.length > 0 ||
  report.leaks + report.domainLeaks + report.viewLeaks > 0 ||
  report.binaryWarned !== report.binaryPlanted;
process.exitCode = failed ? 1 : 0;
