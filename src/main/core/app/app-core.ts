/**
 * The state behind every contract call: the open core context (replaced when the relay domain
 * changes), the secrets, the relay runner and the event source. The handlers (handlers.ts)
 * are thin functions over this.
 */
import type { AppStatus, FilterCounts, ShopList } from '../../../shared/contract.js';
import type { Language } from '../../../shared/domain.js';
import { CoreContext, type CoreOptions, type RecordedMessage } from '../context.js';
import { isParleyError, ParleyError } from '../errors.js';
import { logDir } from '../log.js';
import { checkDomainName } from '../store/domains.js';
import type { Seller } from '../store/sellers.js';
import { AppEvents } from './events.js';
import { countInbox } from './inbox.js';
import { MimeViews } from './mime-view.js';
import { buyerLabel, scrubber } from './privacy.js';
import { RelayRunner } from './relay-runner.js';
import { IntakeRunner, type IntakeFactory } from './intake-runner.js';
import type { ChooseExportPath } from './record.js';
import type { SecretStore } from './secrets.js';
import {
  commandLineListeners,
  currentSeller,
  mailClientSetup,
  relaySettings,
  sellerSettings,
  SETTING_KEYS,
  shopSelection,
  uiSettings,
  type RelayOverrides,
} from './settings.js';
import type { OpenExternal } from './links.js';
import type { WakeWatchOptions } from './wake-watch.js';
import { checkStoreAtStart, type StartCheck } from '../ops/start-check.js';
import { restoreStore } from '../store/backup.js';
import type { StoreCheckView } from '../../../shared/contract-backup.js';
import { BackupScheduler, lastGoodBackup } from './backup.js';
import { BridgeToken } from './bridge-token.js';

/**
 * Everything the app service is opened with: the core's own options (the relay domain excepted: it is
 * a stored setting, changed through settings) and what only the app needs. Passed down whole, never
 * copied field by field.
 */
export interface AppServiceOptions extends Omit<CoreOptions, 'domain'> {
  version: string;
  /**
   * Where secrets live. Electron passes one backed by safeStorage; without one, a JSON file
   * readable only by its owner (0600) in the data directory (FileSecretStore).
   */
  secrets?: SecretStore;
  /** CLI flags that override stored relay settings for this run (parley serve --smtp … --smarthost …). */
  relayOverrides?: RelayOverrides;
  /** Tests: drive the sleep / network-change watch with a fake clock. */
  wake?: WakeWatchOptions;
  /**
   * Where an export for a dispute authority goes: Electron shows a save dialog. Without one (the web bridge), it is
   * written into `exports/` in the data directory (app/record.ts).
   */
  chooseExportPath?: ChooseExportPath;
  /** Opens a confirmed web link in the system browser (Electron: shell.openExternal); the web bridge has none. */
  openExternal?: OpenExternal;
  /** Where backups go: Electron shows a folder dialog (null: cancelled). Without one, Settings takes a typed path. */
  chooseBackupFolder?: () => Promise<string | null>;
  /** Tests: the IMAP intake over a fake engine instead of IntakeService. */
  intake?: IntakeFactory;
  /**
   * Opens a folder in the system's file manager, '' when it did, else why not (Electron: shell.openPath); the web
   * bridge has none, and Settings shows the log folder's path to copy instead.
   */
  openFolder?: (folder: string) => Promise<string>;
}

export class AppCore {
  private context: CoreContext;
  readonly events: AppEvents;
  readonly relay: RelayRunner;
  readonly intake: IntakeRunner;
  mime: MimeViews;
  /** The daily backup (Settings "Backup"); started with the relay, only over a store that passed its check. */
  readonly backups: BackupScheduler;
  private checked: StartCheck;
  private readOnly = false;
  /** The web bridge's token, per data folder (`parley serve --http`); unused by the desktop app. */
  readonly bridgeToken: BridgeToken;

  constructor(
    private readonly setup: AppServiceOptions,
    readonly secrets: SecretStore,
  ) {
    this.bridgeToken = new BridgeToken(secrets);
    this.context = this.open(setup.relayOverrides?.domain);
    this.checked = checkStoreAtStart(this.context);
    this.backups = new BackupScheduler(
      () => this.context,
      () => this.context.store.clock.now(),
    );
    this.mime = new MimeViews(this.context.store.blobs);
    this.events = new AppEvents(() => (this.hasShop() ? this.counts() : null));
    this.relay = new RelayRunner(() => this.context, secrets, setup.relayOverrides ?? {}, this.events, setup.wake);
    this.intake = new IntakeRunner(
      () => this.context,
      secrets,
      this.events,
      () => this.shopsInView().map((s) => s.id),
      setup.intake,
    );
  }

