/**
 * After the composer closed: what became of the message ("Queued — waiting for the smarthost",
 * blocked with its rules …), or that a draft is kept on this device. Dismissed by the seller or
 * after a while; the Outbox filter has the full story.
 */
import { useEffect } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { composerStrings } from './strings';
import { useComposer } from './store';

/** ms a notice stays up unless it is about a problem. */
const NOTICE_MS = 8000;

export function SentNotice() {
  const t = useStrings(composerStrings);
  const sent = useComposer((s) => s.sent);
  const kept = useComposer((s) => s.keptOnDevice);
  const dismiss = useComposer((s) => s.dismissSent);
  const problem = kept || (sent !== null && !['queued', 'deferred', 'delivered'].includes(sent.state));

  useEffect(() => {
    if ((!sent && !kept) || problem) return;
    const timer = setTimeout(dismiss, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [sent, kept, problem, dismiss]);

  if (!sent && !kept) return null;
  return (
    <div
      className={`composer-notice${problem ? ' composer-notice-problem' : ''}`}
      role={problem ? 'alert' : 'status'}
      data-testid="composer-notice"
    >
      {sent && (
        <>
          <strong>{t(`sent.${sent.state}` as 'sent.queued')}</strong>
          <div>{t('sentTitle', { subject: sent.subject })}</div>
          {sent.state !== 'queued' &&
            sent.state !== 'delivered' &&
            sent.reasons.map((r, i) => (
              <div key={i} className="composer-muted">
                {r.rule}: {r.message}
              </div>
            ))}
        </>
      )}
      {kept && <div>{t('keptOnDevice')}</div>}
      <Button variant="ghost" size="small" onClick={dismiss}>
        {t('dismiss')}
      </Button>
    </div>
  );
}
