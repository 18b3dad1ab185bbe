// Fault runs at full scale: a misbehaving smarthost, and SIGKILL under load.
//   node bench/hostile/faults.mjs [--messages 20] [--kills 20] [--seed N] [--only smarthost|sigkill]
// Smarthost: 4xx twice then 250, 5xx, the connection cut mid-DATA, every reply 30 s late (default timeouts),
// the final 250 70 s late (longer than the 60 s the client used to wait), a 10 s queue lifetime that runs out.
// SIGKILL: `parley serve` under load killed --kills times (every 4th kill aimed at a WAL checkpoint, every 4th at a
// blob batch; the seed is printed and repeats the schedule). Prints one table each; exit 1 when a message was lost,
// a duplicate is not explained by a delivery the relay named in doubt, or the store does not verify.
import { randomInt } from 'node:crypto';
import { numberArg, textArg } from '../lib/args.mjs';

const { register } = await import('tsx/esm/api');
register();
const { runScenario } = await import('../../test/support/fault-scenarios.ts');
const { killRun } = await import('../../test/support/kill-run.ts');

const messages = numberArg('messages', 20);
const kills = numberArg('kills', 20);
const seed = numberArg('seed', randomInt(1_000_000));
const only = textArg('only', undefined);
let bad = false;

if (only !== 'sigkill') {
  const quick = { replyMs: 5_000, finalReplyMs: 60_000 };
  const scenarios = [
    {
      name: '4xx twice, then 250',
      messages,
      timeouts: quick,
      settleMs: 60_000,
      fault: (n) => (n <= 2 ? { kind: 'refuse', code: 451, text: '4.7.1 Greylisted' } : { kind: 'accept' }),
    },
    {
      name: '5xx',
      messages,
      timeouts: quick,
      settleMs: 60_000,
      fault: () => ({ kind: 'refuse', code: 550, text: '5.1.1 No such user' }),
    },
    {
      name: 'cut mid-DATA once',
      messages,
      timeouts: quick,
      settleMs: 60_000,
      fault: (n) => (n === 1 ? { kind: 'drop-mid-data' } : { kind: 'accept' }),
    },
    // Default timeouts from here on: 60 s for a reply, 10 min for the final one.
    {
      name: 'every reply 30 s late',
      messages: 5,
      replyDelayMs: 30_000,
      settleMs: 600_000,
      fault: () => ({ kind: 'accept' }),
    },
    {
      name: 'final 250 70 s late',
      messages: 5,
      settleMs: 300_000,
      fault: (n) => (n === 1 ? { kind: 'slow-final-reply', ms: 70_000 } : { kind: 'accept' }),
    },
    {
      name: 'lifetime 10 s runs out (4xx)',
      messages,
      timeouts: quick,
      queueLifetimeMs: 10_000,
      settleMs: 60_000,
      fault: () => ({ kind: 'refuse', code: 452, text: '4.2.2 Mailbox full' }),
    },
  ];
  console.log(`smarthost faults: ${scenarios.length} scenarios at once`);
  const results = await Promise.all(scenarios.map((s) => runScenario(s)));
  console.log('| scenario | messages | delivered | duplicates | lost | bounced | notices | attempts | s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.messages} | ${r.delivered} | ${r.duplicates} | ${r.lost} | ${r.bounced} | ${r.notices} | ${r.attempts} | ${r.seconds} |`,
    );
    if (r.duplicates > 0 || r.lost > 0 || r.notices !== r.bounced) bad = true;
  }
}

if (only !== 'smarthost') {
  console.log(`\nSIGKILL under load: seed ${seed}, ${kills} kills`);
  const r = await killRun({ seed, kills, clients: 4, maxGapMs: 2_000, log: (l) => console.log(`  ${l}`) });
  const aimed = (aim) => {
    const k = r.kills.filter((x) => x.aim === aim);
    return `${k.length} (${k.filter((x) => x.inside).length} inside)`;
  };
  console.log(
    '| kills | random | at a checkpoint | at a blob batch | sent | acknowledged | recorded | delivered | duplicates | in doubt | unexplained duplicates | lost | pending | verify | s |',
  );
  console.log('|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
  console.log(
    `| ${r.kills.length} | ${r.kills.filter((x) => x.aim === 'random').length} | ${aimed('checkpoint')} | ${aimed('blob')} | ` +
      `${r.sent} | ${r.acknowledged} | ${r.recorded} | ${r.delivered} | ${r.duplicates} | ${r.inDoubt} | ` +
      `${r.unexplainedDuplicates} | ${r.lost} | ${r.pending} | ${r.verifyOk ? 'ok' : 'NOT OK'} | ${r.seconds} |`,
  );
  if (r.duplicates > 0)
    console.log(
      `duplicates: each first copy reached the sink within ${r.duplicateToKillMs} ms of a kill\n  ` +
        r.duplicateDetails.join('\n  '),
    );
  if (r.lost > 0 || r.unexplainedDuplicates > 0 || !r.verifyOk) bad = true;
  if (!r.verifyOk) console.log(r.verify);
}
process.exit(bad ? 1 : 0);
