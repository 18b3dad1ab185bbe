/**
 * Settings → Relay: the relay's status (and a smarthost problem while mail waits), submission lockouts, the relay
 * domain, the listeners' ports and certificate, the smarthost with its security and "Test connection", and DKIM.
 */
import {
  SMARTHOST_SECURITIES,
  smarthostSecurity,
  withSmarthostSecurity,
  type SmarthostSecurity,
} from '../../../../shared/smarthost-url';
import { relayProblem } from '../../api/errors';
import { useStrings } from '../../i18n';
import { useAppStatus } from '../../state/status-store';
import { outboundText, outboundWords } from '../../ui/outbound-words';
import { AuthLockouts } from './AuthLockouts';
import { DomainSection } from './DomainSection';
import { SecretField, SmarthostTest, TextField } from './fields';
import type { SettingsForm, SettingsSectionProps } from './form';
import { ListenerField } from './ListenerField';
import { settingsStrings } from './strings';

export function RelaySection({ form, status, errors, set }: SettingsSectionProps) {
  const t = useStrings(settingsStrings);
  const to = useStrings(outboundWords);
  const { relay, relayStatus } = status;
  // Pushed as each lockout begins (relay.status): the open dialog shows it without being reopened.
  const liveLockouts = useAppStatus((s) => s.status?.relayStatus.authLockouts);
  return (
    <section aria-labelledby="settings-relay">
      <h3 id="settings-relay">{t('relay')}</h3>
      <p role="status" className={relayStatus.running ? 'settings-ok' : 'settings-error'} data-testid="relay-status">
        {t('relayStatus')}:{' '}
        {relayStatus.running
          ? t('relayRunning', {
              smtp: relayStatus.smtp ?? '—',
              submission: relayStatus.submission ?? '—',
              outbound: outboundText(to, relayStatus),
            })
          : t('relayStopped', { error: relayProblem(relayStatus) ?? '—' })}
      </p>
      {relayStatus.smarthostError && (
        <p role="alert" className="settings-error" data-testid="smarthost-problem">
          {relayProblem({ error: relayStatus.smarthostError, errorDetail: relayStatus.smarthostErrorDetail })}
        </p>
      )}
      <AuthLockouts lockouts={liveLockouts ?? relayStatus.authLockouts} />
      <DomainSection current={relay.domain} />
      <ListenerField
        which="smtp"
        label={t('smtpPort')}
        status={status}
        value={form.smtp}
        onChange={(v) => set('smtp', v)}
        error={errors['relay.smtp']}
      />
      <ListenerField
        which="submission"
        label={t('submissionPort')}
        status={status}
        value={form.submission}
        onChange={(v) => set('submission', v)}
        error={errors['relay.submission']}
      />
      <p className="muted">{t('tlsHelp')}</p>
      <TextField
        label={t('tlsCert')}
        value={form.tlsCert}
        placeholder="/etc/ssl/parley/fullchain.pem"
        onChange={(v) => set('tlsCert', v)}
        error={errors['relay.tlsCert']}
      />
      <TextField
        label={t('tlsKey')}
        value={form.tlsKey}
        placeholder="/etc/ssl/parley/privkey.pem"
        onChange={(v) => set('tlsKey', v)}
        error={errors['relay.tlsKey']}
      />
      <div className="field">
        <label htmlFor="settings-submission-tls">{t('submissionTls')}</label>
        <select
          id="settings-submission-tls"
          value={form.submissionTls}
          onChange={(e) => set('submissionTls', e.target.value as SettingsForm['submissionTls'])}
        >
          <option value="starttls">{t('submissionTls.starttls')}</option>
          <option value="implicit">{t('submissionTls.implicit')}</option>
        </select>
      </div>
      <TextField
        label={t('smarthost')}
        value={form.smarthost}
        placeholder="smtp://mail.example.com:587"
        onChange={(v) => set('smarthost', v)}
        error={errors['relay.smarthost']}
      />
      <div className="field">
        <label htmlFor="settings-smarthost-security">{t('smarthostSecurity')}</label>
        <select
          id="settings-smarthost-security"
          value={smarthostSecurity(form.smarthost)}
          disabled={!form.smarthost.trim()}
          onChange={(e) => set('smarthost', withSmarthostSecurity(form.smarthost, e.target.value as SmarthostSecurity))}
        >
          {SMARTHOST_SECURITIES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`smarthostSecurity.${mode}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('smarthostUser')}
        value={form.smarthostUser}
        onChange={(v) => set('smarthostUser', v)}
        error={errors['relay.smarthostUser']}
      />
      <SecretField
        label={t('smarthostPassword')}
        isSet={relay.hasSmarthostPassword}
        secret={form.smarthostPassword}
        onChange={(s) => set('smarthostPassword', s)}
        error={errors['relay.smarthostPassword']}
      />
      <SmarthostTest
        url={form.smarthost}
        user={form.smarthostUser}
        password={form.smarthostPassword.mode === 'change' ? form.smarthostPassword.value : undefined}
        fingerprint={form.smarthostFingerprint}
        onTrust={(fingerprint) => set('smarthostFingerprint', fingerprint)}
      />
      <TextField
        label={t('dkimSelector')}
        value={form.dkimSelector}
        onChange={(v) => set('dkimSelector', v)}
        error={errors['relay.dkimSelector']}
      />
      <SecretField
        label={t('dkimKey')}
        isSet={relay.hasDkimKey}
        secret={form.dkimKey}
        multiline
        onChange={(s) => set('dkimKey', s)}
        error={errors['relay.dkimKey']}
      />
    </section>
  );
}
