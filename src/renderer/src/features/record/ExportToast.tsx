/**
 * An export's result as a toast at the bottom of the window, outside the row of buttons that started it (the row
 * keeps its height): what was saved in plain words first, the hash and the command that proves it complete behind
 * "Details". It stays until the seller closes it: the file name is worth reading.
 */
import { useId, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { recordStrings } from './strings';

interface Props {
  /** The first line: what was saved, and where. */
  title: ReactNode;
  /** The second line: how much. */
  summary: ReactNode;
  /** Behind "Details": the hash and the verify command. */
  details: ReactNode;
  testId: string;
  onDismiss(): void;
}

export function ExportToast({ title, summary, details, testId, onDismiss }: Props) {
  const t = useStrings(recordStrings);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return createPortal(
    <div className="record-toast" role="status" data-testid="export-result">
      <div className="record-toast-text" data-testid={testId}>
        <strong className="record-toast-title">{title}</strong>
        <span>{summary}</span>
        <Button
          size="small"
          variant="ghost"
          className="record-toast-more"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
          data-testid="export-result-details-toggle"
        >
          {t('details')}
        </Button>
        <div id={detailsId} className="record-toast-details" hidden={!open}>
          {details}
        </div>
      </div>
      <Button variant="ghost" size="small" icon="x" aria-label={t('dismiss')} onClick={onDismiss} />
    </div>,
    document.body,
  );
}
