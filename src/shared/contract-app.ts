/**
 * The app's own outputs (contract.ts): settings, the relay's status, postmaster mail, the shops and the whole app
 * status. contract-types.ts re-exports them beside the inbox's shapes.
 */
import type { Language } from './domain.js';
import type { Theme, UrgentCheck } from './vocabulary.js';
import type { ErrorDetail } from './errors.js';
import type { IntakeStatus } from './contract-intake.js';
import type { StoreCheckView } from './contract-backup.js';

export interface SellerSettings {
  id: string;
  /** Shop name shown to buyers (R6). */
  name: string;
  /** Customer-service address: where buyer mail goes (R5), the registered sender (R7). */
  email: string;
  language: Language;
  /** R13: bounce notices for blocked messages. */
  bounceNotices: boolean;
  /** R11 strict mode: an unnecessary [Important] message is blocked instead of warned about. */
  strict: boolean;
  /**
   * R11 outside strict mode: 'confirm' (default) holds a message that confidently does not look
   * necessary until the seller confirms it ("Send anyway") or releases it; 'warn-only' sends it with a warning.
   */
  urgentCheck: UrgentCheck;
  /** R7: further addresses allowed to write to aliases. */
  authorizedSenders: string[];
  /** The seller's relay address buyers write to, e.g. holzwerkstatt@relay.parley.localhost. */
  relayAddress: string;
}

/** A relay domain the store has served (Settings → Relay domain, `parley domain list`). */
export interface ServedDomain {
  name: string;
  /** ISO time the relay began to use it. */
  firstServedAt: string;
  /** The one new addresses use; mail to the others still arrives. */
  current: boolean;
}

export interface RelaySettings {
  domain: string;
  /** host:port of the inbound listener (buyers, carriers). */
  smtp: string;
  /** host:port of the submission listener (the seller's own mail client, AUTH). */
  submission: string;
  /**
   * smtp://host:port of the smarthost, or null for the local mailbox under the data directory. The scheme and
   * `?starttls=never` say how it is secured: smtp:// STARTTLS required, smtps:// TLS from the first byte, none.
   */
  smarthost: string | null;
  smarthostUser: string | null;
  /** "Trust this certificate": the SHA-256 fingerprint of the smarthost certificate accepted as it is. */
  smarthostFingerprint?: string | null;
  /** Secrets never cross to the renderer; only whether one is set. */
  hasSmarthostPassword: boolean;
  dkimSelector: string | null;
  hasDkimKey: boolean;
  /** Paths of the PEM certificate and key the listeners offer TLS with (needed off loopback), or null. */
  tlsCert: string | null;
  tlsKey: string | null;
  /** Submission with STARTTLS, or TLS from the first byte (RFC 8314). */
  submissionTls: 'starttls' | 'implicit';
  /**
   * The listener addresses given on the command line (`parley serve --smtp … --submission …`, `npm start -- …`): they
   * win over the stored ones for this run, so Settings shows them as set there and does not offer to change them.
   */
  commandLine?: { smtp: string | null; submission: string | null };
}

/**
 * What a mail client needs to send through the relay's submission port as this shop: the address and port that run
 * (else the stored ones), how the connection is secured, and the login. The password is never part of it: a reset
 * (`seller.resetPassword`) shows a new one once.
 */
export interface MailClientSetup {
  host: string;
  port: number;
  /** 'starttls': STARTTLS on a plain connection; 'tls': TLS from the first byte; 'none': no TLS (loopback only). */
  security: 'starttls' | 'tls' | 'none';
  /** The AUTH login: the shop's seller id. */
  user: string;
}

export interface UiSettings {
  language: Language;
  /**
   * The seller (or first run) stored this language. False while nothing is stored: `language` is then the shop's,
   * and before any shop the UI keeps the system's language (navigator.language, the app's locale in Electron).
   */
  languageChosen?: boolean;
  theme: Theme;
  /** An OS notification for each new buyer message while the window is not in front (on unless turned off). */
  notifications: boolean;
  /** The desktop app starts with the system, in the tray (off unless turned on). */
  startAtLogin: boolean;
  /** The seller was told once that closing the window keeps Parley running in the tray. */
  closeHintShown: boolean;
}

/** Where the relay hands outbound mail: a smarthost (host:port) or the local mailbox (its folder); none when stopped */
export interface OutboundVia {
  kind: 'smarthost' | 'local-mailbox' | 'not-started';
  where: string | null;
}

export interface RelayStatus {
  running: boolean;
  /** Bound addresses while running. */
  smtp: string | null;
  submission: string | null;
  /** "smarthost smtp://host:port" or "local mailbox <folder>" (English; the CLI prints it). */
  outbound: string;
  /** The same as a kind and a place, which the UI words in its language. */
  outboundVia?: OutboundVia;
  /** Why it is not running, in plain words (English; the CLI prints it). */
  error: string | null;
  /** The same as a message key and params, which the UI words in its language. */
  errorDetail?: ErrorDetail | null;
  /**
   * While running: the smarthost's certificate failed verification or it offers no STARTTLS, so the outbox waits
   * (English words with the certificate's fingerprint, and the same as a message key).
   */
  smarthostError?: string | null;
  smarthostErrorDetail?: ErrorDetail | null;
  /** Remote addresses and submission logins locked now after too many wrong passwords (Settings shows them). */
  authLockouts?: AuthLockoutView[];
}

/** A remote address or a submission login (a seller id) refused for a while after too many wrong passwords. */
export interface AuthLockoutView {
  kind: 'address' | 'login';
  /** The remote address, or the login as it was sent (lower-cased). */
  key: string;
  failures: number;
  /** ISO time the lockout ends. */
  until: string;
}

/** A message to postmaster@ the relay domain (RFC 5321), kept for the admin view in Settings; never forwarded. */
export interface PostmasterMailView {
  id: number;
  receivedAt: string;
  /** The envelope sender as given ('' for a null sender). */
  envelopeFrom: string;
  remoteAddress: string;
  subject: string;
  /** Bytes. */
  size: number;
}

/** One postmaster message as plain text: never HTML (an HTML part is turned into text). */
export interface PostmasterMessage extends PostmasterMailView {
  /** The header block as received. */
  headers: string;
  text: string;
}

export interface AppStatus {
  version: string;
  /** No seller yet: the UI shows the first-run choice (demo data or set up a shop). */
  firstRun: boolean;
  seller: SellerSettings | null;
  relay: RelaySettings;
  relayStatus: RelayStatus;
  /** The shop's IMAP intake mailboxes as they are now (then pushed as 'intake.status'). */
  intake: IntakeStatus[];
  ui: UiSettings;
  dataDir: string;
  /** The shop the inbox, counts, orders, performance and Settings show: a seller id, or 'all' (a merged inbox). */
  shop: ShopSelection;
  /** The integrity check at start; a failed one shows its screen until the seller picks a way out. */
  storeCheck?: StoreCheckView;
  /** How the shop in view connects a mail client to the submission port; null before a shop or under "All shops". */
  mailClient?: MailClientSetup | null;
}

/** Which shop the app shows: one seller's id, or 'all' (the merged inbox; Settings and performance need one). */
export type ShopSelection = string | 'all';

/** One shop in the top bar's switcher, with the count beside it. */
export interface ShopView {
  id: string;
  name: string;
  /** Conversations with a buyer message needing a response (R20). */
  responseNeeded: number;
}

export interface ShopList {
  selected: ShopSelection;
  shops: ShopView[];
}
