/** A dropped or chosen file: imported when it is an mbox, else the dialog opens and says why not. */
import { useMailImport } from './store';
import { isMboxName } from './upload';

/** Starts the import of a dropped or chosen file, or says why it is not an mbox. */
export function importFile(file: File, wrongType: (name: string) => string): void {
  if (!isMboxName(file.name)) {
    useMailImport.setState({
      open: true,
      phase: 'failed',
      fileName: file.name,
      error: wrongType(file.name),
      stopped: false,
    });
    return;
  }
  void useMailImport.getState().run(file);
}
