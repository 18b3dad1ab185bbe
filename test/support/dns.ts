import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** DNS answers from a file of our own (the relay's `--dns FILE`): nothing leaves the machine. */
export function resolverFile(records: Record<string, Record<string, unknown>>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-dns-')), 'dns.json');
  fs.writeFileSync(file, JSON.stringify(records));
  return file;
}
