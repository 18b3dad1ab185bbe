/**
 * The screen after a failed integrity check at start: what failed, in the seller's words, and the three ways out
 * (restore the last backup, export what verifies, continue read-only). The relay and the intake stay off meanwhile.
 */
import { useState } from 'react';
import type { StoreCheckView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { fullTime } from '../../ui/format';
import { continueReadOnly, restoreLastBackup } from './api';
import { storeCheckStrings } from './strings';
import './store-check.css';

export function StoreCheckScreen({ check, onDone }: { check: StoreCheckView; onDone(): void }) {
  const t = useStrings(storeCheckStrings);
  const language = useLanguage((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone();
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };

  const backup = check.lastBackup;
  return (
    <main className="store-check" role="alert" data-testid="store-check">
      <h1>{t('checkTitle')}</h1>
      <p>{check.failed === 'database' ? t('checkDatabase') : t('checkChain')}</p>
      {check.problem && (
        <details>
          <summary>{t('details')}</summary>
          <code>{check.problem}</code>
        </details>
      )}
      <p>{t('checkStopped')}</p>
      <ol className="store-check-ways">
        <li>
          <Button variant="primary" disabled={busy || !backup} onClick={() => void act(restoreLastBackup)}>
            {busy ? t('restoring') : t('restore')}
          </Button>
          <p className="muted">
            {backup
              ? t('restoreHelp', { time: fullTime(backup.at, language), messages: backup.messages ?? 0 })
              : t('restoreNone')}
          </p>
        </li>
        <li>
          <Button disabled={busy} onClick={() => void act(continueReadOnly)}>
            {t('export')}
          </Button>
          <p className="muted">{t('exportHelp')}</p>
        </li>
        <li>
          <Button disabled={busy} onClick={() => void act(continueReadOnly)}>
            {t('readOnly')}
          </Button>
          <p className="muted">{t('readOnlyHelp')}</p>
        </li>
      </ol>
      {error && (
        <p className="store-check-error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}

/** Shown above the inbox while the seller continues read-only. */
export function ReadOnlyBanner() {
  const t = useStrings(storeCheckStrings);
  return (
    <div className="store-check-banner" role="status" data-testid="read-only-banner">
      {t('readOnlyBanner')}
    </div>
  );
}
