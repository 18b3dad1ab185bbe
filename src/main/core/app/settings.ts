/**
 * The seller's settings as the UI sees them: relay ports, smarthost and DKIM in the settings
 * table, their secrets in the SecretStore (only "is one set" crosses to the UI), the UI's own
 * language and theme, and how they turn into the relay's options at start.
 */
import type {
  MailClientSetup,
  RelaySettings,
  RelayStatus,
  SellerSettings,
  Theme,
  UiSettings,
} from '../../../shared/contract.js';
import { THEMES } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { loadListenerTls, type SubmissionTls } from '../relay/listener-tls.js';
import type { HostPort, RelayOptions } from '../relay/relay-service.js';
import type { Seller } from '../store/sellers.js';
import { SECRET_KEYS, type SecretStore } from './secrets.js';

/** Loopback by default: nothing else is needed to see the relay work. */
export const RELAY_DEFAULTS = { smtp: '127.0.0.1:2525', submission: '127.0.0.1:2587' } as const;

const KEYS = {
  smtp: 'relay_smtp',
  submission: 'relay_submission',
  smarthost: 'relay_smarthost',
  smarthostUser: 'relay_smarthost_user',
  smarthostFingerprint: 'relay_smarthost_fingerprint',
  dkimSelector: 'relay_dkim_selector',
  tlsCert: 'relay_tls_cert',
  tlsKey: 'relay_tls_key',
  submissionTls: 'relay_submission_tls',
  uiLanguage: 'ui_language',
  uiTheme: 'ui_theme',
  uiNotifications: 'ui_notifications',
  uiStartAtLogin: 'ui_start_at_login',
  uiCloseHintShown: 'ui_close_hint_shown',
  appSeller: 'app_seller',
} as const;
export const SETTING_KEYS = KEYS;

export function setOrClear(ctx: CoreContext, key: string, value: string | null | undefined): void {
  if (value === undefined) return;
  if (value === null || value === '') ctx.store.deleteSetting(key);
  else ctx.store.setSetting(key, value);
}

/** "127.0.0.1:2525", "[::1]:25", "localhost:0" → host and port. */
export function parseHostPort(value: string): HostPort {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65_535)
    throw new ParleyError('EBADINPUT', `"${value}" is not host:port (a port from 0 to 65535)`, {
      detail: { key: 'settings.hostPort', params: { value } },
    });
  return { host: m[1], port };
}

export function relaySettings(ctx: CoreContext, secrets: SecretStore): RelaySettings {
  const get = (k: string) => ctx.store.getSetting(k) ?? null;
  return {
    domain: ctx.domain,
    smtp: get(KEYS.smtp) ?? RELAY_DEFAULTS.smtp,
    submission: get(KEYS.submission) ?? RELAY_DEFAULTS.submission,
    smarthost: get(KEYS.smarthost),
    smarthostUser: get(KEYS.smarthostUser),
    smarthostFingerprint: get(KEYS.smarthostFingerprint),
    hasSmarthostPassword: secrets.get(SECRET_KEYS.smarthostPassword) !== null,
    dkimSelector: get(KEYS.dkimSelector),
    hasDkimKey: secrets.get(SECRET_KEYS.dkimKey) !== null,
    tlsCert: get(KEYS.tlsCert),
    tlsKey: get(KEYS.tlsKey),
    submissionTls: get(KEYS.submissionTls) === 'implicit' ? 'implicit' : 'starttls',
  };
}

export interface RelayChange {
  domain?: string;
  smtp?: string;
  submission?: string;
  smarthost?: string | null;
  smarthostUser?: string | null;
  smarthostPassword?: string | null;
  smarthostFingerprint?: string | null;
  dkimSelector?: string | null;
  dkimKey?: string | null;
  /** Paths of the listeners' PEM certificate and key; checked (readable, PEM, a pair) before they are stored. */
  tlsCert?: string | null;
  tlsKey?: string | null;
  submissionTls?: SubmissionTls;
}

/** The certificate and key as they would be after `change`: both or neither, readable, PEM, the key the cert's. */
function checkTlsChange(ctx: CoreContext, change: RelayChange): void {
  if (change.tlsCert === undefined && change.tlsKey === undefined && change.submissionTls === undefined) return;
  const after = (value: string | null | undefined, key: string) =>
    (value === undefined ? ctx.store.getSetting(key) : value) || null;
  const certFile = after(change.tlsCert, KEYS.tlsCert);
  const keyFile = after(change.tlsKey, KEYS.tlsKey);
  const implicit = (change.submissionTls ?? ctx.store.getSetting(KEYS.submissionTls)) === 'implicit';
  if (Boolean(certFile) !== Boolean(keyFile) || (implicit && !certFile))
    throw new ParleyError('EBADINPUT', 'the TLS certificate and key go together: set both or neither', {
      detail: { key: 'settings.tlsPair', params: {} },
    });
  if (certFile && keyFile) loadListenerTls({ certFile, keyFile });
}

