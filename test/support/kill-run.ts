/**
 * A fault run: `parley serve` as a child process under load (real SMTP clients sending buyer mail, a real sink as
 * the smarthost), killed with SIGKILL at seeded random moments and restarted on the same data directory. Some
 * kills are aimed at a WAL checkpoint or a blob batch: with PARLEY_TEST_TRACE the store's threads write where
 * those begin and end to stderr, and the kill follows the 'begin' line; whether it landed inside is read from the
 * lines the process wrote before it died, never assumed. Blob batches are held PARLEY_TEST_BLOB_PAUSE_MS between
 * writing and syncing so that most such kills land inside; a checkpoint cannot be held from outside SQLite, so
 * some of those kills land after it. Used by test/hostile/faults-sigkill.test.ts and bench/hostile/faults.mjs.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { CoreContext } from '../../src/main/core/context.js';
import { sqlAll, sqlValue } from '../../src/main/core/store/inspect.js';
import { PARLEY_BIN, spawnServe, stopProcess, type ServeProcess } from './serve-process.js';
import { Sink } from './sink.js';
import { prng } from './prng.js';

const DOMAIN = 'relay.test';
const SELLER = {
  id: 'shop-one',
  name: 'Shop One',
  email: 'cs@shop-one.example',
  password: 'pw',
  language: 'en' as const,
};

export type KillAim = 'random' | 'checkpoint' | 'blob';

export interface Kill {
  n: number;
  aim: KillAim;
  /** ms after the relay was up. */
  afterMs: number;
  /** For an aimed kill: did the process die between the phase's begin and end lines? */
  inside: boolean | null;
}

export interface KillRunResult {
  seed: number;
  kills: Kill[];
  /** Messages the clients offered, and how many got a 250. */
  sent: number;
  acknowledged: number;
  /** Acknowledged and found in the record / at the sink. */
  recorded: number;
  delivered: number;
  /** Acknowledged and missing from the record or the sink. */
  lost: number;
  /** Copies beyond the first, per Message-ID, at the sink (acknowledged or not). */
  duplicates: number;
  /** Deliveries the relay named in doubt after a kill (an attempt under way when it died). */
  inDoubt: number;
  /** Duplicates of a message the relay did not name in doubt: never explained, always a bug. */
  unexplainedDuplicates: number;
  /** Each duplicate: when its copies arrived, the kills around them, its delivery events. */
  duplicateDetails: string[];
  /** For the duplicates: the longest time between a first copy's arrival at the sink and the kill nearest it, ms. */
  duplicateToKillMs: number | null;
  /** Forwards still waiting after the last clean stop. */
  pending: number;
  verify: string;
  verifyOk: boolean;
  seconds: number;
}

const BEGIN: Record<Exclude<KillAim, 'random'>, RegExp> = {
  checkpoint: /^parley-trace: checkpoint-begin$/,
  blob: /^parley-trace: blob-batch-begin/,
};
const END: Record<Exclude<KillAim, 'random'>, RegExp> = {
  checkpoint: /^parley-trace: checkpoint-end/,
  blob: /^parley-trace: blob-batch-end/,
};

