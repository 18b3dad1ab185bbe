/**
 * The settings form and what Save sends: only the fields the seller changed, checked first with
 * the contract's own zod schemas (the backend checks again and answers EBADINPUT with
 * "path: message" pairs, which land next to their fields too). Secrets are write-only: the form
 * keeps, replaces or removes them, it never shows one.
 */
import {
  relayUpdateSchema,
  sellerUpdateSchema,
  uiUpdateSchema,
  type AppStatus,
  type CallInput,
  type Theme,
  type UrgentCheck,
} from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';
import type { z } from 'zod';

export interface Secret {
  mode: 'keep' | 'change' | 'remove';
  value: string;
}

export interface SettingsForm {
  name: string;
  email: string;
  sellerLanguage: Language;
  bounceNotices: boolean;
  strict: boolean;
  /** R11 outside strict mode: ask before sending, or only warn. */
  urgentCheck: UrgentCheck;
  smtp: string;
  submission: string;
  /** Paths of the listeners' PEM certificate and key (needed when a port is off loopback). */
  tlsCert: string;
  tlsKey: string;
  submissionTls: 'starttls' | 'implicit';
  smarthost: string;
  smarthostUser: string;
  smarthostPassword: Secret;
  /** "Trust this certificate": the SHA-256 fingerprint of the smarthost's certificate, '' for none. */
  smarthostFingerprint: string;
  dkimSelector: string;
  dkimKey: Secret;
  uiLanguage: Language;
  theme: Theme;
  /** The desktop app: OS notifications for new buyer mail, and starting with the system. */
  desktopNotifications: boolean;
  startAtLogin: boolean;
}

/** Field errors by the contract's path: 'seller.email', 'relay.smtp', … and '' for the rest. */
export type FieldErrors = Record<string, string>;

/** What a section of the Settings dialog gets: the form, the status it came from, the field errors, the setter. */
export interface SettingsSectionProps {
  form: SettingsForm;
  status: AppStatus;
  errors: FieldErrors;
  set<K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void;
}

export type SettingsPatch = CallInput<'settings.update'>;

const KEEP: Secret = { mode: 'keep', value: '' };

export function fromStatus(status: AppStatus): SettingsForm {
  const { seller, relay, ui } = status;
  return {
    name: seller?.name ?? '',
    email: seller?.email ?? '',
    sellerLanguage: seller?.language ?? ui.language,
    bounceNotices: seller?.bounceNotices ?? true,
    strict: seller?.strict ?? false,
    urgentCheck: seller?.urgentCheck ?? 'confirm',
    smtp: relay.smtp,
    submission: relay.submission,
    tlsCert: relay.tlsCert ?? '',
    tlsKey: relay.tlsKey ?? '',
    submissionTls: relay.submissionTls,
    smarthost: relay.smarthost ?? '',
    smarthostUser: relay.smarthostUser ?? '',
    smarthostPassword: KEEP,
    smarthostFingerprint: relay.smarthostFingerprint ?? '',
    dkimSelector: relay.dkimSelector ?? '',
    dkimKey: KEEP,
    uiLanguage: ui.language,
    theme: ui.theme,
    desktopNotifications: ui.notifications,
    startAtLogin: ui.startAtLogin,
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function secretChange(secret: Secret): string | null | undefined {
  if (secret.mode === 'remove') return null;
  if (secret.mode === 'change' && secret.value !== '') return secret.value;
  return undefined;
}

/** Only what differs from the stored settings; an empty section is left out. */
export function buildPatch(form: SettingsForm, status: AppStatus): SettingsPatch {
  const base = fromStatus(status);
  const patch: SettingsPatch = {};
  if (status.seller) {
    const seller: NonNullable<SettingsPatch['seller']> = {};
    if (form.name !== base.name) seller.name = form.name;
    if (form.email !== base.email) seller.email = form.email;
    if (form.sellerLanguage !== base.sellerLanguage) seller.language = form.sellerLanguage;
    if (form.bounceNotices !== base.bounceNotices) seller.bounceNotices = form.bounceNotices;
    if (form.strict !== base.strict) seller.strict = form.strict;
    if (form.urgentCheck !== base.urgentCheck) seller.urgentCheck = form.urgentCheck;
    if (Object.keys(seller).length > 0) patch.seller = seller;
  }
  const relay: NonNullable<SettingsPatch['relay']> = {};
  if (form.smtp !== base.smtp) relay.smtp = form.smtp.trim();
  if (form.submission !== base.submission) relay.submission = form.submission.trim();
  if (form.tlsCert.trim() !== base.tlsCert) relay.tlsCert = orNull(form.tlsCert);
  if (form.tlsKey.trim() !== base.tlsKey) relay.tlsKey = orNull(form.tlsKey);
  if (form.submissionTls !== base.submissionTls) relay.submissionTls = form.submissionTls;
  if (form.smarthost.trim() !== base.smarthost) relay.smarthost = orNull(form.smarthost);
  if (form.smarthostUser.trim() !== base.smarthostUser) relay.smarthostUser = orNull(form.smarthostUser);
  if (form.smarthostFingerprint !== base.smarthostFingerprint)
    relay.smarthostFingerprint = orNull(form.smarthostFingerprint);
  if (form.dkimSelector.trim() !== base.dkimSelector) relay.dkimSelector = orNull(form.dkimSelector);
  const password = secretChange(form.smarthostPassword);
  if (password !== undefined) relay.smarthostPassword = password;
  const key = secretChange(form.dkimKey);
  if (key !== undefined) relay.dkimKey = key;
  if (Object.keys(relay).length > 0) patch.relay = relay;
  const ui: NonNullable<SettingsPatch['ui']> = {};
  if (form.uiLanguage !== base.uiLanguage) ui.language = form.uiLanguage;
  if (form.theme !== base.theme) ui.theme = form.theme;
  if (form.desktopNotifications !== base.desktopNotifications) ui.notifications = form.desktopNotifications;
  if (form.startAtLogin !== base.startAtLogin) ui.startAtLogin = form.startAtLogin;
  if (Object.keys(ui).length > 0) patch.ui = ui;
  return patch;
}

/** The same schemas the backend parses with, so the seller hears about a mistake before Save. */
export function validatePatch(
  patch: SettingsPatch,
  describe: (issue: z.core.$ZodIssue) => string = (i) => i.message,
): FieldErrors {
  const errors: FieldErrors = {};
  const sections = [
    ['seller', sellerUpdateSchema, patch.seller],
    ['relay', relayUpdateSchema, patch.relay],
    ['ui', uiUpdateSchema, patch.ui],
  ] as const;
  for (const [name, schema, value] of sections) {
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const key = [name, ...issue.path.map(String)].join('.');
      errors[key] ??= describe(issue);
    }
  }
  return errors;
}

/** The backend's EBADINPUT words ("relay.smtp: host:port; seller.email: Invalid email") by field; the rest under ''. */
export function serverErrors(message: string, known: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  const general: string[] = [];
  for (const part of message.split('; ')) {
    const m = /^([\w.]+): (.*)$/.exec(part);
    const key = m && known.find((k) => m[1] === k || m[1].startsWith(`${k}.`));
    if (m && key) errors[key] ??= m[2];
    else general.push(part);
  }
  if (general.length > 0) errors[''] = general.join('; ');
  return errors;
}
