import fs from 'node:fs';

/**
 * fsyncs a directory, so the names of files created or renamed in it survive a power cut.
 * Windows cannot open a directory; NTFS journals the names itself.
 */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
