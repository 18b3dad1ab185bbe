/**
 * Asks before a link from a message leaves Parley: the real target in full with its domain emphasized, a warning when
 * the visible text names another domain, "Open in browser" and Cancel. A refused link gets a short note instead.
 */
import { useState } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { failure } from '../../api/errors';
import { splitUrl, type LinkAction } from './links';
import { openInBrowser } from './open-link';
import { linkStrings } from './link-strings';
import './links.css';

export function LinkDialog({ action, onClose }: { action: LinkAction; onClose(): void }) {
  const t = useStrings(linkStrings);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (action.kind === 'refused' || action.kind === 'mailto') {
    const note =
      action.kind === 'mailto' || action.reason === 'address'
        ? t('refusedAddress')
        : action.reason === 'invalid'
          ? t('refusedInvalid')
          : t('refusedScheme', { scheme: action.scheme });
    return (
      <Dialog
        open
        onClose={onClose}
        size="small"
        title={t('refusedTitle')}
        testId="link-refused"
        footer={
          <Button variant="primary" onClick={onClose} data-autofocus>
            {t('ok')}
          </Button>
        }
      >
        <p>{note}</p>
      </Dialog>
    );
  }

  const parts = splitUrl(action.url);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await openInBrowser(action.url);
      onClose();
    } catch (err) {
      setError(failure(err).message);
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('title')}
      testId="link-confirm"
      footer={
        <>
          <Button onClick={onClose} data-autofocus data-testid="link-cancel">
            {t('cancel')}
          </Button>
          <Button variant="primary" icon="open" disabled={busy} onClick={open} data-testid="link-open">
            {t('open')}
          </Button>
        </>
      }
    >
      <p>{t('intro', { domain: action.domain })}</p>
      {action.claimed && (
        <p className="notice notice-warning" role="alert" data-testid="link-mismatch">
          {t('mismatch', { claimed: action.claimed, domain: action.domain })}
        </p>
      )}
      <p className="small muted">{t('target')}</p>
      <p className="link-target" data-testid="link-target">
        {parts.before}
        <strong data-testid="link-domain">{parts.host}</strong>
        {parts.after}
      </p>
      {error && (
        <p className="notice notice-warning" role="alert">
          {t('openFailed', { message: error })}
        </p>
      )}
    </Dialog>
  );
}
