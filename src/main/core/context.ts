import os from 'node:os';
import { AddressBook } from './relay/address-book.js';
import { makeResolver, type Resolver } from './relay/dns-resolver.js';
import { ConversationQueries } from './store/conversations.js';
import { DomainRepo } from './store/domains.js';
import { DraftRepo } from './store/drafts.js';
import { InboxQueries } from './store/inbox-queries.js';
import { ImportantUseLog } from './store/important-uses.js';
import { PostmasterBox } from './store/postmaster.js';
import { MailImportStore } from './store/mail-import.js';
import { MarkRepo } from './store/marks.js';
import { MessageRecord, type RecordedMeta } from './store/record.js';
import { RecordReader } from './store/record-reader.js';
import { OrderRepo } from './store/orders.js';
import { OutboxRepo, type OutboxItem } from './store/outbox.js';
import { OutboxQueries } from './store/outbox-queries.js';
import { PairRepo } from './store/pairs.js';
import { PerformanceQueries } from './store/performance-queries.js';
import { ReleaseRepo } from './store/releases.js';
import { ReportQueries } from './store/reports.js';
import { SearchQueries } from './store/search-queries.js';
import { TemplateRepo } from './store/templates.js';
import { SellerRepo } from './store/sellers.js';
import { Store, type Clock } from './store/store.js';
import { CoreSignals } from './signals.js';
import { stderrLog, type AddressKnowledge, type Log } from './log.js';

export interface CoreOptions {
  dataDir: string;
  /**
   * The relay domain new addresses use; remembered in the store, so later commands may leave it out. A new one becomes
   * current and the ones served before stay valid (store/domains.ts).
   */
  domain?: string;
  /** DNS for SPF/DKIM/DMARC: 'system', 'offline' or a JSON file of fixture records. */
  dns?: string;
  /** How long the outbox keeps trying before it gives up and tells the seller, in ms. */
  queueLifetimeMs?: number;
  clock?: Clock;
  /** better-sqlite3's `nativeBinding`: the Electron shell loads a build for its own ABI. */
  nativeBinding?: string;
  /** Where the relay, the outbox and the intake log to (core/log.ts); without one, warnings go to stderr. */
  log?: Log;
}

export type { RecordedMessage } from './signals.js';

export const DEFAULT_DOMAIN = 'relay.parley.localhost';
export const DEFAULT_QUEUE_LIFETIME_MS = 5 * 24 * 3_600_000; // 5 days, Postfix's maximal_queue_lifetime

/** Everything the relay, the CLI and the app service share: the store, its repositories and the address scheme. */
export class CoreContext {
  readonly store: Store;
  readonly sellers: SellerRepo;
  readonly pairs: PairRepo;
  readonly orders: OrderRepo;
  readonly record: MessageRecord;
  readonly outbox: OutboxRepo;
  readonly releases: ReleaseRepo;
  readonly drafts: DraftRepo;
  /** Saved replies and signatures. */
  readonly templates: TemplateRepo;
  /** Read models of the app's screens: the inbox list, one conversation, reports, the outbox, the search box. */
  readonly inbox: InboxQueries;
  readonly conversations: ConversationQueries;
  readonly reports: ReportQueries;
  readonly outboxView: OutboxQueries;
  readonly search: SearchQueries;
  readonly performance: PerformanceQueries;
  readonly recordReader: RecordReader;
  readonly marks: MarkRepo;
  readonly importantUses: ImportantUseLog;
  readonly postmaster: PostmasterBox;
  readonly mailImports: MailImportStore;
  readonly addresses: AddressBook;
  /** Every relay domain the store has served; the current one is `domain`. */
  readonly domains: DomainRepo;
  /** The current relay domain: every new address, Message-ID and return path is under it. */
  readonly domain: string;
  /** The domain that was current before `CoreOptions.domain` replaced it at this open, or null. */
  readonly replacedDomain: string | null;
  readonly resolver: Resolver;
  readonly queueLifetimeMs: number;
  readonly hostname = os.hostname();
  /** What commits announce: deliveries queued, messages recorded (signals.ts). */
  readonly signals = new CoreSignals();
  /** The log, reading addresses with this store's knowledge: its buyers' addresses never written (R5). */
  readonly log: Log;

