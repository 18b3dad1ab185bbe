/**
 * The app service: the backend of every contract call (src/shared/contract.ts), in plain Node
 * over the core. The Electron shell binds it to IPC, `parley serve --http` to the web bridge;
 * both get `handlers` (one per call, input already parsed) and the push events (`onEvent`).
 * It serves one seller: the one chosen at setup (`app_seller`), else the first one.
 */
import type { ContractHandlers, EventSource, RelayStatus } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import type { Clock } from '../store/store.js';
import { AppCore } from './app-core.js';
import { createHandlers } from './handlers.js';
import { FileSecretStore, type SecretStore } from './secrets.js';
import type { RelayOverrides } from './settings.js';
import type { WakeWatchOptions } from './wake-watch.js';

export type { SecretStore } from './secrets.js';
export type { RelayOverrides } from './settings.js';

export interface AppServiceOptions {
  dataDir: string;
  version: string;
  /** DNS for SPF/DKIM/DMARC, as CoreOptions: 'system', 'offline' or a fixture file. */
  dns?: string;
  /**
   * Where secrets live. Electron passes one backed by safeStorage; without one, a JSON file
   * readable only by its owner (0600) in the data directory (FileSecretStore).
   */
  secrets?: SecretStore;
  clock?: Clock;
  /** CLI flags that override stored relay settings for this run (parley serve --smtp … --smarthost …). */
  relayOverrides?: RelayOverrides;
  /** better-sqlite3's `nativeBinding` (the Electron ABI build). */
  nativeBinding?: string;
  /** How long the outbox keeps trying, in ms (CoreOptions.queueLifetimeMs). */
  queueLifetimeMs?: number;
  /** Tests: drive the sleep / network-change watch with a fake clock. */
  wake?: WakeWatchOptions;
}

export interface AppService extends EventSource {
  readonly handlers: ContractHandlers;
  /** The open core; replaced when the relay domain changes, so read it when needed. */
  readonly ctx: CoreContext;
  /** Starts the relay per the settings (when a shop exists). A port in use is reported in relayInfo(), not thrown. */
  start(): Promise<void>;
  /** Stops the relay and closes the store. */
  stop(): Promise<void>;
  relayInfo(): RelayStatus;
}

export async function createAppService(opts: AppServiceOptions): Promise<AppService> {
  const core = new AppCore(
    {
      dataDir: opts.dataDir,
      version: opts.version,
      dns: opts.dns,
      clock: opts.clock,
      nativeBinding: opts.nativeBinding,
      relayOverrides: opts.relayOverrides,
      queueLifetimeMs: opts.queueLifetimeMs,
      wake: opts.wake,
    },
    opts.secrets ?? new FileSecretStore(opts.dataDir),
  );
  const handlers = createHandlers(core);
  return {
    handlers,
    get ctx() {
      return core.ctx;
    },
    onEvent: (listener) => core.events.onEvent(listener),
    start: () => core.relay.start(core.seller() !== null),
    stop: () => core.close(),
    relayInfo: () => core.relay.status(),
  };
}
