/**
 * The export for a dispute authority (R5, R21) goes where the seller picks in the main process's save dialog, worded
 * in the seller's language; a cancelled dialog chooses nothing. (Electron's dialog is the one thing faked.)
 */
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { exportPathChooser } from './export-dialog.js';

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const shown: { window?: unknown; options: SaveDialogOptions }[] = [];
  const showSaveDialog = async (a: unknown, b?: SaveDialogOptions) =>
    b ? (shown.push({ window: a, options: b }), answer) : (shown.push({ options: a as SaveDialogOptions }), answer);
  return { dialog: { showSaveDialog } as never, shown };
}

describe('the save dialog of the export for a dispute authority', () => {
  it("opens over the window in the documents folder, says the file holds the buyer's address, returns the choice", async () => {
    const window = {} as BrowserWindow;
    const { dialog, shown } = fakeDialog({ canceled: false, filePath: '/home/seller/court.zip' });
    const choose = exportPathChooser({
      dialog,
      window: () => window,
      startIn: () => '/home/seller/Documents',
      language: () => 'de',
    });
    expect(await choose('parley-authority-record-x-2026-01-01.zip')).toBe('/home/seller/court.zip');
    expect(shown).toHaveLength(1);
    expect(shown[0].window).toBe(window);
    expect(shown[0].options).toMatchObject({
      title: 'Export für eine Schlichtungsstelle',
      defaultPath: '/home/seller/Documents/parley-authority-record-x-2026-01-01.zip',
      filters: [{ name: 'ZIP-Dateien', extensions: ['zip'] }],
    });
    expect(shown[0].options.message).toContain('echten E-Mail-Adresse des Käufers');
  });

  it('chooses nothing when the seller cancels, and keeps a suggested name inside the folder', async () => {
    const { dialog, shown } = fakeDialog({ canceled: true, filePath: '' });
    const choose = exportPathChooser({ dialog, window: () => null, startIn: () => '/docs', language: () => 'en' });
    expect(await choose('../../etc/x.zip')).toBeNull();
    expect(shown[0].options).toMatchObject({ title: 'Export for a dispute authority', defaultPath: '/docs/x.zip' });
    expect(shown[0].options.message).toContain("the buyer's real e-mail address");
  });
});
