/**
 * One message of a conversation: who, when, its delivery state (R8), why it was blocked,
 * refused or held — rule by rule, visible without a click — warnings (R11), the body, its
 * attachments (rendered by the app's slot), for buyer messages Report (R18) and No response
 * needed (R19), and for a seller message held for [Important] Release (R11).
 */
import { memo, useId, useState, type ReactNode } from 'react';
import { REPORT_REASONS } from '../../../../shared/vocabulary';
import type { MessageView, ReportReason } from '../../../../shared/contract';
import { useLanguage, useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { fullTime } from '../../ui/format';
import { authText, authWords } from './auth-words';
import { DeliveryBadge, DeliveryDetail, PolicyReasons } from './DeliveryState';
import { MessageBody } from './MessageBody';
import { SenderNotVerified } from './SenderNotVerified';
import { useConversation } from './store';
import { convStrings, reportStrings } from './strings';
import { failure } from '../../api/errors';
import type { MessageLink } from './links';

function reasonWords(reason: string, tr: (key: ReportReason) => string): string {
  return (REPORT_REASONS as readonly string[]).includes(reason) ? tr(reason as ReportReason) : reason;
}

interface Props {
  message: MessageView;
  attachments: ReactNode;
  onReport(messageId: number): void;
  /** A link in the body was clicked (features/links asks before anything opens). */
  onLink?(link: MessageLink): void;
}

export const MessageItem = memo(function MessageItem({ message, attachments, onReport, onLink }: Props) {
  const t = useStrings(convStrings);
  const tr = useStrings(reportStrings);
  const ta = useStrings(authWords);
  const language = useLanguage((s) => s.language);
  const noResponse = useConversation((s) => s.noResponse);
  const release = useConversation((s) => s.release);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const fromBuyer = message.direction === 'buyer-to-seller';
  const failedAuth = message.auth && Object.values(message.auth).some((v) => /fail/i.test(v));

  const act = (action: (id: number) => Promise<void>) => async () => {
    setBusy(true);
    setError(null);
    try {
      await action(message.id);
    } catch (e) {
      setError(failure(e).message);
    } finally {
      setBusy(false);
    }
  };
  const markNoResponse = act(noResponse);

  return (
    <article
      className={`message message-${message.direction}`}
      aria-labelledby={headingId}
      data-testid="message"
      data-id={message.id}
      data-state={message.state}
    >
      <header className="message-header">
        <div className="message-from">
          <span className="message-direction">{t(message.direction)}</span>
          <h3 id={headingId}>{message.fromLabel}</h3>
        </div>
        <div className="message-meta">
          <time dateTime={message.receivedAt}>{fullTime(message.receivedAt, language)}</time>
          <DeliveryBadge state={message.state} />
        </div>
      </header>
      <div className="message-subject">
        {message.subject}
        {message.direction === 'seller-to-buyer' && <span className="muted"> · {t(`via-${message.via}`)}</span>}
      </div>
      {fromBuyer && message.senderNotVerified && <SenderNotVerified />}
      <DeliveryDetail message={message} />
      <PolicyReasons message={message} />
      {message.category && (
        <p className="muted small">{t('category', { category: t(`cat-${message.category.category}`) })}</p>
      )}
      {message.releasedAt && (
        <p className="small muted" data-testid="released-note">
          {t('released', { time: fullTime(message.releasedAt, language) })}
        </p>
      )}
      {message.releasable && (
        <div className="message-actions message-release">
          <Button
            size="small"
            variant="primary"
            icon="send"
            disabled={busy}
            onClick={act(release)}
            data-testid="release-button"
            aria-describedby={`${headingId}-release`}
          >
            {busy ? t('releasing') : t('release')}
          </Button>
          <span id={`${headingId}-release`} className="small muted">
            {t('releaseHint')}
          </span>
          {error && (
            <span className="action-error" role="alert">
              {t('actionFailed', { message: error })}
            </span>
          )}
        </div>
      )}
      {fromBuyer && message.auth && (
        <p className={`small ${failedAuth ? 'auth-fail' : 'muted'}`}>
          {t('auth')}: <span data-testid="message-auth">{authText(ta, message.auth)}</span>
        </p>
      )}
      <MessageBody message={message} onLink={onLink} />
      {attachments}
      {fromBuyer && (
        <div className="message-actions">
          {message.reported ? (
            <Badge tone="danger">{t('reported', { reason: reasonWords(message.reported.reason, tr) })}</Badge>
          ) : (
            <Button
              size="small"
              variant="ghost"
              icon="flag"
              onClick={() => onReport(message.id)}
              data-testid="report-button"
            >
              {t('report')}
            </Button>
          )}
          {message.noResponseNeeded ? (
            <Badge>{t('noResponseDone')}</Badge>
          ) : (
            !message.reported && (
              <Button
                size="small"
                variant="ghost"
                icon="check"
                disabled={busy}
                onClick={markNoResponse}
                data-testid="no-response-button"
              >
                {t('noResponse')}
              </Button>
            )
          )}
          {error && (
            <span className="action-error" role="alert">
              {t('actionFailed', { message: error })}
            </span>
          )}
        </div>
      )}
    </article>
  );
});
