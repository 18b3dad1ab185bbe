/**
 * Tests only: an IMAP intake without an IMAP server, for the app's handler tests (validation, what crosses to the
 * renderer, the push event). It keeps what it was given, answers like IntakeService, and `push` plays a state change.
 * The real service is tested against Dovecot (src/main/core/intake, test/e2e/intake.spec.ts).
 */
import { ParleyError } from '../../errors.js';
import type { IntakeEngine, IntakeFactory } from '../intake-runner.js';
import type { SecretStore } from '../secrets.js';

type Input = Parameters<IntakeEngine['add']>[0];
type Account = ReturnType<IntakeEngine['list']>[number];
type Status = ReturnType<IntakeEngine['status']>[number];
type Held = ReturnType<IntakeEngine['held']>[number];

export class FakeIntake implements IntakeEngine {
  readonly accounts: Account[] = [];
  readonly statuses = new Map<number, Status>();
  readonly heldMessages: Held[] = [];
  readonly tested: Input[] = [];
  readonly checked: (number | undefined)[] = [];
  started = 0;
  stopped = 0;
  /** The next test (and add) fails with this. */
  failure: ParleyError | null = null;
  private readonly listeners = new Set<(s: Status) => void>();
  private nextId = 1;

  constructor(private readonly secrets: SecretStore) {}

  async test(input: Input) {
    this.tested.push(input);
    if (this.failure) throw this.failure;
    return { idleSupported: true, messages: 3 };
  }

  async add(input: Input) {
    await this.test(input);
    const url = new URL(input.url);
    const account = {
      id: this.nextId++,
      sellerId: input.sellerId,
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
      secure: url.protocol === 'imaps:',
      user: decodeURIComponent(url.username),
      folder: input.folder ?? 'INBOX',
      auth: 'password' as const,
      hasSecret: true,
      trustFingerprint: input.trustFingerprint ?? null,
      createdAt: new Date().toISOString(),
      // A field the real account does not have: the app must not pass on what it does not know.
      password: input.password,
    };
    this.secrets.set(`intake_password:${account.id}`, input.password ?? null);
    this.accounts.push(account);
    this.push({ accountId: account.id, sellerId: account.sellerId, state: 'connecting' });
    return account;
  }

  async remove(id: number) {
    const i = this.accounts.findIndex((a) => a.id === id);
    if (i >= 0) this.accounts.splice(i, 1);
    this.statuses.delete(id);
  }

  list(sellerId?: string) {
    return this.accounts.filter((a) => sellerId === undefined || a.sellerId === sellerId);
  }

  status() {
    return [...this.statuses.values()];
  }

  held(sellerId?: string) {
    return this.heldMessages.filter((h) => sellerId === undefined || h.sellerId === sellerId);
  }

  onStatus(listener: (s: Status) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async start() {
    this.started++;
  }

  async stop() {
    this.stopped++;
  }

  checkNow(id?: number) {
    this.checked.push(id);
  }

  /** A state change, as the service announces it. */
  push(change: Partial<Status> & Pick<Status, 'accountId' | 'sellerId'>): Status {
    const status: Status = {
      label: `shop@imap.example.com · INBOX`,
      state: 'idle',
      idleSupported: true,
      lastCheckAt: null,
      nextRetryAt: null,
      lastError: null,
      recorded: 0,
      held: 0,
      ...change,
    };
    this.statuses.set(status.accountId, status);
    this.listeners.forEach((l) => l(status));
    return status;
  }
}

/** A factory that keeps every engine it made (the app makes a new one when the relay domain changes). */
export function fakeIntakes(): { factory: IntakeFactory; made: FakeIntake[]; readonly last: FakeIntake } {
  const made: FakeIntake[] = [];
  return {
    made,
    factory: (_ctx, secrets) => {
      const engine = new FakeIntake(secrets);
      made.push(engine);
      return engine;
    },
    get last() {
      return made[made.length - 1];
    },
  };
}
