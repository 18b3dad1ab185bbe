// Contract fuzzing over the web bridge, the large variant of test/hostile/contract-fuzz.test.ts: a demo
// store, a real `parley serve --http`, and every call sent every malformed input, 10 MB bodies included, `--rounds`
// times over (default 1) with `--concurrency` requests in flight (default 8).
//   node bench/hostile/fuzz-contract.mjs [--rounds 3] [--concurrency 8]
// Prints: calls, requests, 4xx, 2xx (schema-valid hostile inputs), 5xx, timeouts; exit 1 unless 5xx, timeouts and
// other failures are all zero and the process is alive and answering afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberArg } from '../lib/args.mjs';

const { register } = await import('tsx/esm/api');
register();
const { ParleyHttp, runDemo } = await import('../../test/support/parley-http.ts');
const { allCases, formatContractReport, runContractFuzz } = await import('../../test/hostile/testing/contract-fuzz.ts');

const rounds = numberArg('rounds', 1);
const concurrency = numberArg('concurrency', 8);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-fuzz-contract-'));
let serve;
try {
  runDemo(dataDir);
  serve = await ParleyHttp.start({ dataDir, timeoutMs: 60_000 });
  const port = Number(new URL(serve.origin).port);
  let failed = false;
  for (let round = 1; round <= rounds; round++) {
    const cases = allCases(serve.token);
    const report = await runContractFuzz({ port, token: serve.token, cases, concurrency, timeoutMs: 30_000 });
    console.log(`round ${round}: ${formatContractReport(report)}`);
    failed ||= report.failures.length > 0 || report.status5xx > 0 || report.timeouts > 0;
  }
  const alive = serve.running;
  const status = alive
    ? await serve.call('app.status', {}).then(
        () => 'answers',
        (e) => `fails: ${e.message}`,
      )
    : 'dead';
  const internal = (serve.output().match(/internal error/g) ?? []).length;
  console.log(
    `process alive: ${alive}; app.status afterwards: ${status}; "internal error" lines in its log: ${internal}`,
  );
  process.exitCode = failed || !alive || status !== 'answers' || internal > 0 ? 1 : 0;
} finally {
  await serve?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
