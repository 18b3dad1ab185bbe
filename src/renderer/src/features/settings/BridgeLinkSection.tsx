/**
 * Settings → Link to this inbox, in the browser only (`parley serve --http`): the link's token is kept per data
 * folder, so it survives restarts; "New link" replaces it (the old one stops working at once) and shows the new one.
 */
import { useState } from 'react';
import { failure } from '../../api/errors';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { inBrowser, newBridgeLink } from './api';
import { mailClientStrings } from './mail-client-strings';

export function BridgeLinkSection() {
  const t = useStrings(mailClientStrings);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!inBrowser()) return null;

  const renew = async () => {
    setError(null);
    try {
      const { token } = await newBridgeLink();
      setLink(`${location.origin}/#token=${token}`);
    } catch (e) {
      setError(failure(e).message);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link ?? '');
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // no clipboard permission: the link is selectable text
    }
  };

  return (
    <section aria-labelledby="settings-bridge-link" data-testid="bridge-link">
      <h3 id="settings-bridge-link">{t('linkTitle')}</h3>
      <p className="muted">{t('linkText')}</p>
      <Button onClick={() => void renew()} data-testid="bridge-new-link">
        {t('newLink')}
      </Button>
      {link && (
        <div role="status">
          <p>{t('newLinkDone')}</p>
          <code className="settings-link" data-testid="bridge-link-url">
            {link}
          </code>{' '}
          <Button onClick={() => void copy()}>{copied ? t('copied') : t('copy')}</Button>
        </div>
      )}
      {error && (
        <p role="alert" className="settings-error">
          {t('linkFailed', { message: error })}
        </p>
      )}
    </section>
  );
}
