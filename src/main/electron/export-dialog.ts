/**
 * Where an export for a dispute authority goes (R21): the save dialog, shown by the main process. The originals in it
 * hold the buyer's real address (R5), so the shell writes them itself (app/record.ts, through the app service's
 * `chooseExportPath`); the window only asks, and learns the path.
 */
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { Language } from '../../shared/domain.js';
import { shellText } from './shell-strings.js';

export interface ExportDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  window: () => BrowserWindow | null;
  /** The folder the dialog opens in (the user's documents). */
  startIn: () => string;
  language: () => Language;
}

/** The app service's `chooseExportPath`: the chosen file, or null when the seller cancelled. */
export function exportPathChooser(deps: ExportDialogDeps): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const language = deps.language();
    const options: SaveDialogOptions = {
      title: shellText(language, 'authorityExportTitle'),
      message: shellText(language, 'authorityExportMessage'),
      buttonLabel: shellText(language, 'authorityExportSave'),
      defaultPath: path.join(deps.startIn(), path.basename(suggestedName)),
      filters: [{ name: shellText(language, 'zipFiles'), extensions: ['zip'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = deps.window();
    const result = window
      ? await deps.dialog.showSaveDialog(window, options)
      : await deps.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
