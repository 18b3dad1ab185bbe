/**
 * The manifest of an exported dispute record (R21) and its check. Every file is listed with
 * its sha256, and the entries are chained (each hash covers the one before), so a file that is
 * altered, missing, swapped or reordered is found, and the last hash (`head`) stands for the
 * whole export: whoever keeps the head can later tell this export from any other.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH } from '../store/record.js';

export const EXPORT_FORMAT = 'parley-export/1';
export const MANIFEST_FILE = 'manifest.json';
export const TRANSCRIPT_FILE = 'transcript.txt';

export interface ManifestEntry {
  /** Relative to the export directory, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
  prevHash: string;
  /** sha256(prevHash + '\n' + path + '\n' + sha256) */
  chainHash: string;
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  seller: string;
  /** The buyer's alias address at this seller (R1). */
  alias: string;
  exportedAt: string;
  files: ManifestEntry[];
  /** The last chainHash: one value that covers every file. */
  head: string;
}

export interface ExportVerification {
  ok: boolean;
  /** Files found complete and unaltered before the first problem (all of them when ok). */
  checked: number;
  firstBad?: { path: string; problem: string };
}

export const sha256Hex = (data: Uint8Array | string): string => crypto.createHash('sha256').update(data).digest('hex');

export function chainHash(prevHash: string, filePath: string, sha256: string): string {
  return sha256Hex(`${prevHash}\n${filePath}\n${sha256}`);
}

/** Chains the files in the order given. */
export function buildManifest(
  meta: { seller: string; alias: string; exportedAt: string },
  files: { path: string; data: Uint8Array }[],
): Manifest {
  let prevHash = GENESIS_HASH;
  const entries = files.map((f) => {
    const sha256 = sha256Hex(f.data);
    const entry = {
      path: f.path,
      sha256,
      size: f.data.length,
      prevHash,
      chainHash: chainHash(prevHash, f.path, sha256),
    };
    prevHash = entry.chainHash;
    return entry;
  });
  return { format: EXPORT_FORMAT, ...meta, files: entries, head: prevHash };
}

// Exactly the names exportConversation writes; anything else (`..`, absolute paths) is refused
// before it is read, so a doctored manifest cannot point the check outside the directory.
const EXPORT_PATH = /^(?:(?:messages|attachments)\/\d{4,}-[^/\\]+|transcript\.txt|transcript\.pdf)$/;

/**
 * Recomputes every file's sha256 and the chain, in manifest order, and names the first file
 * that is missing, altered or out of order; then any file the manifest does not list. With
 * `expectedHead` (kept from export time), a consistently rebuilt manifest is caught too.
 */
export function verifyExport(dir: string, opts: { expectedHead?: string } = {}): ExportVerification {
  let checked = 0;
  const bad = (file: string, problem: string): ExportVerification => ({
    ok: false,
    checked,
    firstBad: { path: file, problem },
  });

  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return bad(MANIFEST_FILE, missing ? 'missing' : 'not valid JSON: the manifest was altered');
  }
  if (manifest?.format !== EXPORT_FORMAT || !Array.isArray(manifest.files))
    return bad(MANIFEST_FILE, `not a ${EXPORT_FORMAT} manifest`);

  const listed = new Set<string>();
  let prevHash = GENESIS_HASH;
  for (const entry of manifest.files) {
    const file = typeof entry?.path === 'string' ? entry.path : '';
    if (!EXPORT_PATH.test(file) || listed.has(file))
      return bad(MANIFEST_FILE, `entry ${checked + 1} names "${file}", which is not a file of an export`);
    listed.add(file);
    if (entry.prevHash !== prevHash)
      return bad(file, 'out of order: its manifest entry does not follow the one before it in the chain');
    if (entry.chainHash !== chainHash(prevHash, file, entry.sha256))
      return bad(file, 'its manifest entry was altered: the chain hash does not match');
    let data: Buffer;
    try {
      data = fs.readFileSync(path.join(dir, file));
    } catch {
      return bad(file, 'missing');
    }
    if (data.length !== entry.size || sha256Hex(data) !== entry.sha256)
      return bad(file, 'altered: its content does not match the manifest');
    prevHash = entry.chainHash;
    checked++;
  }
  if (manifest.head !== prevHash) return bad(MANIFEST_FILE, 'the head hash does not match the chain of files');
  if (opts.expectedHead !== undefined && manifest.head !== opts.expectedHead)
    return bad(MANIFEST_FILE, 'the head hash is not the expected one: this is not the export that was made');
  if (manifest.files.at(-1)?.path !== TRANSCRIPT_FILE)
    return bad(MANIFEST_FILE, `${TRANSCRIPT_FILE} is not the last file listed`);

  // seller, alias and exportedAt are outside the chain; the transcript (inside it) repeats them.
  // Only the header block counts: a message text could contain a line such as "Seller: x".
  const header = fs.readFileSync(path.join(dir, TRANSCRIPT_FILE), 'utf8').split('\n\n', 1)[0].split('\n');
  for (const [label, value] of transcriptFacts(manifest)) {
    if (!header.includes(`${label}: ${value}`))
      return bad(MANIFEST_FILE, `its ${label.toLowerCase()} does not match the transcript: the manifest was altered`);
  }

  const extra = unlistedFiles(dir, listed);
  if (extra) return bad(extra, 'not listed in the manifest');
  return { ok: true, checked };
}

/** The manifest fields the transcript states, as `Label: value` header lines. */
export function transcriptFacts(meta: { seller: string; alias: string; exportedAt: string }): [string, string][] {
  return [
    ['Seller', meta.seller],
    ['Alias', meta.alias],
    ['Exported at', meta.exportedAt],
  ];
}

/** The first file (in sorted order) under dir that is neither listed nor the manifest. */
function unlistedFiles(dir: string, listed: Set<string>): string | undefined {
  const walk = (rel: string): string | undefined => {
    const entries = fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const file = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        const found = walk(file);
        if (found) return found;
      } else if (file !== MANIFEST_FILE && !listed.has(file)) {
        return file;
      }
    }
    return undefined;
  };
  return walk('');
}
