/**
 * The state behind every contract call: the open core context (replaced when the relay domain
 * changes), the secrets, the relay runner and the event source. The handlers (handlers.ts)
 * are thin functions over this.
 */
import type { AppStatus, FilterCounts } from '../../../shared/contract.js';
import type { Language } from '../../../shared/domain.js';
import { CoreContext, type CoreOptions, type RecordedMessage } from '../context.js';
import { ParleyError } from '../errors.js';
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
import { currentSeller, relaySettings, sellerSettings, uiSettings, type RelayOverrides } from './settings.js';
import type { WakeWatchOptions } from './wake-watch.js';

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
  /** Tests: the IMAP intake over a fake engine instead of IntakeService. */
  intake?: IntakeFactory;
}

export class AppCore {
  private context: CoreContext;
  readonly events: AppEvents;
  readonly relay: RelayRunner;
  readonly intake: IntakeRunner;
  mime: MimeViews;

  constructor(
    private readonly setup: AppServiceOptions,
    readonly secrets: SecretStore,
  ) {
    this.context = this.open(setup.relayOverrides?.domain);
    this.mime = new MimeViews(this.context.store.blobs);
    this.events = new AppEvents(() => {
      const seller = this.seller();
      return seller ? countInbox(this.ctx, seller.id) : null;
    });
    this.relay = new RelayRunner(() => this.context, secrets, setup.relayOverrides ?? {}, this.events, setup.wake);
    this.intake = new IntakeRunner(
      () => this.context,
      secrets,
      this.events,
      () => this.seller()?.id ?? null,
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

  /** 'message.new' for this shop's messages, and a recount soon after. */
  private recorded(m: RecordedMessage): void {
    const seller = this.seller();
    if (!seller || m.sellerId !== seller.id) return;
    const alias = m.alias ? this.context.addresses.aliasAddress(m.alias) : null;
    const scrub = scrubber([m.buyerAddress], alias ?? 'the buyer');
    const fromLabel =
      m.direction === 'buyer-to-seller'
        ? buyerLabel(m.buyerName ?? m.fromName, alias ?? 'buyer')
        : m.direction === 'seller-to-buyer'
          ? seller.name
          : 'Parley';
    this.events.emit('message.new', {
      conversationId: m.conversationId,
      messageId: m.id,
      direction: m.direction,
      fromLabel,
      subject: scrub(m.subject),
    });
    this.events.countsSoon();
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
        () => this.seller() !== null,
      ),
    );
  }

  seller(): Seller | null {
    return currentSeller(this.context);
  }

  get chooseExportPath(): ChooseExportPath | undefined {
    return this.setup.chooseExportPath;
  }

  requireSeller(): Seller {
    const seller = this.seller();
    if (!seller)
      throw new ParleyError('ENOTFOUND', 'No shop is set up yet: explore the demo data or set up your shop first', {
        detail: { key: 'shop.none', params: {} },
      });
    return seller;
  }

  language(): Language {
    return uiSettings(this.context, this.seller()).language;
  }

  counts(): FilterCounts {
    const seller = this.seller();
    if (seller) return countInbox(this.context, seller.id);
    return {
      'response-needed': 0,
      all: 0,
      sent: 0,
      undeliverable: 0,
      reported: 0,
      'no-response': 0,
      drafts: 0,
      outbox: 0,
    };
  }

  status(): AppStatus {
    const seller = this.seller();
    return {
      version: this.setup.version,
      firstRun: seller === null,
      seller: seller ? sellerSettings(this.context, seller) : null,
      relay: relaySettings(this.context, this.secrets),
      relayStatus: this.relay.status(),
      intake: this.intake.statuses(),
      ui: uiSettings(this.context, seller),
      dataDir: this.setup.dataDir,
    };
  }

  async close(): Promise<void> {
    await this.intake.stop();
    await this.relay.stop();
    this.events.close();
    this.context.close();
  }
}
