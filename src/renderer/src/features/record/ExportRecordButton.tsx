/**
 * R21: "Export record" for a conversation or an order. The backend builds the zip (originals as
 * .eml, attachments, transcript PDF, chained sha256 manifest); this saves it and says so in a toast, with how to
 * prove it complete (`parley verify --export <file>`, the head hash to compare) behind "Details".
 * Export only reads: nothing here (or anywhere in the app) edits or deletes a stored message.
 */
import type { CallInput, RecordExport } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { ExportToast } from './ExportToast';
import { saveFile } from './save-file';
import { recordStrings } from './strings';
import './record.css';
import { exportRecord } from './api';
import { useExportRun } from './use-export-run';

interface Props {
  target: CallInput<'record.export'>;
  size?: 'small' | 'normal';
}

export function ExportRecordButton({ target, size = 'normal' }: Props) {
  const t = useStrings(recordStrings);
  const { busy, done, error, run, dismiss } = useExportRun<RecordExport>(async () => {
    const result = await exportRecord(target);
    saveFile(result.fileName, result.dataBase64, 'application/zip');
    return result;
  });

  return (
    <span className="record-export">
      <Button
        size={size}
        icon="download"
        onClick={() => void run()}
        disabled={busy}
        title={t('exportTitle')}
        data-testid="export-record-button"
      >
        {busy ? t('exporting') : t('export')}
      </Button>
      {done && (
        <ExportToast
          testId="export-record-result"
          title={t('saved', { file: done.fileName })}
          summary={t('savedCounts', { messages: done.messages, files: done.files })}
          details={
            <>
              <span>
                {t('head')}: <code data-testid="export-record-head">{done.head}</code>
              </span>
              <span>
                {t('verifyWith')} <code>parley verify --export {done.fileName}</code>
              </span>
            </>
          }
          onDismiss={dismiss}
        />
      )}
      {error && (
        <span role="alert" className="record-error">
          {t('failed', { message: error })}
        </span>
      )}
    </span>
  );
}
