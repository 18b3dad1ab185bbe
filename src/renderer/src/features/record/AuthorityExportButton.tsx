/**
 * R21 and R5: "Export for a dispute authority…" — the originals with the buyer's real address. A confirmation says
 * so first; then the main process writes the zip where the seller picks (its save dialog), and this window learns
 * only where it went: the bytes never come through here.
 */
import { useState } from 'react';
import type { CallInput, RecordAuthorityExport } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { exportForAuthority } from './api';
import { ExportToast } from './ExportToast';
import { recordStrings } from './strings';
import { useExportRun } from './use-export-run';
import './record.css';

interface Props {
  target: CallInput<'record.export'>;
}

export function AuthorityExportButton({ target }: Props) {
  const t = useStrings(recordStrings);
  const [asking, setAsking] = useState(false);
  const { busy, done, error, run, dismiss } = useExportRun<RecordAuthorityExport>(() => exportForAuthority(target));
  const confirm = () => {
    setAsking(false);
    void run();
  };

  return (
    <span className="record-export">
      <Button
        variant="ghost"
        icon="alert"
        onClick={() => setAsking(true)}
        disabled={busy}
        title={t('authorityTitle')}
        data-testid="authority-export-button"
      >
        {busy ? t('authorityBusy') : t('authority')}
      </Button>
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        title={t('authorityHeading')}
        size="small"
        testId="authority-export-confirm"
        footer={
          <>
            <Button onClick={() => setAsking(false)} data-autofocus>
              {t('cancel')}
            </Button>
            <Button variant="danger" onClick={confirm} data-testid="authority-export-go">
              {t('authorityConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('authorityWarning')}</p>
        <p>{t('authorityWhere')}</p>
      </Dialog>
      {done?.saved === true && (
        <ExportToast
          testId="authority-export-result"
          title={t('authoritySaved', { path: done.path })}
          summary={t('savedCounts', { messages: done.messages, files: done.files })}
          details={
            <span>
              {t('verifyWith')} <code>parley verify --export {done.path}</code>
            </span>
          }
          onDismiss={dismiss}
        />
      )}
      <span role="status" className="record-status">
        {done?.saved === false && <span data-testid="authority-export-result">{t('authorityCancelled')}</span>}
      </span>
      {error && (
        <span role="alert" className="record-error">
          {t('failed', { message: error })}
        </span>
      )}
    </span>
  );
}