/**
 * Stores relay settings (not the domain: that reopens the store, see app-service). A login typed
 * into the smarthost URL is moved out of it: the URL is shown in the UI, the password is a secret.
 */
export function writeRelaySettings(ctx: CoreContext, secrets: SecretStore, change: RelayChange): void {
  if (change.smtp !== undefined) parseHostPort(change.smtp);
  if (change.submission !== undefined) parseHostPort(change.submission);
  checkTlsChange(ctx, change);
  let { smarthost, smarthostUser, smarthostPassword, smarthostFingerprint } = change;
  // A trusted certificate belongs to one smarthost: another host (or none) forgets it unless a new one comes along.
  const storedHost = ctx.store.getSetting(KEYS.smarthost);
  if (smarthost !== undefined && smarthostFingerprint === undefined && storedHost) {
    if (!smarthost || new URL(smarthost).host !== new URL(storedHost).host) smarthostFingerprint = null;
  }
  if (smarthost) {
    const url = new URL(smarthost);
    if (url.username) smarthostUser = decodeURIComponent(url.username);
    if (url.password) smarthostPassword = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    smarthost = url.toString().replace(/\/$/, '').replace(/\/\?/, '?');
  }
  if (change.dkimKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(change.dkimKey)) {
    throw new ParleyError('EBADINPUT', 'the DKIM key must be a PEM private key (-----BEGIN PRIVATE KEY-----)', {
      detail: { key: 'settings.dkimKey', params: {} },
    });
  }
  setOrClear(ctx, KEYS.smtp, change.smtp);
  setOrClear(ctx, KEYS.submission, change.submission);
  setOrClear(ctx, KEYS.smarthost, smarthost);
  setOrClear(ctx, KEYS.smarthostUser, smarthostUser);
  setOrClear(ctx, KEYS.smarthostFingerprint, smarthostFingerprint);
  setOrClear(ctx, KEYS.dkimSelector, change.dkimSelector);
  setOrClear(ctx, KEYS.tlsCert, change.tlsCert?.trim());
  setOrClear(ctx, KEYS.tlsKey, change.tlsKey?.trim());
  setOrClear(ctx, KEYS.submissionTls, change.submissionTls);
  if (smarthostPassword !== undefined) secrets.set(SECRET_KEYS.smarthostPassword, smarthostPassword || null);
  if (change.dkimKey !== undefined) secrets.set(SECRET_KEYS.dkimKey, change.dkimKey || null);
}

/** The smarthost URL with the stored login put back in, for the transport only. */
export function smarthostWithLogin(
  url: string,
  user: string | null | undefined,
  password: string | null | undefined,
): string {
  if (!user) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  if (password) u.password = encodeURIComponent(password);
  return u.toString();
}

export interface RelayOverrides {
  smtp?: HostPort;
  submission?: HostPort;
  smarthost?: string;
  /** `--smarthost-trust FP`: the certificate trusted for this run's smarthost. */
  smarthostFingerprint?: string;
  dkim?: RelayOptions['dkim'];
  limits?: RelayOptions['limits'];
  outbox?: RelayOptions['outbox'];
  /** Failed-login delays and lockouts on the submission port (tests scale them down). */
  auth?: RelayOptions['auth'];
  domain?: string;
  /** The listeners' certificate and key files (`serve --tls-cert --tls-key`), over the stored ones. */
  tls?: RelayOptions['tls'];
  submissionTls?: RelayOptions['submissionTls'];
  /** The rules of a non-loopback listener on 127.0.0.1 (tests). */
  public?: boolean;
}

/** What `startRelay` gets: the stored settings, then the command line's overrides for this run. */
export function relayOptions(ctx: CoreContext, secrets: SecretStore, overrides: RelayOverrides = {}): RelayOptions {
  const stored = relaySettings(ctx, secrets);
  const dkimKey = secrets.get(SECRET_KEYS.dkimKey);
  const smarthost =
    overrides.smarthost ??
    (stored.smarthost
      ? smarthostWithLogin(stored.smarthost, stored.smarthostUser, secrets.get(SECRET_KEYS.smarthostPassword))
      : undefined);
  return {
    smtp: overrides.smtp ?? parseHostPort(stored.smtp),
    submission: overrides.submission ?? parseHostPort(stored.submission),
    smarthost,
    // The stored pin belongs to the stored smarthost, not to one the command line names instead.
    smarthostFingerprint:
      overrides.smarthostFingerprint ?? (overrides.smarthost ? undefined : stored.smarthostFingerprint),
    dkim:
      overrides.dkim ??
      (stored.dkimSelector && dkimKey
        ? { domainName: ctx.domain, keySelector: stored.dkimSelector, privateKey: dkimKey }
        : undefined),
    limits: overrides.limits,
    outbox: overrides.outbox,
    auth: overrides.auth,
    tls:
      overrides.tls ??
      (stored.tlsCert && stored.tlsKey ? { certFile: stored.tlsCert, keyFile: stored.tlsKey } : undefined),
    submissionTls: overrides.submissionTls ?? stored.submissionTls,
    public: overrides.public,
  };
}

