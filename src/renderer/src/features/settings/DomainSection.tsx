/**
 * Settings → Relay domain: the current domain, the older ones still served (mail to addresses handed out under them
 * still arrives), and a change that first says what happens (new addresses, old ones kept, the mail host's MX) and
 * only then, confirmed, calls domains.set. The relay restarts under the new domain.
 */
import { useEffect, useState } from 'react';
import { relayUpdateSchema, type ServedDomain } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { useAppStatus } from '../../state/status-store';
import { Button } from '../../ui/Button';
import { listDomains, setDomain } from './api';
import { domainStrings } from './domain-strings';
import { TextField } from './fields';

const domainSchema = relayUpdateSchema.shape.domain.unwrap();

type Step = { kind: 'view' } | { kind: 'edit'; value: string; error?: string } | { kind: 'confirm'; domain: string };

export function DomainSection({ current }: { current: string }) {
  const t = useStrings(domainStrings);
  const language = useLanguage((s) => s.language);
  const [domains, setDomains] = useState<ServedDomain[] | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'view' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    listDomains()
      .then(setDomains)
      .catch((e) => setError(failure(e).message));
  useEffect(() => {
    void load();
  }, []);

  const now = domains?.find((d) => d.current)?.name ?? current;
  const older = (domains ?? []).filter((d) => !d.current);
  const day = (iso: string) =>
    new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium' }).format(new Date(iso));

  const next = (value: string) => {
    const parsed = domainSchema.safeParse(value);
    if (!parsed.success) return setStep({ kind: 'edit', value, error: t('notDomain') });
    if (parsed.data === now) return setStep({ kind: 'edit', value, error: t('same') });
    setStep({ kind: 'confirm', domain: parsed.data });
  };

  const change = async (domain: string) => {
    setBusy(true);
    setError(null);
    try {
      useAppStatus.getState().applyStatus(await setDomain({ domain }));
      setStep({ kind: 'view' });
      await load();
    } catch (e) {
      setError(t('failed', { message: failure(e).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field" data-testid="relay-domain-section">
      <span className="field-label">{t('current')}</span>
      <code data-testid="relay-domain">{now}</code>
      {older.length > 0 && (
        <>
          <span className="field-label">{t('older')}</span>
          <ul data-testid="older-domains">
            {older.map((d) => (
              <li key={d.name}>
                <code>{d.name}</code> <span className="muted">{t('since', { date: day(d.firstServedAt) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {step.kind === 'view' && (
        <div>
          <Button onClick={() => setStep({ kind: 'edit', value: '' })}>{t('change')}</Button>
        </div>
      )}
      {step.kind === 'edit' && (
        <>
          <TextField
            label={t('newDomain')}
            value={step.value}
            placeholder="relay.example.com"
            onChange={(value) => setStep({ kind: 'edit', value })}
            error={step.error}
          />
          <div>
            <Button onClick={() => setStep({ kind: 'view' })}>{t('cancel')}</Button>{' '}
            <Button onClick={() => next(step.value)}>{t('next')}</Button>
          </div>
        </>
      )}
      {step.kind === 'confirm' && (
        <div className="notice notice-warning domain-warning" role="alert" data-testid="domain-warning">
          <strong>{t('warningTitle', { domain: step.domain })}</strong>
          <ul>
            <li>{t('warningNew', { domain: step.domain })}</li>
            <li>{t('warningOld', { old: [now, ...older.map((d) => d.name)].join(', ') })}</li>
            <li>{t('warningMx', { domain: step.domain })}</li>
          </ul>
          <div className="domain-warning-actions">
            <Button onClick={() => setStep({ kind: 'edit', value: step.domain })} disabled={busy}>
              {t('cancel')}
            </Button>
            <Button variant="primary" onClick={() => void change(step.domain)} disabled={busy}>
              {busy ? t('changing') : t('confirm', { domain: step.domain })}
            </Button>
          </div>
        </div>
      )}
      {error && (
        <span className="settings-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
