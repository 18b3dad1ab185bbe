/**
 * After the composer closed: what became of the message, as the outbox has it and where it goes ("Delivered to the
 * local mailbox", "Handed to the smarthost", "Not delivered yet — it will be tried again", with the policy's reasons
 * worded by code in the UI language, no rule ids), or that a draft is kept on this device. Dismissed by the seller or
 * after a while; the Outbox filter has the full story.
 */
import { useEffect } from 'react';
import { useLanguage, useStrings } from '../../i18n';
import { reasonWords } from '../../state/policy-words';
import { useAppStatus } from '../../state/status-store';
import { Button } from '../../ui/Button';
import { routeOf, sentKey } from './delivery';
import { composerStrings, type ComposerKey } from './strings';
import { useComposer } from './store';

function time(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleTimeString(language === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** ms a notice stays up unless it is about a problem. */
const NOTICE_MS = 8000;

export function SentNotice() {
  const t = useStrings(composerStrings);
  const sent = useComposer((s) => s.sent);
  const kept = useComposer((s) => s.keptOnDevice);
  const dismiss = useComposer((s) => s.dismissSent);
  const route = useAppStatus((s) => routeOf(s.status));
  const language = useLanguage((s) => s.language);
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
      data-testid="sent-toast"
      data-state={sent?.state}
    >
      {sent && (
        <>
          <strong data-testid="sent-toast-headline">{t(sentKey(sent.state, route) as ComposerKey)}</strong>
          <div>{t('sentTitle', { subject: sent.subject })}</div>
          {sent.state === 'deferred' && sent.nextAttemptAt && (
            <div className="composer-muted">{t('sent.retryAt', { time: time(sent.nextAttemptAt, language) })}</div>
          )}
          {sent.state !== 'queued' &&
            sent.state !== 'delivered' &&
            sent.reasons.map((r, i) => (
              <div key={i} className="composer-muted" data-testid="sent-toast-reason">
                {reasonWords(r, { language, buyer: sent.buyer, tense: 'after', sellerLanguage: sent.sellerLanguage })}
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
