/**
 * The composer's live dry run end to end (compose the draft's MIME, parse it, evaluate it over a
 * real SQLite store, as `composer.check` does), timed per call over held-out messages: does it
 * stay within a keystroke? Part of `npm run eval:policy`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CoreContext } from '../../src/main/core/context.js';
import { createDemo } from '../../src/main/core/ops/demo.js';
import { checkDraft } from '../../src/main/core/ops/send.js';
import { sqlValue } from '../../src/main/core/store/inspect.js';
import type { Example } from './corpus.js';

export async function dryRunTimes(examples: Example[]): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-dryrun-'));
  const ctx = new CoreContext({ dataDir: dir });
  try {
    const { sellerId } = await createDemo(ctx);
    const alias = sqlValue<string>(ctx.store, 'SELECT alias FROM pairs WHERE seller_id = ? LIMIT 1', sellerId)!;
    const times: number[] = [];
    for (const e of examples) {
      const start = performance.now();
      await checkDraft(ctx, { sellerId, alias, subject: e.subject, text: e.body }, 'app');
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