/** The listener addresses the command line gave for this run (Settings shows them as set there). */
export function commandLineListeners(overrides: RelayOverrides): NonNullable<RelaySettings['commandLine']> {
  const show = (hp: HostPort | undefined) =>
    hp ? `${hp.host.includes(':') ? `[${hp.host}]` : hp.host}:${hp.port}` : null;
  return { smtp: show(overrides.smtp), submission: show(overrides.submission) };
}

/**
 * How a mail client connects as `seller`: the submission address that runs (else the one the relay would use), TLS
 * from the first byte or STARTTLS when the listeners have a certificate, none without one (allowed on loopback only).
 */
export function mailClientSetup(
  ctx: CoreContext,
  secrets: SecretStore,
  overrides: RelayOverrides,
  status: RelayStatus,
  seller: Seller,
): MailClientSetup {
  const opts = relayOptions(ctx, secrets, overrides);
  const running = status.running && status.submission ? parseHostPort(status.submission) : null;
  const { host, port } = running ?? opts.submission;
  return {
    host: host === '0.0.0.0' || host === '::' ? ctx.domain : host,
    port,
    security: opts.submissionTls === 'implicit' && opts.tls ? 'tls' : opts.tls ? 'starttls' : 'none',
    user: seller.id,
  };
}

export function uiSettings(ctx: CoreContext, seller: Seller | null): UiSettings {
  const language = ctx.store.getSetting(KEYS.uiLanguage);
  const theme = ctx.store.getSetting(KEYS.uiTheme);
  return {
    // Until the seller picks one, the UI speaks the shop's language.
    language: language === 'de' || language === 'en' ? language : (seller?.language ?? 'en'),
    languageChosen: language === 'de' || language === 'en',
    theme: (THEMES as readonly string[]).includes(theme ?? '') ? (theme as Theme) : 'system',
    notifications: ctx.store.getSetting(KEYS.uiNotifications) !== 'off',
    startAtLogin: ctx.store.getSetting(KEYS.uiStartAtLogin) === 'on',
    closeHintShown: ctx.store.getSetting(KEYS.uiCloseHintShown) === 'on',
  };
}

export function writeUiSettings(ctx: CoreContext, change: Partial<UiSettings>): void {
  setOrClear(ctx, KEYS.uiLanguage, change.language);
  setOrClear(ctx, KEYS.uiTheme, change.theme);
  // A switch is stored only while it differs from its default.
  const flag = (key: string, value: boolean | undefined, word: 'on' | 'off') =>
    setOrClear(ctx, key, value === undefined ? undefined : value === (word === 'on') ? word : null);
  flag(KEYS.uiNotifications, change.notifications, 'off');
  flag(KEYS.uiStartAtLogin, change.startAtLogin, 'on');
  flag(KEYS.uiCloseHintShown, change.closeHintShown, 'on');
}

export function sellerSettings(ctx: CoreContext, seller: Seller): SellerSettings {
  return {
    id: seller.id,
    name: seller.name,
    email: seller.email,
    language: seller.language,
    bounceNotices: seller.bounceNotices,
    strict: seller.strict,
    urgentCheck: seller.urgentCheck,
    authorizedSenders: ctx.sellers.authorizedSenders(seller.id),
    relayAddress: ctx.addresses.sellerAddress(seller.id),
  };
}

/** The shop the app shows (`app_seller`): a seller id, or 'all'; a removed or unknown shop falls back to the first. */
export function shopSelection(ctx: CoreContext): string | 'all' | null {
  const chosen = ctx.store.getSetting(KEYS.appSeller);
  if (chosen === 'all') return 'all';
  const seller = chosen ? ctx.sellers.get(chosen) : undefined;
  return seller?.id ?? ctx.sellers.first()?.id ?? null;
}

/** The one shop the app shows: the chosen one, else the first set up; null while "All shops" is chosen or none is. */
export function currentSeller(ctx: CoreContext): Seller | null {
  const selected = shopSelection(ctx);
  return selected && selected !== 'all' ? (ctx.sellers.get(selected) ?? null) : null;
}