  /** Queues a delivery (inside a transaction) and remembers it for the 'queued' signal after the commit. */
  enqueueDelivery(input: Parameters<OutboxRepo['enqueue']>[0], into: OutboxItem[]): void {
    into.push(OutboxRepo.fresh(this.outbox.enqueue(input), input, this.store.clock.now()));
  }

  constructor(opts: CoreOptions) {
    this.store = new Store(opts.dataDir, opts.clock, { nativeBinding: opts.nativeBinding });
    this.domains = new DomainRepo(this.store);
    const served = this.domains.serve(opts.domain ?? this.domains.current() ?? DEFAULT_DOMAIN);
    this.domain = served.name;
    this.replacedDomain = served.previous;
    // The index holds each alias address with the current domain (the seller's view, R5): read it again.
    if (served.previous !== null) this.store.searchIndex.rebuild();
    this.sellers = new SellerRepo(this.store);
    this.pairs = new PairRepo(this.store, (email) => this.sellers.sellersOwning(email));
    this.orders = new OrderRepo(this.store, this.pairs);
    this.record = new MessageRecord(this.store);
    this.outbox = new OutboxRepo(this.store);
    this.releases = new ReleaseRepo(this.store);
    this.drafts = new DraftRepo(this.store);
    this.templates = new TemplateRepo(this.store);
    this.inbox = new InboxQueries(this.store);
    this.conversations = new ConversationQueries(this.store);
    this.reports = new ReportQueries(this.store);
    this.outboxView = new OutboxQueries(this.store);
    this.search = new SearchQueries(this.store);
    this.performance = new PerformanceQueries(this.store);
    this.recordReader = new RecordReader(this.store);
    this.marks = new MarkRepo(this.store);
    this.importantUses = new ImportantUseLog(this.store);
    this.postmaster = new PostmasterBox(this.store);
    this.mailImports = new MailImportStore(this.store);
    this.addresses = new AddressBook(this.domain, this.store.hmacSecret(), this.domains.names());
    this.resolver = makeResolver(opts.dns ?? 'system');
    this.queueLifetimeMs = opts.queueLifetimeMs ?? DEFAULT_QUEUE_LIFETIME_MS;
    this.log = (opts.log ?? stderrLog()).withAddresses(this.addressKnowledge());
  }

  /**
   * The buyers' addresses, read again when a buyer was added (by this process or another: the newest buyer's id
   * moved); the relay's and shops' kept. The same list while it holds, so the log builds its scrubber once.
   */
  private addressKnowledge(): AddressKnowledge {
    let buyers: { last: number; list: string[] } | undefined;
    return {
      buyers: () => {
        const last = this.pairs.lastBuyerId();
        if (buyers?.last !== last) buyers = { last, list: this.pairs.buyerEmails() };
        return buyers.list;
      },
      keep: (address) => {
        const domain = address.slice(address.lastIndexOf('@') + 1);
        if (this.addresses.domains.some((d) => domain === d || domain.endsWith(`.${d}`))) return true;
        return this.sellers.sellersOwning(address).length > 0;
      },
    };
  }

  /**
   * The message a relay Message-ID token names (a return path, a mailed action): recorded under whichever domain was
   * current when it was sent.
   */
  messageByRelayToken(token: string): RecordedMeta | undefined {
    for (const domain of this.addresses.domains) {
      const found = this.record.byRelayId(`<${token}@${domain}>`);
      if (found) return found;
    }
    return undefined;
  }

  close(): void {
    this.store.close();
  }
}
