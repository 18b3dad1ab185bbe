import fs from 'node:fs';

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
