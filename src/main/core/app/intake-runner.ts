/**
 * The IMAP intake inside the app: one IntakeService over the open core context, started and stopped with the app
 * service (beside the relay), made anew when the store is reopened under another relay domain. Each state change of
 * one of the shop's mailboxes becomes an 'intake.status' push event, scrubbed like every output (R5).
 */
import type { IntakeStatus } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { IntakeService } from '../intake/index.js';
import type { AppEvents } from './events.js';
import { intakeStatusView } from './intake-views.js';
import type { SecretStore } from './secrets.js';

/** What the app uses of the intake: the service's API (a fake one in tests that need no IMAP server). */
export type IntakeEngine = Pick<
  IntakeService,
  'test' | 'add' | 'remove' | 'list' | 'status' | 'held' | 'onStatus' | 'start' | 'stop' | 'checkNow'
>;

/** Builds the intake over a context; the default is the real IntakeService. */
export type IntakeFactory = (ctx: CoreContext, secrets: SecretStore) => IntakeEngine;

/** ms between checks of a server without IDLE; the seller reads it in Settings ("checking every 30 s"). */
export const INTAKE_POLL_MS = 30_000;

export const realIntake: IntakeFactory = (ctx, secrets) => new IntakeService(ctx, secrets, { pollMs: INTAKE_POLL_MS });

export class IntakeRunner {
  private engine: IntakeEngine;
  private unsubscribe: () => void;
  private running = false;

  constructor(
    private readonly ctx: () => CoreContext,
    private readonly secrets: SecretStore,
    private readonly events: AppEvents,
    /** The shops on screen (one, or every shop under "All shops"): only their mailboxes are announced. */
    private readonly shopIds: () => string[],
    private readonly factory: IntakeFactory = realIntake,
  ) {
    this.engine = factory(ctx(), secrets);
    this.unsubscribe = this.listen();
  }

  get service(): IntakeEngine {
    return this.engine;
  }

  /** The mailboxes of the shops on screen as they are now. */
  statuses(): IntakeStatus[] {
    const shops = this.shopIds();
    const ctx = this.ctx();
    return this.engine
      .status()
      .filter((s) => shops.includes(s.sellerId))
      .map((s) => intakeStatusView(s, ctx));
  }

  async start(): Promise<void> {
    this.running = true;
    await this.engine.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.engine.stop();
  }

  /** Runs `work` (which replaces the context) with the intake stopped, then starts one over the new context. */
  async reopened(work: () => Promise<void>): Promise<void> {
    const wasRunning = this.running;
    await this.engine.stop();
    this.unsubscribe();
    try {
      await work();
    } finally {
      this.engine = this.factory(this.ctx(), this.secrets);
      this.unsubscribe = this.listen();
      if (wasRunning) await this.engine.start();
    }
  }

  private listen(): () => void {
    return this.engine.onStatus((s) => {
      if (!this.shopIds().includes(s.sellerId)) return;
      this.events.emit('intake.status', intakeStatusView(s, this.ctx()));
    });
  }
}
