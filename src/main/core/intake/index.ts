/**
 * The IMAP intake: buyer mail that already arrives in a mailbox of the shop (a catch-all for the relay domain at its
 * mail host, or the mailbox a marketplace forwards to) is taken through the same accept pipeline as inbound SMTP,
 * exactly once, and filed in `Parley/Done` or `Parley/Held` after it committed. One runner per stored mailbox.
 */
import type { SecretStore } from '../app/secrets.js';
import { SECRET_KEYS } from '../app/secrets.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { DEFAULT_LIMITS } from '../relay/smtp-listeners.js';
import { IntakeStore, type IntakeAccountRow } from '../store/intake.js';
import { MAX_BACKOFF_MS, MIN_BACKOFF_MS } from './backoff.js';
import { normalizeFingerprint, openClient, parseMailboxUrl, problemOf } from './connect.js';
import { AccountRunner, type RunnerOptions } from './runner.js';
import type { HeldIntakeMessage, IntakeAccount, IntakeAccountInput, IntakeStatus } from './types.js';

export type * from './types.js';

export interface IntakeServiceOptions {
  /** ms between checks of a server without IDLE. */
  pollMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Bytes: larger messages are held, not fetched; the inbound listener's limit by default. */
  maxBytes?: number;
  /** Status lines in words; never a buyer's address or a secret. */
  log?: (line: string) => void;
}

export class IntakeService {
  private readonly intake: IntakeStore;
  private readonly runners = new Map<number, AccountRunner>();
  private readonly listeners = new Set<(s: IntakeStatus) => void>();
  private readonly opts: RunnerOptions;
  private running = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly secrets: SecretStore,
    opts: IntakeServiceOptions = {},
  ) {
    this.intake = new IntakeStore(ctx.store);
    this.opts = {
      pollMs: opts.pollMs ?? 30_000,
      minBackoffMs: opts.minBackoffMs ?? MIN_BACKOFF_MS,
      maxBackoffMs: opts.maxBackoffMs ?? MAX_BACKOFF_MS,
      maxBytes: opts.maxBytes ?? DEFAULT_LIMITS.maxMessageBytes,
      // Into the app's log always; the CLI also prints them (`parley serve`).
      log: (line) => {
        ctx.log.info('intake', line);
        opts.log?.(line);
      },
    };
  }

  /**
   * Connects, logs in, looks at the folder; throws a ParleyError with a detail key (wrong password, certificate, host,
   * folder missing).
   */
  async test(input: IntakeAccountInput): Promise<{ idleSupported: boolean; messages: number }> {
    const address = parseMailboxUrl(input.url);
    const folder = input.folder?.trim() || 'INBOX';
    const client = await openClient({
      ...address,
      password: input.password,
      accessToken: input.accessToken,
      trustFingerprint: input.trustFingerprint,
    });
    try {
      const status = await client.status(folder, { messages: true }).catch((err: unknown) => {
        throw problemOf(err, address, folder);
      });
      if (!status) throw problemOf(new Error('NONEXISTENT'), address, folder);
      return { idleSupported: client.capabilities.has('IDLE'), messages: status.messages ?? 0 };
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** Tests first, stores, starts its runner if the service runs. */
  async add(input: IntakeAccountInput): Promise<IntakeAccount> {
    this.ctx.sellers.require(input.sellerId);
    if (input.trustFingerprint && !normalizeFingerprint(input.trustFingerprint))
      throw new ParleyError('EBADINPUT', 'a certificate fingerprint is 32 bytes of hex (AA:BB:…)', {
        detail: {
          key: 'intake.certificate',
          params: { reason: 'cert.other', fingerprint: input.trustFingerprint },
        },
      });
    const address = parseMailboxUrl(input.url);
    await this.test(input);
    const row = this.intake.addAccount({
      sellerId: input.sellerId,
      ...address,
      folder: input.folder?.trim() || 'INBOX',
      auth: input.accessToken ? 'oauth2' : 'password',
      trustFingerprint: normalizeFingerprint(input.trustFingerprint),
    });
    this.secrets.set(SECRET_KEYS.intakePassword(row.id), input.accessToken ?? input.password ?? '');
    this.opts.log(`intake ${row.id}: mailbox added for ${row.sellerId}`);
    if (this.running) this.runnerFor(row).start();
    return this.view(row);
  }

  /** Stops its runner; recorded mail stays. */
  async remove(id: number): Promise<void> {
    if (!this.intake.account(id))
      throw new ParleyError('ENOTFOUND', `no intake mailbox ${id}`, {
        detail: { key: 'intake.notFound', params: { id } },
      });
    const runner = this.runners.get(id);
    this.runners.delete(id);
    await runner?.stop();
    this.intake.removeAccount(id);
    this.secrets.set(SECRET_KEYS.intakePassword(id), null);
    this.opts.log(`intake ${id}: mailbox removed`);
  }

  list(sellerId?: string): IntakeAccount[] {
    return this.intake.accounts(sellerId).map((r) => this.view(r));
  }

  status(): IntakeStatus[] {
    return this.intake.accounts().map((r) => ({ ...this.runnerFor(r).status }));
  }

  held(sellerId?: string): HeldIntakeMessage[] {
    return this.intake.held(sellerId).map((h) => ({
      id: h.id,
      accountId: h.accountId,
      sellerId: h.sellerId,
      heldAt: h.heldAt,
      subject: h.subject,
      recipient: h.recipient,
      size: h.size,
      reason: { code: h.code, message: h.message, key: h.key, params: h.params },
    }));
  }

  /** Every state change of every mailbox. */
  onStatus(listener: (s: IntakeStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One runner per stored account. */
  async start(): Promise<void> {
    this.running = true;
    for (const row of this.intake.accounts()) this.runnerFor(row).start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  /** Wakes a polling or retrying runner now. */
  checkNow(id?: number): void {
    for (const [rid, r] of this.runners) if (id === undefined || id === rid) r.wake();
  }

  private runnerFor(row: IntakeAccountRow): AccountRunner {
    let r = this.runners.get(row.id);
    if (!r) {
      r = new AccountRunner(
        this.ctx,
        this.intake,
        row,
        () => {
          const secret = this.secrets.get(SECRET_KEYS.intakePassword(row.id)) ?? '';
          this.ctx.log.hide([secret]); // a server's refusal may quote it back
          return row.auth === 'oauth2' ? { accessToken: secret } : { password: secret };
        },
        this.opts,
        (s) => this.listeners.forEach((l) => l(s)),
      );
      this.runners.set(row.id, r);
    }
    return r;
  }

  private view(r: IntakeAccountRow): IntakeAccount {
    return { ...r, hasSecret: !!this.secrets.get(SECRET_KEYS.intakePassword(r.id)) };
  }
}
