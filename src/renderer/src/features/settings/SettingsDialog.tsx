/**
 * Settings: shop name and customer-service address, authorized senders (R7), bounce
 * notices with the R13 warning, strict policy mode and "ask first" or "warn only" (R11), relay ports, smarthost and
 * DKIM
 * (secrets write-only), language and theme. Save sends what changed via settings.update; a
 * refused field says why next to itself.
 */
import { useEffect, useState } from 'react';
import { THEMES, URGENT_CHECKS } from '../../../../shared/vocabulary';
import type { AppStatus } from '../../../../shared/contract';
import { RULE_TEXT } from '../../../../shared/rules';
import { useAppStatus } from '../../state/status-store';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from './fields';
import { issueWords } from '../../ui/issue-words';
import {
  buildPatch,
  fromStatus,
  serverErrors,
  validatePatch,
  type FieldErrors,
  type SettingsForm,
  type SettingsSectionProps,
} from './form';
import { SendersField } from './SendersField';
import { PostmasterSection } from './PostmasterSection';
import { BackupSection } from './BackupSection';
import { LogsSection } from './LogsSection';
import { RelaySection } from './RelaySection';
import { MailClientSection } from './MailClientSection';
import { BridgeLinkSection } from './BridgeLinkSection';
import { IntakeSection } from './IntakeSection';
import { TemplatesSection } from './TemplatesSection';
import { settingsStrings } from './strings';
import './settings.css';
import { failure } from '../../api/errors';
import { fetchStatus, updateSettings } from './api';

const FIELD_KEYS = [
  'seller.name',
  'seller.email',
  'seller.language',
  'seller.bounceNotices',
  'seller.strict',
  'seller.urgentCheck',
  'relay.smtp',
  'relay.submission',
  'relay.tlsCert',
  'relay.tlsKey',
  'relay.submissionTls',
  'relay.smarthost',
  'relay.smarthostUser',
  'relay.smarthostPassword',
  'relay.smarthostFingerprint',
  'relay.dkimSelector',
  'relay.dkimKey',
  'ui.language',
  'ui.theme',
] as const;

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useStrings(settingsStrings);
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setStatus(null);
    setForm(null);
    setErrors({});
    setLoadError(null);
    fetchStatus()
      .then((s) => live && (setStatus(s), setForm(fromStatus(s))))
      .catch((e) => live && setLoadError(failure(e).message));
    return () => {
      live = false;
    };
  }, [open]);

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));

  const save = async () => {
    if (!form || !status) return;
    const patch = buildPatch(form, status);
    const local = validatePatch(patch, (issue) => issueWords(issue, t));
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    if (!patch.seller && !patch.relay && !patch.ui) return onClose();
    setSaving(true);
    try {
      useAppStatus.getState().applyStatus(await updateSettings(patch));
      onClose();
    } catch (error) {
      const { key, params, message } = failure(error);
      // Input the schemas refused names its fields ("relay.smtp: …"): each is shown next to its field.
      setErrors(
        key === 'input.invalid'
          ? serverErrors(String(params?.issues), FIELD_KEYS)
          : { [tlsField(key, params) ?? '']: message },
      );
    } finally {
      setSaving(false);
    }
  };

  const footer = (
    <>
      {Object.keys(errors).length > 0 && (
        <span className="settings-error" role="alert">
          {errors[''] ? t('saveFailed', { message: errors[''] }) : t('fixFields')}
        </span>
      )}
      <Button onClick={onClose}>{t('cancel')}</Button>
      <Button variant="primary" disabled={!form || saving} onClick={() => void save()} data-testid="settings-save">
        {saving ? t('saving') : t('save')}
      </Button>
    </>
  );

  return (
    <Dialog open={open} onClose={onClose} title={t('title')} footer={footer} size="large" testId="settings-dialog">
      {loadError && (
        <p role="alert" className="settings-error">
          {t('loadFailed', { message: loadError })}
        </p>
      )}
      {!form && !loadError && (
        <p role="status" className="muted">
          {t('loading')}
        </p>
      )}
      {form && status && <SettingsBody form={form} status={status} errors={errors} set={set} />}
    </Dialog>
  );
}

/** A certificate or key the backend could not use (listener-tls.ts) is shown next to its field. */
function tlsField(key: string | undefined, params: Record<string, unknown> | undefined): string | undefined {
  if (key === 'relay.tlsKeyMismatch' || key === 'settings.tlsPair') return 'relay.tlsKey';
  if (key === 'relay.tlsFileMissing' || key === 'relay.tlsFileUnreadable' || key === 'relay.tlsFileNotPem')
    return params?.what === 'key' ? 'relay.tlsKey' : 'relay.tlsCert';
  return undefined;
}

