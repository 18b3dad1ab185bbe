/**
 * Every contract call fuzzed over the web bridge of a real `parley serve --http` process on a demo store —
 * wrong types, missing and extra fields, huge and deeply nested values, prototype keys, broken JSON, wrong content
 * types, oversized bodies, and the token, Host and Origin checks themselves. Every answer is a 4xx with the contract's
 * `{ code, message }` (never a 5xx, never no answer), and afterwards the process is alive and a valid call works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src/shared/contract.js';
import { ParleyHttp, runDemo } from '../support/parley-http.js';
import { allCases, formatContractReport, replyCases, runContractFuzz } from './testing/contract-fuzz.js';

let dataDir: string;
let serve: ParleyHttp;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-contract-fuzz-'));
  runDemo(dataDir);
  serve = await ParleyHttp.start({ dataDir, timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('contract fuzzing over the web bridge', () => {
  it('answers every malformed call with a 4xx and its { code, message }: no 5xx, no timeout, still alive', async () => {
    const port = Number(new URL(serve.origin).port);
    // The 10 MB bodies for a few calls here (bench/hostile/fuzz-contract.mjs sends them to every call): each costs a
    // second on a busy machine.
    const big = new Set(['app.status', 'composer.send', 'files.check', 'settings.update', 'orders.import']);
    // A buyer message of the demo store, for replies that quote it.
    const { rows } = await serve.call('inbox.list', { filter: 'all', limit: 50 });
    const buyerMessage = (await Promise.all(rows.map((r) => serve.call('conversation.get', { id: r.id }))))
      .flatMap((c) => c.messages.map((m) => ({ ...m, conversationId: c.conversation.id })))
      .find((m) => m.direction === 'buyer-to-seller');
    expect(buyerMessage).toBeDefined();
    const cases = [
      ...allCases(serve.token, (call) => big.has(call)),
      ...replyCases(buyerMessage!.conversationId, buyerMessage!.id),
    ];
    expect(new Set(cases.map((c) => c.call)).size).toBeGreaterThanOrEqual(CALL_NAMES.length);
    const report = await runContractFuzz({ port, token: serve.token, cases, concurrency: 4, timeoutMs: 20_000 });
    console.log(formatContractReport(report));
    expect(report.requests).toBe(cases.length);
    expect(report.failures).toEqual([]);
    expect(report.status5xx).toBe(0);
    expect(report.timeouts).toBe(0);
    expect(serve.running).toBe(true);
    expect(serve.output()).not.toMatch(/internal error/);
    const status = await serve.call('app.status', {});
    expect(status.seller).toBeTruthy();
  }, 240_000);
});
