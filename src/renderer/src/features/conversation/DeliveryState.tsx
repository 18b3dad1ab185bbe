/**
 * R8: every message shows its delivery state; a deferred one also says when the next attempt
 * is, and a failed or deferred one the last error, in the seller's words.
 */
import type { MessageView } from '../../../../shared/contract';
import type { DeliveryState as State } from '../../../../shared/domain';
import { useLanguage, useStrings } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { fullTime } from '../../ui/format';
import { convStrings } from './strings';

const TONE: Record<State, BadgeTone> = {
  queued: 'info',
  delivered: 'success',
  deferred: 'warning',
  failed: 'danger',
  bounced: 'danger',
  cancelled: 'neutral',
  blocked: 'danger',
  rejected: 'danger',
  held: 'warning',
};

export function DeliveryBadge({ state }: { state: State }) {
  const t = useStrings(convStrings);
  return (
    <Badge tone={TONE[state]} data-testid="delivery-state" title={t('stateLabel', { state: t(`state-${state}`) })}>
      {t(`state-${state}`)}
    </Badge>
  );
}

/** The retry and error line under a message that is still trying or gave up. */
export function DeliveryDetail({ message }: { message: MessageView }) {
  const t = useStrings(convStrings);
  const language = useLanguage((s) => s.language);
  const lines: string[] = [];
  if (message.nextAttemptAt && (message.state === 'deferred' || message.state === 'queued')) {
    lines.push(t('nextAttempt', { time: fullTime(message.nextAttemptAt, language), attempts: message.attempts + 1 }));
  }
  if (message.lastError && message.state !== 'delivered') lines.push(t('lastError', { message: message.lastError }));
  if (lines.length === 0) return null;
  return (
    <p className="delivery-detail muted">
      {lines.map((l, i) => (
        <span key={i}>{l} </span>
      ))}
    </p>
  );
}
