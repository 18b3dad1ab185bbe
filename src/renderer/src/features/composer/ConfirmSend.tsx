/**
 * R11 asks first: Send on a message Parley would hold opens this confirmation over the composer.
 * It says why in words — the R11 message, what the message looks like and the phrases that
 * decided it — and offers "Send anyway" as a separate, clearly labelled button. Cancel has the
 * focus, so Enter or Esc never sends by accident; Tab stays inside until the seller decides.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useLanguage, useStrings } from '../../i18n';
import { reasonWords } from '../../state/policy-words';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { CategoryWords } from './CategoryWords';
import { useComposer } from './store';
import { composerStrings } from './strings';

const HOLD = 'important-needs-confirmation';

export function ConfirmSend() {
  const t = useStrings(composerStrings);
  const confirm = useComposer((s) => s.confirm);
  const language = useLanguage((s) => s.language);
  const buyer = useComposer((s) => s.dryRun.result?.buyerName ?? null);
  const sellerLanguage = useComposer((s) => s.sellerLanguage);
  const sending = useComposer((s) => s.sending);
  const { sendAnyway, cancelConfirm } = useComposer.getState();
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const open = confirm !== null;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    box.current?.scrollIntoView?.({ block: 'nearest' });
    box.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus({ preventScroll: true });
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, [open]);

  if (!confirm) return null;
  const { decision } = confirm;
  const reason =
    decision?.reasons.find((r) => r.rule === 'R11' && r.code === HOLD) ??
    decision?.warnings.find((w) => w.rule === 'R11');
  // The live check's reason in the UI language with the buyer's name; the backend's own words when only it asked.
  const words =
    reason && decision
      ? reasonWords(
          reason,
          { language, buyer, tense: 'before', sellerLanguage, category: decision.category },
          reason.code !== HOLD,
        )
      : confirm.message;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation(); // not the composer's Ctrl+Enter, not the inbox's shortcuts
    if (e.key === 'Escape') {
      e.preventDefault();
      cancelConfirm();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const buttons = [...box.current.querySelectorAll<HTMLElement>('button:not([disabled])')];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : at === buttons.length - 1 ? 0 : at + 1;
    e.preventDefault();
    buttons[next].focus();
  };

  return (
    <div className="composer-confirm-backdrop">
      <div
        ref={box}
        className="composer-confirm-box"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
        data-testid="send-confirm"
      >
        <h3 id={titleId}>
          <Icon name="alert" /> {t('confirmTitle')}
        </h3>
        <div id={bodyId} className="composer-confirm-body">
          <p className="composer-confirm-reason">{words}</p>
          {decision && <CategoryWords c={decision.category} />}
          <p className="composer-muted">{t('confirmLogged')}</p>
        </div>
        <div className="composer-confirm-actions">
          <Button
            variant="danger"
            icon="send"
            disabled={sending}
            onClick={() => void sendAnyway()}
            data-testid="send-anyway"
          >
            {sending ? t('sending') : t('sendAnyway')}
          </Button>
          <Button variant="primary" disabled={sending} onClick={cancelConfirm} data-autofocus>
            {t('confirmCancel')}
          </Button>
        </div>
      </div>
    </div>
  );
}