  get ctx(): CoreContext {
    return this.context;
  }

  private open(domain: string | undefined): CoreContext {
    const ctx = new CoreContext({ ...this.setup, domain });
    ctx.signals.on('recorded', (m) => this.recorded(m));
    return ctx;
  }

  /** 'message.new' for the messages of the shops in view, and a recount soon after (the switcher counts every shop). */
  private recorded(m: RecordedMessage): void {
    this.events.countsSoon();
    const seller = this.shopsInView().find((s) => s.id === m.sellerId);
    if (!seller) return;
    const alias = m.alias ? this.context.addresses.aliasAddress(m.alias) : null;
    const scrub = scrubber([m.buyerAddress], alias ?? 'the buyer');
    const fromLabel =
      m.direction === 'buyer-to-seller'
        ? buyerLabel(m.buyerName ?? m.fromName, alias ?? 'buyer')
        : m.direction === 'seller-to-buyer'
          ? seller.name
          : 'Parley';
    this.events.emit('message.new', {
      shopId: seller.id,
      conversationId: m.conversationId,
      messageId: m.id,
      direction: m.direction,
      fromLabel,
      subject: scrub(m.subject),
    });
  }

  /** The relay domain names every address: changing it reopens the store with the relay stopped. */
  async changeDomain(input: string): Promise<void> {
    const domain = checkDomainName(input); // refused before the store closes
    if (domain === this.context.domain) return;
    // The intake reads and writes through the context too: a new one over the new store.
    await this.intake.reopened(() =>
      this.relay.paused(
        async () => {
          this.context.close();
          this.context = this.open(domain);
          this.mime = new MimeViews(this.context.store.blobs);
        },
        () => this.hasShop(),
      ),
    );
  }

  /** The one shop the app shows; null while "All shops" is chosen (or before the first shop). */
  seller(): Seller | null {
    return currentSeller(this.context);
  }

  /** "All shops": a merged inbox, each row badged with its shop. */
  showsAll(): boolean {
    return shopSelection(this.context) === 'all';
  }

  hasShop(): boolean {
    return shopSelection(this.context) !== null;
  }

  /** The shops whose inbox is on screen: the chosen one, or every shop under "All shops". */
  shopsInView(): Seller[] {
    const selected = shopSelection(this.context);
    if (selected === 'all') return this.context.sellers.list();
    const seller = this.seller();
    return seller ? [seller] : [];
  }

  /** Kept in the store, so the app opens on the same shop after a restart. */
  selectShop(shop: string | 'all'): void {
    if (shop !== 'all') this.context.sellers.require(shop); // ENOTFOUND (seller.notFound) for an unknown id
    this.context.store.setSetting(SETTING_KEYS.appSeller, shop);
    this.events.countsSoon();
  }

  shops(): ShopList {
    return {
      selected: shopSelection(this.context) ?? 'all',
      shops: this.context.sellers.list().map((s) => ({
        id: s.id,
        name: s.name,
        responseNeeded: countInbox(this.context, s.id)['response-needed'],
      })),
    };
  }

  /**
   * Runs a call about one conversation, message, draft or outbox item in the shop it belongs to: the chosen shop, or
   * under "All shops" the first shop that knows it (another shop's id is ENOTFOUND there, as the functions promise).
   */
  async inShopOf<T>(fn: (seller: Seller) => T | Promise<T>): Promise<T> {
    if (shopSelection(this.context) !== 'all') return fn(this.requireSeller());
    const shops = this.context.sellers.list();
    for (const [i, seller] of shops.entries()) {
      try {
        return await fn(seller);
      } catch (err) {
        if (i === shops.length - 1 || !isParleyError(err) || err.code !== 'ENOTFOUND') throw err;
      }
    }
    return fn(this.requireSeller()); // no shop at all: shop.none
  }

  /** Where the app's log is (core/log.ts); Settings' "Open logs folder". */
  get logFolder(): string {
    return logDir(this.setup.dataDir);
  }

  get openFolder(): ((folder: string) => Promise<string>) | undefined {
    return this.setup.openFolder;
  }

