/**
 * R18: above the Reported filter's list, the reports themselves — reason, date, note, withdrawn
 * or not — with "Withdraw" (after a confirmation), and the senders reported most. Withdrawing
 * keeps the message and the report's record; it only ends the report.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReportsOverview, ReportView } from '../../../../shared/contract';
import { openConversation } from '../../state/view-store';
import { useLanguage, useStrings, type Translate } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { fullTime } from '../../ui/format';
import { reportsStrings } from './strings';
import './reports.css';
import { failure } from '../../api/errors';
import { listReports, withdrawReport } from './api';

type T = Translate<typeof reportsStrings>;
const reasonText = (t: T, reason: string) =>
  reason in reportsStrings ? t(reason as keyof typeof reportsStrings) : reason;

function WithdrawDialog({ report, onClose, onDone }: { report: ReportView; onClose(): void; onDone(): void }) {
  const t = useStrings(reportsStrings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      await withdrawReport({ id: report.id });
      onDone();
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
      title={t('withdrawTitle')}
      size="small"
      testId="withdraw-dialog"
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            {t('cancel')}
          </Button>
          <Button variant="primary" disabled={busy} onClick={() => void confirm()} data-testid="withdraw-confirm">
            {t('confirm')}
          </Button>
        </>
      }
    >
      <p>{t('withdrawText', { subject: report.subject, reason: reasonText(t, report.reason) })}</p>
      {error && (
        <p className="notice notice-danger" role="alert">
          {t('withdrawFailed', { message: error })}
        </p>
      )}
    </Dialog>
  );
}

export default function ReportsPanel() {
  const t = useStrings(reportsStrings);
  const language = useLanguage((s) => s.language);
  const [data, setData] = useState<ReportsOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<ReportView | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await listReports());
      setError(null);
    } catch (e) {
      setError(failure(e).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  // The counts and the Reported list follow the backend's 'counts.changed'.
  const afterWithdraw = () => void load();

  if (error) {
    return (
      <div className="notice notice-danger rp" role="alert">
        <span>{t('failed', { message: error })}</span>
        <Button size="small" onClick={() => void load()}>
          {t('retry')}
        </Button>
      </div>
    );
  }
  if (!data)
    return (
      <p className="muted small rp" role="status">
        {t('loading')}
      </p>
    );
  return (
    <section className="rp" aria-label={t('title')} data-testid="reports-panel">
      {data.topSenders.length > 0 && (
        <div className="rp-top" data-testid="reports-top-senders">
          <h3>{t('topTitle')}</h3>
          <ol>
            {data.topSenders.slice(0, 5).map((s) => (
              <li key={s.alias}>
                <strong>{s.buyerName ?? s.alias}</strong>{' '}
                <span className="muted small">
                  {t('topLine', { count: s.count, date: fullTime(s.lastAt, language) })}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
      <h3>{t('title')}</h3>
      {data.reports.length === 0 && <p className="muted small">{t('none')}</p>}
      <ul className="rp-list">
        {data.reports.map((r) => (
          <li
            key={r.id}
            className={`rp-row${r.withdrawnAt ? ' rp-withdrawn' : ''}`}
            data-testid="report-row"
            data-report-id={r.id}
          >
            <div className="rp-row-head">
              {r.conversationId !== null ? (
                <button
                  type="button"
                  className="rp-link"
                  onClick={() => openConversation(r.conversationId as number)}
                  title={t('open')}
                >
                  {r.subject}
                </button>
              ) : (
                <span>{r.subject}</span>
              )}
              {r.withdrawnAt ? (
                <Badge>{t('withdrawn', { date: fullTime(r.withdrawnAt, language) })}</Badge>
              ) : (
                <Badge tone="danger">{t('active')}</Badge>
              )}
            </div>
            <div className="small">
              {r.fromLabel} · {reasonText(t, r.reason)} · {fullTime(r.createdAt, language)}
            </div>
            {r.note && <div className="small muted">{t('note', { note: r.note })}</div>}
            {!r.withdrawnAt && (
              <Button size="small" onClick={() => setWithdrawing(r)} data-testid="withdraw-button">
                {t('withdraw')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {withdrawing && (
        <WithdrawDialog report={withdrawing} onClose={() => setWithdrawing(null)} onDone={afterWithdraw} />
      )}
    </section>
  );
}