function SettingsBody({ form, status, errors, set }: SettingsSectionProps) {
  const t = useStrings(settingsStrings);
  const language = useLanguage((s) => s.language);
  const { seller, relay } = status;
  // A change of the relay domain (DomainSection) pushes the new status: the relay address and postmaster@ follow it.
  const liveRelayAddress = useAppStatus((s) => s.status?.seller?.relayAddress);
  const liveDomain = useAppStatus((s) => s.status?.relay.domain);
  const languages = (['de', 'en'] as const).map((l) => (
    <option key={l} value={l}>
      {t(`language.${l}`)}
    </option>
  ));
  return (
    <div className="settings-grid">
      {seller && (
        <section aria-labelledby="settings-shop">
          <h3 id="settings-shop">{t('shop')}</h3>
          <TextField
            label={t('shopName')}
            value={form.name}
            onChange={(v) => set('name', v)}
            error={errors['seller.name']}
          />
          <TextField
            label={t('email')}
            type="email"
            value={form.email}
            onChange={(v) => set('email', v)}
            error={errors['seller.email']}
          />
          <div className="field">
            <span className="field-label">{t('relayAddress')}</span>
            <code data-testid="relay-address">{liveRelayAddress ?? seller.relayAddress}</code>
          </div>
          <div className="field">
            <label htmlFor="settings-seller-language">{t('marketplaceLanguage')}</label>
            <select
              id="settings-seller-language"
              value={form.sellerLanguage}
              onChange={(e) => set('sellerLanguage', e.target.value as 'de' | 'en')}
            >
              {languages}
            </select>
          </div>
          <SendersField initial={seller.authorizedSenders} />
          <fieldset>
            <legend>{t('notifications')}</legend>
            <label className="choice">
              <input
                type="checkbox"
                checked={form.bounceNotices}
                onChange={(e) => set('bounceNotices', e.target.checked)}
              />
              {t('bounceNotices')}
            </label>
            {!form.bounceNotices && (
              <p className="notice notice-warning" role="alert" data-testid="r13-warning">
                {t('r13Warning', { rule: RULE_TEXT.R13[language] })}
              </p>
            )}
            <label className="choice">
              <input
                type="checkbox"
                checked={form.strict}
                aria-describedby="settings-strict-help"
                onChange={(e) => set('strict', e.target.checked)}
              />
              {t('strict')}
            </label>
            <p id="settings-strict-help" className="muted">
              {t('strictHelp')}
            </p>
          </fieldset>
          <fieldset aria-describedby={form.strict ? 'settings-urgent-strict' : undefined} data-testid="urgent-check">
            <legend>{t('urgentCheck')}</legend>
            {URGENT_CHECKS.map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="settings-urgent-check"
                  value={value}
                  checked={form.urgentCheck === value}
                  disabled={form.strict}
                  onChange={() => set('urgentCheck', value)}
                />
                {t(`urgentCheck.${value}`)}
              </label>
            ))}
            {form.strict && (
              <p id="settings-urgent-strict" className="muted">
                {t('urgentCheckStrict')}
              </p>
            )}
          </fieldset>
        </section>
      )}
      <MailClientSection setup={status.mailClient} />
      <RelaySection form={form} status={status} errors={errors} set={set} />
      <section aria-labelledby="settings-appearance">
        <h3 id="settings-appearance">{t('appearance')}</h3>
        <div className="field">
          <label htmlFor="settings-ui-language">{t('uiLanguage')}</label>
          <select
            id="settings-ui-language"
            value={form.uiLanguage}
            onChange={(e) => set('uiLanguage', e.target.value as 'de' | 'en')}
          >
            {languages}
          </select>
        </div>
        <div className="field">
          <label htmlFor="settings-theme">{t('theme')}</label>
          <select
            id="settings-theme"
            value={form.theme}
            onChange={(e) => set('theme', e.target.value as SettingsForm['theme'])}
          >
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`theme.${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('desktop')}</legend>
          <label className="choice">
            <input
              type="checkbox"
              data-testid="settings-desktop-notifications"
              checked={form.desktopNotifications}
              onChange={(e) => set('desktopNotifications', e.target.checked)}
            />
            {t('desktopNotifications')}
          </label>
          <label className="choice">
            <input
              type="checkbox"
              data-testid="settings-start-at-login"
              checked={form.startAtLogin}
              aria-describedby="settings-desktop-help"
              onChange={(e) => set('startAtLogin', e.target.checked)}
            />
            {t('startAtLogin')}
          </label>
          <p id="settings-desktop-help" className="muted">
            {t('desktopHelp')}
          </p>
        </fieldset>
      </section>
      {seller && <IntakeSection />}
      {seller && <TemplatesSection shopLanguage={seller.language} />}
      <PostmasterSection domain={liveDomain ?? relay.domain} />
      <BackupSection />
      <LogsSection />
      <BridgeLinkSection />
    </div>
  );
}