  /** The store passed its integrity check at start: the relay, the intake and the backups may run. */
  writable(): boolean {
    return this.checked.ok;
  }

  storeCheck(): StoreCheckView {
    let last: ReturnType<typeof lastGoodBackup> = null;
    try {
      last = lastGoodBackup(this.context);
    } catch {
      // a database too damaged to read its settings: no backup to offer from here (parley restore still works)
    }
    return {
      ok: this.checked.ok,
      failed: this.checked.failed ?? null,
      problem: this.checked.problem ?? null,
      readOnly: this.readOnly,
      lastBackup: last?.dir ? { at: last.at, dir: last.dir, messages: last.messages } : null,
    };
  }

  /** After a failed check: the app stays open to read and export; the relay and the intake stay off. */
  continueReadOnly(): StoreCheckView {
    this.readOnly = !this.checked.ok;
    return this.storeCheck();
  }

  /** After a failed check: the last good backup replaces the store (the damaged one is set aside, not deleted). */
  async restoreLastBackup(): Promise<StoreCheckView> {
    const last = this.storeCheck().lastBackup;
    if (!last)
      throw new ParleyError('ENOTFOUND', 'There is no backup to restore: use parley restore --from DIR', {
        detail: { key: 'backup.none', params: {} },
      });
    const wasWritable = this.writable();
    await this.intake.reopened(() =>
      this.relay.paused(
        async () => {
          const dataDir = this.context.store.dataDir;
          this.context.close();
          try {
            await restoreStore(last.dir, dataDir, { force: true });
          } finally {
            this.context = this.open(this.setup.relayOverrides?.domain);
            this.mime = new MimeViews(this.context.store.blobs);
          }
          this.checked = checkStoreAtStart(this.context);
          this.readOnly = false;
        },
        () => this.hasShop() && this.writable(),
      ),
    );
    if (this.writable() && !wasWritable) {
      await this.intake.start();
      this.backups.start();
    }
    this.events.countsSoon();
    return this.storeCheck();
  }

  get chooseBackupFolder(): (() => Promise<string | null>) | undefined {
    return this.setup.chooseBackupFolder;
  }

  get chooseExportPath(): ChooseExportPath | undefined {
    return this.setup.chooseExportPath;
  }

  get openExternal(): OpenExternal | undefined {
    return this.setup.openExternal;
  }

  requireSeller(): Seller {
    const seller = this.seller();
    if (!seller && shopSelection(this.context) === 'all')
      throw new ParleyError('EBADINPUT', 'This works in one shop at a time: pick a shop first', {
        detail: { key: 'shop.pickOne', params: {} },
      });
    if (!seller)
      throw new ParleyError('ENOTFOUND', 'No shop is set up yet: explore the demo data or set up your shop first', {
        detail: { key: 'shop.none', params: {} },
      });
    return seller;
  }

  language(): Language {
    return uiSettings(this.context, this.seller() ?? this.context.sellers.first() ?? null).language;
  }

  /** The counts of the shops in view ("All shops": summed). */
  counts(): FilterCounts {
    const sum: FilterCounts = {
      'response-needed': 0,
      all: 0,
      sent: 0,
      undeliverable: 0,
      reported: 0,
      'no-response': 0,
      drafts: 0,
      outbox: 0,
    };
    for (const seller of this.shopsInView()) {
      const counts = countInbox(this.context, seller.id);
      for (const key of Object.keys(sum) as (keyof FilterCounts)[]) sum[key] += counts[key];
    }
    return sum;
  }

  status(): AppStatus {
    const seller = this.seller();
    const overrides = this.setup.relayOverrides ?? {};
    const relayStatus = this.relay.status();
    return {
      version: this.setup.version,
      firstRun: !this.hasShop(),
      seller: seller ? sellerSettings(this.context, seller) : null,
      relay: { ...relaySettings(this.context, this.secrets), commandLine: commandLineListeners(overrides) },
      relayStatus,
      intake: this.intake.statuses(),
      ui: uiSettings(this.context, seller ?? this.context.sellers.first() ?? null),
      dataDir: this.setup.dataDir,
      shop: shopSelection(this.context) ?? 'all',
      storeCheck: this.storeCheck(),
      mailClient: seller ? mailClientSetup(this.context, this.secrets, overrides, relayStatus, seller) : null,
    };
  }

  async close(): Promise<void> {
    await this.backups.stop();
    await this.intake.stop();
    await this.relay.stop();
    this.events.close();
    this.context.close();
  }
}
