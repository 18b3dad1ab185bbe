/** R18: report a buyer message with a reason and an optional note. */
import { useState } from 'react';
import { REPORT_REASONS } from '../../../../shared/vocabulary';
import type { ReportReason } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useConversation } from './store';
import { reportStrings } from './strings';
import { failure } from '../../api/errors';

export function ReportDialog({ messageId, onClose }: { messageId: number; onClose(): void }) {
  const t = useStrings(reportStrings);
  const report = useConversation((s) => s.report);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await report(messageId, reason, note);
      onClose();
    } catch (e) {
      setError(failure(e).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('title')}
      testId="report-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button variant="danger" icon="flag" disabled={busy} onClick={submit} data-testid="report-submit">
            {busy ? t('sending') : t('submit')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('intro')}</p>
      <fieldset>
        <legend>{t('reason')}</legend>
        {REPORT_REASONS.map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="report-reason"
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
              {...(r === reason ? { 'data-autofocus': '' } : {})}
            />
            {t(r)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="report-note">{t('note')}</label>
        <textarea id="report-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error && (
        <p className="notice notice-danger" role="alert">
          {t('failed', { message: error })}
        </p>
      )}
    </Dialog>
  );
}
