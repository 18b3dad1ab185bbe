/**
 * Settings "Backup" picks its folder in the main process's folder dialog, worded in the seller's language; a cancelled
 * dialog chooses nothing. (Electron's dialog is the one thing faked.)
 */
import { describe, expect, it } from 'vitest';
import type { OpenDialogOptions } from 'electron';
import { backupFolderChooser } from './backup-dialog.js';

function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const shown: OpenDialogOptions[] = [];
  const showOpenDialog = async (...args: unknown[]) => {
    shown.push(args[args.length - 1] as OpenDialogOptions);
    return answer;
  };
  return { dialog: { showOpenDialog } as never, shown };
}

describe('the backup folder dialog', () => {
  it('returns the chosen folder, asking in German for a German seller', async () => {
    const { dialog, shown } = fakeDialog({ canceled: false, filePaths: ['/media/usb/Sicherungen'] });
    const choose = backupFolderChooser({
      dialog,
      window: () => null,
      startIn: () => '/home/anna',
      language: () => 'de',
    });
    await expect(choose()).resolves.toBe('/media/usb/Sicherungen');
    expect(shown[0]).toMatchObject({ title: 'Ordner für Parley-Sicherungen', defaultPath: '/home/anna' });
    expect(shown[0].properties).toContain('openDirectory');
  });

  it('chooses nothing when cancelled', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePaths: [] });
    const choose = backupFolderChooser({
      dialog,
      window: () => null,
      startIn: () => '/home/anna',
      language: () => 'en',
    });
    await expect(choose()).resolves.toBeNull();
  });
});
