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
import path from 'node:path';
import { fileLog, LOG_FILE, logDir } from '../log.js';
import { systemClock } from '../store/store.js';

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
  /** The folder of the app's log (`<data>/logs`, core/log.ts), unless the caller passed a log of its own. */
  readonly logFolder: string;
  /** A bug in a contract call, into the log (and on stderr); the transport answers INTERNAL_ERROR. */
  logInternal(name: string, err: unknown): void;
  /** The tray's "Pause relay": the listeners and the outbox stop, the store stays open ('relay.status' says so). */
  pauseRelay(): Promise<void>;
  /** Starts the relay again after pauseRelay(). */
  resumeRelay(): Promise<void>;
  /** The web bridge's token of this data folder (kept with the secrets; Settings' "New link" replaces it). */
  bridgeToken(): string;
}

export async function createAppService(options: AppServiceOptions): Promise<AppService> {
  // The app always keeps a log in its data folder: the "details are in its log" of an internal error are there.
  const logFolder = logDir(options.dataDir);
  const ownLog = options.log
    ? undefined
    : fileLog(path.join(logFolder, LOG_FILE), { stderr: true, now: () => (options.clock ?? systemClock).now() });
  const opts = { ...options, log: options.log ?? ownLog };
  const core = new AppCore(opts, opts.secrets ?? new FileSecretStore(opts.dataDir));
  const handlers = createHandlers(core);
  return {
    handlers,
    get ctx() {
      return core.ctx;
    },
    onEvent: (listener) => core.events.onEvent(listener),
    start: async () => {
      // A store that failed its integrity check at start stays closed to mail until the seller picks a way out.
      if (!core.writable()) {
        core.ctx.log.error('app', `the store failed its integrity check at start: ${core.storeCheck().problem}`);
        return;
      }
      await core.relay.start(core.hasShop());
      await core.intake.start();
      core.backups.start();
    },
    stop: async () => {
      await core.close();
      ownLog?.close();
    },
    relayInfo: () => core.relay.status(),
    logFolder,
    logInternal: (name, err) => core.ctx.log.error('app', `internal error in ${name}`, err),
    pauseRelay: () => core.relay.stop(),
    resumeRelay: () => core.relay.start(core.hasShop() && core.writable()),
    bridgeToken: () => core.bridgeToken.value,
  };
}
