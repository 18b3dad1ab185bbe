/**
 * An export's result as a toast at the bottom of the window, outside the row of buttons that started it (the row
 * keeps its height): what was saved in plain words first, the hash and the command that proves it complete behind
 * "Details". It goes after a while (it may cover the composer's Send), unless the pointer rests on it or its details
 * are open; the close button takes it away at once.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
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

// ms a toast stays on screen untouched.
export const SHOWN_MS = 15_000;

export function ExportToast({ title, summary, details, testId, onDismiss }: Props) {
  const t = useStrings(recordStrings);
  const [open, setOpen] = useState(false);
  const [resting, setResting] = useState(false);
  const detailsId = useId();
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (open || resting) return;
    const timer = setTimeout(() => dismiss.current(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [open, resting]);
  return createPortal(
    <div
      className="record-toast"
      role="status"
      data-testid="export-result"
      onMouseEnter={() => setResting(true)}
      onMouseLeave={() => setResting(false)}
    >
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
