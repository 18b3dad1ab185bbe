/**
 * Settings → Mail program: how the seller's own mail program connects to the submission port (server, port,
 * security, user name), and "Reset password", which shows the new password once: it lives only in this section's
 * state and is gone when Settings closes.
 */
import { useState } from 'react';
import type { MailClientSetup } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { ClientSetup } from '../../ui/client-setup/ClientSetup';
import { resetPassword } from './api';
import { mailClientStrings } from './mail-client-strings';

export function MailClientSection({ setup }: { setup: MailClientSetup | null | undefined }) {
  const t = useStrings(mailClientStrings);
  const [password, setPassword] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!setup) return null;

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      setPassword((await resetPassword()).password);
      setConfirming(false);
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="settings-mail-client">
      <h3 id="settings-mail-client">{t('title')}</h3>
      <ClientSetup setup={setup} password={password} />
      {confirming ? (
        <div className="settings-confirm" role="group" aria-label={t('reset')}>
          <p>{t('resetConfirm')}</p>
          <Button variant="primary" disabled={busy} onClick={() => void reset()} data-testid="reset-password-confirm">
            {t('resetYes')}
          </Button>{' '}
          <Button onClick={() => setConfirming(false)}>{t('cancel')}</Button>
        </div>
      ) : (
        <Button onClick={() => setConfirming(true)} data-testid="reset-password">
          {t('reset')}
        </Button>
      )}
      {error && (
        <p role="alert" className="settings-error">
          {t('resetFailed', { message: error })}
        </p>
      )}
    </section>
  );
}
