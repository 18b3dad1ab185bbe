/**
 * `parley verify --export PATH` for both forms of a dispute record (R21): the folder as written,
 * and the zip the app hands out. A zip is extracted into a private temp folder, checked with the
 * same verifyExport, and the folder removed again; the first file that is not intact is named.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ParleyError } from '../errors.js';
import { verifyExport, type ExportVerification } from './export-manifest.js';
import { extractZip } from './zip.js';

export function verifyExportPath(target: string, opts: { expectedHead?: string } = {}): ExportVerification {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new ParleyError('ENOTFOUND', `${target} does not exist`);
  }
  if (stat.isDirectory()) return verifyExport(target, opts);
  return verifyExportZip(fs.readFileSync(target), path.basename(target), opts);
}

/** The zip form, already read (the CLI reads it through its size limit); `name` is what a broken zip is called. */
export function verifyExportZip(zip: Buffer, name: string, opts: { expectedHead?: string } = {}): ExportVerification {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-verify-'));
  try {
    let crcBad: string[];
    try {
      crcBad = extractZip(zip, tmp);
    } catch (err) {
      if (err instanceof ParleyError) return { ok: false, checked: 0, firstBad: { path: name, problem: err.message } };
      throw err;
    }
    const result = verifyExport(tmp, opts);
    // The manifest check found nothing, yet the zip's own CRC disagrees: its directory was altered.
    if (result.ok && crcBad.length > 0)
      return {
        ok: false,
        checked: result.checked,
        firstBad: { path: crcBad[0], problem: 'altered: its CRC-32 in the zip does not match' },
      };
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
