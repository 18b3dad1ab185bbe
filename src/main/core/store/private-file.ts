import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file only its owner can read (0600), whole or not at all: a synced temporary file
 * renamed over the old one. For secrets kept on disk.
 */
export function writePrivateFile(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600); // openSync's mode is masked by the umask
  fs.renameSync(tmp, file);
}

/** Modes of everything the store keeps: it holds the HMAC secret, password hashes and buyers' real addresses. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * What the store keeps in its data directory. Only these are made private on open: the directory may be the desktop
 * app's userData folder, whose other entries belong to Electron.
 */
const STORE_ENTRIES = [
  'parley.sqlite3',
  'parley.sqlite3-wal',
  'parley.sqlite3-shm',
  'parley.sqlite3-journal',
  'blobs',
  'mailbox',
  'secrets.json',
  'relay.lock',
];

/**
 * Creates the data directory (0700) or, for an existing store that a version before this one left with the umask's
 * modes, makes the store's entries readable by their owner only. A subdirectory already 0700 is taken as done: the
 * fix works from the leaves up, so one it cut short is finished on the next open. POSIX only: on Windows a user's
 * files live in a profile only that user can read.
 */
export function makeStorePrivate(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  for (const name of STORE_ENTRIES) makePrivate(path.join(dataDir, name));
  makePrivate(dataDir);
}

function makePrivate(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  // A link is not followed: what it points at is not the store's to change.
  if (!stat.isFile() && !stat.isDirectory()) return;
  const mode = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  const isPrivate = (stat.mode & 0o777) === mode;
  if (stat.isDirectory() && !isPrivate) {
    for (const name of fs.readdirSync(file)) makePrivate(path.join(file, name));
  }
  if (!isPrivate) chmodOwn(file, mode);
}

/** A file another user owns cannot be changed and is left as it is; one gone meanwhile needs nothing. */
function chmodOwn(file: string, mode: number): void {
  try {
    fs.chmodSync(file, mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOENT') throw err;
  }
}
