/**
 * The top bar's "Import old mail" button with its dialog; an .mbox file dropped anywhere on the inbox starts the
 * import too (a drop that a pane handles itself, like the composer's attachments, is left to it).
 */
import { useEffect, useState, type ComponentType } from 'react';
import { useStrings } from '../../i18n';
import { Button } from '../../ui/Button';
import { whenIdle } from '../../ui/idle';
import { onMailImportProgress } from './api';
import { importFile } from './import-file';
import { useMailImport } from './store';
import { mailImportStrings } from './strings';

// The dialog's code is not in the first bundle: it loads in idle time after the first paint, or at once when the
// dialog opens before that (the button or a dropped file).
let dialog: Promise<ComponentType> | null = null;
const loadDialog = () =>
  (dialog ??= import('./MailImportDialog').then(
    (m) => m.MailImportDialog,
    (e: unknown) => {
      dialog = null; // the next open tries again
      throw e;
    },
  ));

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

export function MailImportButton() {
  const t = useStrings(mailImportStrings);
  const show = useMailImport((s) => s.show);
  const open = useMailImport((s) => s.open);
  const [Dialog, setDialog] = useState<ComponentType | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void loadDialog().then(
        (c) => live && setDialog(() => c),
        () => {}, // opening again retries
      );
    if (open) load();
    else {
      whenIdle(load, 3000, 500);
    }
    return () => {
      live = false;
    };
  }, [open]);

  useEffect(() => onMailImportProgress((p) => useMailImport.getState().progress(p.done, p.total)), []);

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.defaultPrevented && hasFiles(e)) e.preventDefault(); // lets the drop below happen
    };
    const drop = (e: DragEvent) => {
      if (e.defaultPrevented || !hasFiles(e)) return;
      e.preventDefault(); // a file dropped on the inbox never replaces the app in the window
      const file = e.dataTransfer?.files[0];
      if (file && /\.(mbox|mbx)$/i.test(file.name)) importFile(file, (name) => t('wrongType', { name }));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [t]);

  return (
    <>
      <Button variant="ghost" icon="download" onClick={show} title={t('open')} data-testid="import-open">
        <span className="mi-open-label">{t('open')}</span>
      </Button>
      {Dialog && <Dialog />}
    </>
  );
}
