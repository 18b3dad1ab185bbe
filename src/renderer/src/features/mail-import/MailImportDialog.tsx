/**
 * Import old mail: a drop zone with "Choose mbox file", then the progress bar with the count and the rate, then what
 * happened — new, already in Parley, left out, could not be read (each with its reason in the UI's language).
 */
import { useRef, useState } from 'react';
import { failure } from '../../api/errors';
import { useLanguage, useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { importFile } from './import-file';
import { useMailImport } from './store';
import { mailImportStrings } from './strings';
import './mail-import.css';

export { importFile };

const REFUSED_SHOWN = 50;

export function MailImportDialog() {
  const t = useStrings(mailImportStrings);
  const open = useMailImport((s) => s.open);
  const phase = useMailImport((s) => s.phase);
  const close = useMailImport((s) => s.close);
  const reset = useMailImport((s) => s.reset);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const busy = phase === 'uploading' || phase === 'importing';
  const choose = (file: File) => importFile(file, (name) => t('wrongType', { name }));

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('title')}
      testId="import-dialog"
      footer={
        <>
          {(phase === 'done' || phase === 'failed') && (
            <Button onClick={reset} data-testid="import-another">
              {t('another')}
            </Button>
          )}
          <Button variant={phase === 'done' ? 'primary' : 'secondary'} onClick={close}>
            {t('close')}
          </Button>
        </>
      }
    >
      <div className="mi-body">
        <p className="mi-intro">{t('intro')}</p>
        {phase === 'idle' && (
          <div
            className={`drop-zone mi-drop${dragging !== null ? ' drop-zone-active' : ''}`}
            data-testid="import-drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(e.dataTransfer.items?.[0]?.getAsFile()?.name ?? '');
            }}
            onDragLeave={() => setDragging(null)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(null);
              const file = e.dataTransfer.files[0];
              if (file) choose(file);
            }}
          >
            <Icon name="download" />
            <span>{dragging !== null ? t('dropNow', { name: dragging || '…' }) : t('dropHint')}</span>
            <Button size="small" icon="file" onClick={() => input.current?.click()} data-autofocus>
              {t('choose')}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".mbox,.mbx,application/mbox"
              hidden
              data-testid="import-file-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = ''; // the same file can be chosen again
                if (file) choose(file);
              }}
            />
          </div>
        )}
        {busy && <Progress />}
        {phase === 'done' && <Result />}
        {phase === 'failed' && <Failed />}
      </div>
    </Dialog>
  );
}

function Progress() {
  const t = useStrings(mailImportStrings);
  const language = useLanguage((s) => s.language);
  const s = useMailImport();
  const n = (v: number) => v.toLocaleString(language);
  const mb = (v: number) => (v / 1024 / 1024).toLocaleString(language, { maximumFractionDigits: 1 });
  const label = t(s.phase === 'uploading' ? 'uploading' : 'importing', { name: s.fileName });
  return (
    <div className="mi-progress" data-testid="import-progress" data-phase={s.phase}>
      <span>{label}</span>
      {s.phase === 'uploading' ? (
        <progress max={s.size || 1} value={s.sent} aria-label={label} />
      ) : (
        <progress max={s.total || undefined} value={s.total ? s.done : undefined} aria-label={label} />
      )}
      <span className="muted small" aria-live="polite" data-testid="import-count">
        {s.phase === 'uploading'
          ? t('uploaded', { sent: mb(s.sent), size: mb(s.size) })
          : s.total
            ? t('progress', { done: n(s.done), total: s.total, rate: n(s.rate) })
            : ''}
      </span>
    </div>
  );
}

function Result() {
  const t = useStrings(mailImportStrings);
  const language = useLanguage((s) => s.language);
  const name = useMailImport((s) => s.fileName);
  const r = useMailImport((s) => s.result);
  if (!r) return null;
  const n = (v: number) => v.toLocaleString(language);
  const title = t('resultTitle', { name, imported: r.imported, seconds: Math.round(r.ms / 100) / 10 });
  return (
    <section className="mi-result" data-testid="import-result" aria-label={title}>
      <strong role="status">{title}</strong>
      {r.resumed && <p className="small">{t('resumed')}</p>}
      <dl className="mi-counts">
        <div>
          <dt>{t('imported')}</dt>
          <dd data-testid="import-imported">{n(r.imported)}</dd>
        </div>
        <div>
          <dt>{t('duplicates')}</dt>
          <dd data-testid="import-duplicates">{n(r.duplicates)}</dd>
        </div>
        <div>
          <dt>{t('skipped')}</dt>
          <dd data-testid="import-skipped">{n(r.skipped)}</dd>
        </div>
        <div className={r.refused ? 'mi-bad' : ''}>
          <dt>{t('refused')}</dt>
          <dd data-testid="import-refused">{n(r.refused)}</dd>
        </div>
      </dl>
      {r.skipped > 0 && <p className="small muted">{t('skippedWhy')}</p>}
      {r.refusedList.length > 0 && (
        <>
          <p className="small">{t('refusedRows')}</p>
          <ul className="mi-refused" data-testid="import-refused-list">
            {r.refusedList.slice(0, REFUSED_SHOWN).map((f) => (
              <li key={f.at}>{failure({ code: 'EBADINPUT', message: '', key: f.key, params: f.params }).message}</li>
            ))}
            {r.refused > REFUSED_SHOWN && (
              <li className="muted">
                {t('moreRefused', { count: r.refused - Math.min(REFUSED_SHOWN, r.refusedList.length) })}
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}

function Failed() {
  const t = useStrings(mailImportStrings);
  const error = useMailImport((s) => s.error);
  const stopped = useMailImport((s) => s.stopped);
  return (
    <div className="notice notice-danger" role="alert" data-testid="import-result">
      {stopped ? t('failed', { message: error ?? '' }) : error}
    </div>
  );
}
