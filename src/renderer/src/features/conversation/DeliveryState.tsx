/**
 * R8: every message shows its delivery state; a deferred one also says when the next attempt
 * is, and a failed or deferred one the last error, in the seller's words. A blocked, refused or
 * held message says why in plain words with the buyer's name; the rule ids and their text sit
 * behind "Why?".
 */
import type { MessageView } from '../../../../shared/contract';
import type { DeliveryState as State } from '../../../../shared/domain';
import { RULE_TEXT, type RuleId } from '../../../../shared/rules';
import { useLanguage, useStrings } from '../../i18n';
import { reasonWords, type WordsContext } from '../../state/policy-words';
import { useAppStatus } from '../../state/status-store';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { fullTime } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { useConversation } from './store';
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

/** One box of reasons or warnings: the words first, the rules behind "Why?". */
function ReasonBox({
  title,
  items,
  tone,
  words,
}: {
  title: string;
  items: { rule: RuleId; code: string }[];
  tone: 'danger' | 'warning';
  words: (item: MessageView['reasons'][number] | MessageView['warnings'][number]) => string;
}) {
  const t = useStrings(convStrings);
  const language = useLanguage((s) => s.language);
  if (items.length === 0) return null;
  const rules = [...new Set(items.map((i) => i.rule))];
  return (
    <div
      className={`notice notice-${tone} rules`}
      data-testid={tone === 'danger' ? 'message-reasons' : 'message-warnings'}
    >
      <Icon name="alert" />
      <div>
        <strong>{title}</strong>
        <ul>
          {items.map((r, i) => (
            <li key={i}>{words(r as MessageView['reasons'][number])}</li>
          ))}
        </ul>
        <details className="rules-why" data-testid="message-why">
          <summary>{t('why')}</summary>
          <ul>
            {rules.map((rule) => (
              <li key={rule}>
                <span className="rule-id">{rule}</span> {RULE_TEXT[rule][language]}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </div>
  );
}

/**
 * Why a message was blocked, refused or held, and its warnings (R11): worded by code in the UI language with the
 * buyer's name ("Lukas Weber opted out of seller messages … so it was blocked"), never the policy's prose, which is
 * in the shop's language.
 */
export function PolicyReasons({ message }: { message: MessageView }) {
  const t = useStrings(convStrings);
  const language = useLanguage((s) => s.language);
  const buyer = useConversation((s) => s.detail?.conversation.buyerName ?? null);
  const shop = useAppStatus((s) => s.status?.seller?.language);
  const ctx: WordsContext = {
    language,
    buyer,
    tense: 'after',
    sellerLanguage: shop ?? message.category?.language ?? language,
    category: message.category,
  };
  // R11: the reason for holding it already is the warning, and what to do about it.
  const heldForR11 = message.state === 'held' && message.reasons.some((r) => r.rule === 'R11');
  const warnings = heldForR11 ? message.warnings.filter((w) => w.rule !== 'R11') : message.warnings;
  return (
    <>
      <ReasonBox
        title={message.state === 'held' ? t('whyHeld') : t('whyBlocked')}
        items={message.reasons}
        tone="danger"
        words={(r) => reasonWords(r, ctx)}
      />
      <ReasonBox title={t('warnings')} items={warnings} tone="warning" words={(w) => reasonWords(w, ctx, true)} />
    </>
  );
}