export async function killRun(opts: {
  seed: number;
  kills: number;
  clients?: number;
  /** Longest wait before a random kill, ms. */
  maxGapMs?: number;
  log?: (line: string) => void;
}): Promise<KillRunResult> {
  const started = Date.now();
  const random = prng(opts.seed);
  const log = opts.log ?? (() => {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-kill-'));
  const sink = new Sink();
  let serve: ServeProcess | undefined;
  try {
    const setup = new CoreContext({ dataDir, domain: DOMAIN, dns: 'offline' });
    setup.sellers.add(SELLER);
    setup.close();
    await sink.start();
    const args = ['--data', dataDir, '--dns', 'offline', '--smarthost', sink.url, '--retry-base', '300ms'];
    const env = { PARLEY_TEST_TRACE: '1', PARLEY_TEST_BLOB_PAUSE_MS: '20' };

    let lines: string[] = [];
    let onLine: ((line: string) => void) | undefined;
    let up: Promise<ServeProcess>;
    const start = () => {
      lines = [];
      up = spawnServe(args, 30_000, env).then((s) => {
        let rest = '';
        s.child.stderr!.on('data', (d: Buffer) => {
          rest += d.toString();
          const parts = rest.split('\n');
          rest = parts.pop()!;
          for (const line of parts) {
            lines.push(line);
            onLine?.(line);
          }
        });
        return s;
      });
      return up;
    };

    // The load: clients send one message after another to whichever relay is up.
    let stopping = false;
    let sent = 0;
    const acknowledged: string[] = [];
    const client = async (c: number) => {
      while (!stopping) {
        const relay = await up;
        const n = ++sent;
        // Every third message is large: its outgoing copy sits in the outbox row and grows the WAL (checkpoints).
        const text =
          n % 3 === 0 ? `Order ${n}, the photos in words:\n${'x'.repeat(76)}\n`.repeat(2_000) : `Order ${n}?`;
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: relay.smtpPort,
          secure: false,
          ignoreTLS: true,
        });
        try {
          const info = await transport.sendMail({
            from: `buyer-${c}-${n % 7}@buyers.example`,
            to: `${SELLER.id}@${DOMAIN}`,
            subject: `Question ${n}`,
            text,
          });
          const id = /<[^>\s]+@relay\.test>/.exec(info.response)?.[0];
          if (/^250 /.test(info.response) && id) acknowledged.push(id);
        } catch {
          // Killed mid-session or not listening yet: no 250, so nothing was promised.
          await new Promise((r) => setTimeout(r, 50));
        } finally {
          transport.close();
        }
      }
    };

    serve = await start();
    const clients = Array.from({ length: opts.clients ?? 4 }, (_, c) => client(c));
    const kills: Kill[] = [];
    const killedAt: number[] = [];
    for (let n = 1; n <= opts.kills; n++) {
      const roll = random();
      const aim: KillAim = n % 4 === 2 ? 'checkpoint' : n % 4 === 0 ? 'blob' : 'random';
      const upAt = Date.now();
      // Some load through each relay before its kill (at most 10 s), so a loaded machine still tests a run with mail.
      const ackedAtUp = acknowledged.length;
      for (const until = Date.now() + 10_000; acknowledged.length < ackedAtUp + 5 && Date.now() < until;)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise<void>((resolve) => {
        if (aim === 'random') {
          setTimeout(resolve, 300 + Math.floor(roll * ((opts.maxGapMs ?? 1_500) - 300)));
          return;
        }
        // At least a little load first, then the next begin of that phase.
        setTimeout(
          () => {
            onLine = (line) => {
              if (BEGIN[aim].test(line)) {
                onLine = undefined;
                resolve();
              }
            };
          },
          200 + Math.floor(roll * 500),
        );
      });
      const victim = serve!;
      const killAt = Date.now();
      await stopProcess(victim.child, 'SIGKILL');
      // Every line it wrote before it died, before judging where the kill landed.
      if (!victim.child.stderr!.closed) await once(victim.child.stderr!, 'close');
      let inside: boolean | null = null;
      if (aim !== 'random') {
        const last = lines.filter((l) => BEGIN[aim].test(l) || END[aim].test(l)).pop();
        inside = last !== undefined && BEGIN[aim].test(last);
      }
      kills.push({ n, aim, afterMs: Date.now() - upAt, inside });
      killedAt.push(killAt);
      log(
        `kill ${n}: ${aim}${inside === null ? '' : inside ? ' (inside)' : ' (after it ended)'} at ${Date.now() - upAt} ms`,
      );
      serve = await start();
    }

    // Load stops; every acknowledged message must arrive, then a clean stop lets deliveries under way finish.
    await new Promise((r) => setTimeout(r, 500));
    stopping = true;
    await Promise.all(clients);
    let lost: string[] = [];
    await sink.waitForMessageIds(acknowledged, { ms: 60_000 }).catch(() => {
      const got = sink.byMessageId();
      lost = acknowledged.filter((id) => !got.has(id));
    });
    await stopProcess(serve!.child, 'SIGTERM');

    const check = new CoreContext({ dataDir, dns: 'offline' });
    const recordedIds = new Set(
      sqlAll<{ id: string }>(check.store, 'SELECT relay_message_id AS id FROM messages').map((r) => r.id),
    );
    // Each delivery named in doubt may reach the sink once more: a message in doubt twice may arrive three times.
    const inDoubtEvents = sqlValue<number>(
      check.store,
      `SELECT COUNT(*) FROM delivery_events WHERE state = 'in-doubt'`,
    )!;
    const inDoubtIds = new Set(
      sqlAll<{ id: string }>(
        check.store,
        `SELECT DISTINCT m.relay_message_id AS id FROM delivery_events e JOIN outbox o ON o.id = e.outbox_id
          JOIN messages m ON m.id = o.message_id WHERE e.state = 'in-doubt'`,
      ).map((r) => r.id),
    );
    const pending = sqlValue<number>(check.store, `SELECT COUNT(*) FROM outbox WHERE state IN ('queued','deferred')`)!;
    // What the store says about each duplicate: its delivery events, against the sink's copies and the kills.
    const details: string[] = [];
    for (const [id, list] of sink.byMessageId()) {
      if (list.length < 2) continue;
      const events = sqlAll<{ at: string; state: string }>(
        check.store,
        `SELECT e.at, e.state FROM delivery_events e JOIN outbox o ON o.id = e.outbox_id JOIN messages m
          ON m.id = o.message_id WHERE m.relay_message_id = ? ORDER BY e.id`,
        id,
      );
      const t = (ms: number) => new Date(ms).toISOString().slice(11, 23);
      details.push(
        `${id}: copies at ${list.map((c) => t(c.at)).join(', ')}; kills at ${killedAt
          .filter((k) => k >= list[0].at - 5_000 && k <= list[list.length - 1].at)
          .map(t)
          .join(', ')}; events ${events.map((e) => `${e.state}@${e.at.slice(11, 23)}`).join(' ')}`,
      );
    }
    check.close();
    const verify = spawnSync(process.execPath, [PARLEY_BIN, 'verify', '--data', dataDir], { encoding: 'utf8' });

    const copies = sink.byMessageId();
    let duplicates = 0;
    let unexplained = 0;
    let duplicateToKillMs: number | null = null;
    for (const [id, list] of copies) {
      if (list.length < 2) continue;
      duplicates += list.length - 1;
      // The nearest kill, before or after: a message the relay finished writing just before it died can still be
      // read whole by the sink a little after.
      const nearest = Math.min(...killedAt.map((k) => Math.abs(k - list[0].at)));
      if (Number.isFinite(nearest)) duplicateToKillMs = Math.max(duplicateToKillMs ?? 0, nearest);
      if (!inDoubtIds.has(id)) unexplained += list.length - 1;
    }
    const missingFromRecord = acknowledged.filter((id) => !recordedIds.has(id));
    return {
      seed: opts.seed,
      kills,
      sent,
      acknowledged: acknowledged.length,
      recorded: acknowledged.length - missingFromRecord.length,
      delivered: acknowledged.length - lost.length,
      lost: new Set([...lost, ...missingFromRecord]).size,
      duplicates,
      inDoubt: inDoubtEvents,
      unexplainedDuplicates: unexplained,
      duplicateToKillMs,
      duplicateDetails: details,
      pending,
      verify: (verify.stdout + verify.stderr).trim(),
      verifyOk: verify.status === 0,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    if (serve) await stopProcess(serve.child, 'SIGKILL');
    await sink.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
