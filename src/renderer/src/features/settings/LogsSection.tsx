/**
 * Settings → Log: "Open logs folder". The desktop app opens it in the file manager; in the browser (web bridge) the
 * folder's path is shown, selected, to copy.
 */
import { useState } from 'react';
import { failure } from '../../api/errors';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { openLogFolder } from './api';
import { logsStrings } from './logs-strings';

export function LogsSection() {
  const t = useStrings(logsStrings);
  const [result, setResult] = useState<{ folder: string; opened: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = () => {
    setError(null);
    openLogFolder()
      .then(setResult)
      .catch((e) => setError(failure(e).message));
  };

  return (
    <section aria-labelledby="settings-logs" data-testid="logs">
      <h3 id="settings-logs">{t('logs')}</h3>
      <p className="muted">{t('logsHelp')}</p>
      <Button icon="open" onClick={open}>
        {t('openLogs')}
      </Button>
      {error && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      {result?.opened && (
        <p className="muted" role="status">
          {t('opened', { folder: result.folder })}
        </p>
      )}
      {result && !result.opened && (
        <div className="field">
          <label htmlFor="settings-logs-folder">{t('copyPath')}</label>
          <input
            id="settings-logs-folder"
            readOnly
            value={result.folder}
            onFocus={(e) => e.currentTarget.select()}
            autoFocus
          />
        </div>
      )}
    </section>
  );
}
