/**
 * The head of the composer. A reply keeps its "Re:" subject (R10a). A new message picks an order
 * and a reason from the subject list (R10c: "Additional information required"); only "other"
 * takes a free subject; the [Important]/[Wichtig] toggle (R10d, R11), kept in step with the tag in the subject field.
 * The subject is shown once: the field where the seller writes one, else the subject the reason makes, as it is sent.
 */
import { useId } from 'react';
import { TOPICS } from '../../../../shared/vocabulary';
import type { Topic } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { importantTag } from './form';
import { subjectToSend } from './send';
import { composerStrings } from './strings';
import { useComposer } from './store';

export function ComposerFields() {
  const t = useStrings(composerStrings);
  const mode = useComposer((s) => s.mode);
  const form = useComposer((s) => s.form);
  const orders = useComposer((s) => s.orders);
  const sellerLanguage = useComposer((s) => s.sellerLanguage);
  const update = useComposer((s) => s.update);
  const setSubject = useComposer((s) => s.setSubject);
  const setImportant = useComposer((s) => s.setImportant);
  const askRecipient = useComposer((s) => s.askRecipient);
  // Computed here, not taken from the last dry run: it follows every keystroke (same composeSubject).
  const preview = subjectToSend({ form, sellerLanguage });
  const ids = { to: useId(), order: useId(), topic: useId(), subject: useId(), important: useId(), hint: useId() };
  const tag = importantTag(sellerLanguage);
  const ownSubject = mode === 'reply' || form.topic === 'other' || !form.topic;

  const orderIds = orders.map((o) => o.orderId);
  if (form.orderId && !orderIds.includes(form.orderId)) orderIds.unshift(form.orderId);

  return (
    <div className="composer-fields">
      {askRecipient && (
        <>
          <label htmlFor={ids.to}>{t('recipient')}</label>
          <input
            id={ids.to}
            type="text"
            value={form.alias ?? ''}
            placeholder="t969vz2jn3bdsy7"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update({ alias: e.target.value.trim() || undefined })}
          />
        </>
      )}
      {mode === 'new' && (
        <>
          <label htmlFor={ids.order}>{t('order')}</label>
          <select
            id={ids.order}
            value={form.orderId ?? ''}
            onChange={(e) => update({ orderId: e.target.value || undefined })}
          >
            <option value="">{t('noOrder')}</option>
            {orderIds.map((id) => {
              const order = orders.find((o) => o.orderId === id);
              return (
                <option key={id} value={id}>
                  {order?.productName ? `${id} — ${order.productName}` : id}
                </option>
              );
            })}
          </select>
          <label htmlFor={ids.topic}>{t('topic')}</label>
          <select
            id={ids.topic}
            value={form.topic ?? 'other'}
            onChange={(e) => update({ topic: e.target.value as Topic })}
          >
            {TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {t(`topic.${topic}`)}
              </option>
            ))}
          </select>
        </>
      )}
      {ownSubject && (
        <>
          <label htmlFor={ids.subject}>{t('subject')}</label>
          <input
            id={ids.subject}
            type="text"
            value={form.subject}
            maxLength={998}
            // Left empty, the order number is the subject (composeSubject): said where the subject would be.
            placeholder={form.subject.trim() ? undefined : preview || undefined}
            onChange={(e) => setSubject(e.target.value)}
            data-testid="composer-subject"
          />
        </>
      )}
      {mode === 'new' && (
        <div className="composer-important">
          <input
            id={ids.important}
            type="checkbox"
            checked={form.important}
            aria-describedby={ids.hint}
            onChange={(e) => setImportant(e.target.checked)}
            data-testid="composer-important"
          />
          <label htmlFor={ids.important}>{t('important', { tag })}</label>
          <span id={ids.hint} className="composer-muted">
            {t('importantHint')}
          </span>
        </div>
      )}
      {!ownSubject && (
        <div className="composer-subject-preview">
          <span className="composer-muted">{t('subjectSent')}:</span>{' '}
          <output data-testid="subject-preview">{preview || t('noSubjectYet')}</output>
        </div>
      )}
    </div>
  );
}
