/**
 * The app service: the backend of every contract call (src/shared/contract.ts), in plain Node
 * over the core. The Electron shell binds it to IPC, `parley serve --http` to the web bridge;
 * both get `handlers` (one per call, input already parsed) and the push events (`onEvent`).
 * It serves one seller: the one chosen at setup (`app_seller`), else the first one.
 */
import type { ContractHandlers, EventSource, RelayStatus } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { AppCore, type AppServiceOptions } from './app-core.js';
import { createHandlers } from './handlers.js';
import { FileSecretStore } from './secrets.js';

export type { AppServiceOptions } from './app-core.js';
export type { SecretStore } from './secrets.js';
export type { RelayOverrides } from './settings.js';

export interface AppService extends EventSource {
  readonly handlers: ContractHandlers;
  /** The open core; replaced when the relay domain changes, so read it when needed. */
  readonly ctx: CoreContext;
  /**
   * Starts the relay per the settings (when a shop exists), then the IMAP intake's mailboxes. A port in use is reported
   * in relayInfo(), not thrown; a mailbox that cannot be reached retries and says why ('intake.status').
   */
  start(): Promise<void>;
  /** Stops the relay and closes the store. */
  stop(): Promise<void>;
  relayInfo(): RelayStatus;
}

export async function createAppService(opts: AppServiceOptions): Promise<AppService> {
  const core = new AppCore(opts, opts.secrets ?? new FileSecretStore(opts.dataDir));
  const handlers = createHandlers(core);
  return {
    handlers,
    get ctx() {
      return core.ctx;
    },
    onEvent: (listener) => core.events.onEvent(listener),
    start: async () => {
      await core.relay.start(core.seller() !== null);
      await core.intake.start();
    },
    stop: () => core.close(),
    relayInfo: () => core.relay.status(),
  };
}
