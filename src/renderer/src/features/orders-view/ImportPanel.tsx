/**
 * The import of the marketplace's order report: a visible drop zone with a "choose file" button,
 * the progress bar fed by 'job.progress', then what happened — new, updated, unchanged, and every
 * failed row with its line number and reason, so the seller can fix the file and import again
 * (re-importing changes nothing for the rows already in).
 */
import { useRef } from 'react';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { checkReportFile, readAsBase64 } from './read-file';
import { useOrders } from './store';
import { ordersViewStrings } from './strings';

const FAILED_SHOWN = 200; // a 50,000-row file with a bad column must not freeze the view

/** Validates, reads and imports one file; a problem becomes the import's error line. */
export async function importReport(file: File, words: { wrongType: string; tooBig: string }): Promise<void> {
  const orders = useOrders.getState();
  const problem = checkReportFile(file);
  if (problem) {
    useOrders.setState({
      imp: { fileName: file.name, running: false, done: 0, total: 0, result: null, error: words[problem.kind] },
    });
    return;
  }
  await orders.importFile(file.name, await readAsBase64(file));
}

export function ImportPanel({ dragging, onFile }: { dragging: string | null; onFile(file: File): void }) {
  const t = useStrings(ordersViewStrings);
  const imp = useOrders((s) => s.imp);
  const closeImport = useOrders((s) => s.closeImport);
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="ov-import">
      <div className={`drop-zone${dragging !== null ? ' drop-zone-active' : ''}`} data-testid="orders-drop-zone">
        <Icon name="download" />
        <span>{dragging !== null ? t('dropNow', { name: dragging || '…' }) : t('dropHint')}</span>
        <Button size="small" icon="file" onClick={() => input.current?.click()} disabled={imp?.running}>
          {t('import')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".txt,.tsv,.tab,.csv,text/plain,text/tab-separated-values"
          hidden
          data-testid="orders-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = ''; // the same file can be chosen again
            if (file) onFile(file);
          }}
        />
      </div>
      {imp && <ImportStatus onClose={closeImport} />}
    </div>
  );
}

function ImportStatus({ onClose }: { onClose(): void }) {
  const t = useStrings(ordersViewStrings);
  const imp = useOrders((s) => s.imp);
  const language = useLanguage((s) => s.language);
  if (!imp) return null;
  if (imp.running) {
    return (
      <div className="ov-progress" data-testid="import-progress">
        <span>{t('importing', { name: imp.fileName })}</span>
        <progress
          max={imp.total || undefined}
          value={imp.total ? imp.done : undefined}
          aria-label={t('importing', { name: imp.fileName })}
        />
        <span className="muted small" aria-live="polite">
          {imp.total ? t('progress', { done: imp.done.toLocaleString(language), total: imp.total }) : ''}
        </span>
      </div>
    );
  }
  if (imp.error || !imp.result) {
    return (
      <div className="notice notice-danger ov-result" role="alert" data-testid="import-result">
        <span>{t('importFailed', { message: imp.error ?? '' })}</span>
        <Button size="small" onClick={onClose}>
          {t('close')}
        </Button>
      </div>
    );
  }
  const r = imp.result;
  const n = (v: number) => v.toLocaleString(language);
  // Tenths of a second: a report read in under 0.05 s says "at once" rather than "in 0 s".
  const title = t('resultTitle', { name: imp.fileName, rows: r.rows, seconds: Math.round(r.ms / 100) / 10 });
  return (
    <section className="ov-result" data-testid="import-result" aria-label={title}>
      <div className="ov-result-head">
        <strong role="status">{title}</strong>
        <Button variant="ghost" size="small" icon="x" aria-label={t('close')} onClick={onClose} />
      </div>
      <dl className="ov-result-counts">
        <div>
          <dt>{t('imported')}</dt>
          <dd data-testid="import-imported">{n(r.imported)}</dd>
        </div>
        <div>
          <dt>{t('updated')}</dt>
          <dd data-testid="import-updated">{n(r.updated)}</dd>
        </div>
        <div>
          <dt>{t('unchanged')}</dt>
          <dd data-testid="import-unchanged">{n(r.unchanged)}</dd>
        </div>
        <div className={r.failed.length ? 'ov-bad' : ''}>
          <dt>{t('failed')}</dt>
          <dd data-testid="import-failed">{n(r.failed.length)}</dd>
        </div>
      </dl>
      {r.failed.length > 0 && (
        <>
          <p className="small">{t('failedRows')}</p>
          <ul className="ov-failed" data-testid="import-failed-rows">
            {r.failed.slice(0, FAILED_SHOWN).map((f) => (
              <li key={f.line}>
                <span className="mono">{t('line', { line: f.line })}</span>:{' '}
                {/* The reason in the UI's language; the backend's English only from a backend without problem keys. */}
                {f.problems?.length ? f.problems.map((p) => t(`problem.${p.key}`, p.params)).join('; ') : f.reason}
              </li>
            ))}
            {r.failed.length > FAILED_SHOWN && (
              <li className="muted">{t('moreFailed', { count: n(r.failed.length - FAILED_SHOWN) })}</li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
