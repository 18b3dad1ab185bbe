/**
 * Settings "Backup" → "Choose folder…": the main process's folder dialog, worded in the seller's language. The app
 * service saves the chosen folder; the window learns it from the backup view.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { Language } from '../../shared/domain.js';

export interface BackupDialogDeps {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  /** The folder the dialog opens in (the user's documents). */
  startIn: () => string;
  language: () => Language;
}

const WORDS: Record<Language, { title: string; button: string }> = {
  en: { title: 'Folder for Parley backups', button: 'Use this folder' },
  de: { title: 'Ordner für Parley-Sicherungen', button: 'Diesen Ordner verwenden' },
};

/** The app service's `chooseBackupFolder`: the chosen folder, or null when the seller cancelled. */
export function backupFolderChooser(deps: BackupDialogDeps): () => Promise<string | null> {
  return async () => {
    const words = WORDS[deps.language()];
    const options: OpenDialogOptions = {
      title: words.title,
      buttonLabel: words.button,
      defaultPath: deps.startIn(),
      properties: ['openDirectory', 'createDirectory'],
    };
    const window = deps.window();
    const result = window
      ? await deps.dialog.showOpenDialog(window, options)
      : await deps.dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
}
