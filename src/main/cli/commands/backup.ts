import path from 'node:path';
import type { CoreContext } from '../../core/context.js';
import { backupStore, restoreStore } from '../../core/store/backup.js';
import { dataDir, parse, required } from '../args.js';
import { print } from '../output.js';

type Open = (v: { data?: string | boolean }) => CoreContext;

/** `parley backup --out DIR`: an online copy of the store (the relay may keep running) into a new or empty folder. */
export async function backupCommand(open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, { out: { type: 'string' } });
  const out = path.resolve(required(values, 'out'));
  const manifest = await backupStore(open(values).store, out);
  print(values.json, { out, ...manifest }, [
    `backed up to ${out}: ${manifest.messages} messages, ${manifest.blobs} files (${manifest.blobBytes} bytes), ` +
      `taken ${manifest.takenAt}`,
    `restore with: parley restore --from ${out}`,
  ]);
}

/**
 * `parley restore --from DIR [--data DIR] [--force]`: puts a backup in place as the store. It opens no store of its
 * own (the one there is set aside, never deleted), and refuses while a relay runs on it or when it is newer than the
 * backup.
 */
export async function restoreCommand(_open: Open, argv: string[]): Promise<void> {
  const { values } = parse(argv, { from: { type: 'string' }, force: { type: 'boolean', default: false } });
  const from = path.resolve(required(values, 'from'));
  const target = dataDir(values);
  const result = await restoreStore(from, target, { force: values.force });
  print(values.json, { dataDir: target, ...result }, [
    `restored ${result.manifest.messages} messages (backup taken ${result.manifest.takenAt}) into ${target}`,
    ...(result.setAside ? [`the store that was there is kept in ${result.setAside}`] : []),
    'check it with: parley verify',
  ]);
}
