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

/**
 * 'seller-copy': what the app and `parley export` hand the seller, the alias wherever the buyer's address was (R5),
 * with the originals' hashes in `originals`. 'authority': the originals as received, real addresses included, for a
 * dispute authority. (An export without a kind was made before the two were told apart: originals.)
 */
export type ExportKind = 'seller-copy' | 'authority';

/** One stored original (a message or an attachment) by the path it has in the export for a dispute authority. */
export interface OriginalEntry {
  path: string;
  sha256: string;
  size: number;
}

export interface ExportMeta {
  seller: string;
  /** The buyer's alias address at this seller (R1). */
  alias: string;
  exportedAt: string;
  kind?: ExportKind;
  /**
   * Seller's copy only: the sha256 of every original as stored, so an authority holding the originals can prove this
   * copy complete. The transcript (inside the chain) repeats the list, and verifyExport holds the two together.
   */
  originals?: OriginalEntry[];
}

export interface Manifest extends ExportMeta {
  format: typeof EXPORT_FORMAT;
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
export function buildManifest(meta: ExportMeta, files: { path: string; data: Uint8Array }[]): Manifest {
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

  // seller, alias, exportedAt, kind and the originals are outside the chain; the transcript (inside it) repeats them.
  // Only the header block counts: a message text could contain a line such as "Seller: x".
  const transcript = fs.readFileSync(path.join(dir, TRANSCRIPT_FILE), 'utf8');
  const header = transcript.split('\n\n', 1)[0].split('\n');
  for (const [label, value] of transcriptFacts(manifest)) {
    if (!header.includes(`${label}: ${value}`))
      return bad(MANIFEST_FILE, `its ${label.toLowerCase()} does not match the transcript: the manifest was altered`);
  }
  const hasKindLine = header.some((line) => line.startsWith('Kind: '));
  if (manifest.kind === undefined && hasKindLine)
    return bad(MANIFEST_FILE, 'its kind does not match the transcript: the manifest was altered');
  if ((manifest.kind === 'seller-copy') !== Array.isArray(manifest.originals))
    return bad(MANIFEST_FILE, "the hashes of the originals belong to a seller's copy, and only there");
  if (manifest.originals && originalsListed(transcript) !== originalsSection(manifest.originals))
    return bad(MANIFEST_FILE, 'its list of originals does not match the transcript: the manifest was altered');

  const extra = unlistedFiles(dir, listed);
  if (extra) return bad(extra, 'not listed in the manifest');
  return { ok: true, checked };
}

/** The manifest fields the transcript states, as `Label: value` header lines. */
export function transcriptFacts(meta: ExportMeta): [string, string][] {
  return [
    ['Seller', meta.seller],
    ['Alias', meta.alias],
    ['Exported at', meta.exportedAt],
    ...(meta.kind ? ([['Kind', meta.kind]] as [string, string][]) : []),
  ];
}

/** The heading of the transcript's last block, the originals' hashes (seller's copy). */
export const ORIGINALS_HEADING = 'ORIGINALS AS STORED (SHA-256, bytes, file in the export for a dispute authority)';

/** The transcript's closing block for `originals`: the heading, then one `sha256  size  path` line each. */
export function originalsSection(originals: OriginalEntry[]): string {
  return [ORIGINALS_HEADING, ...originals.map((o) => `${o.sha256}  ${o.size}  ${o.path}`)].join('\n') + '\n';
}

/** The block from the transcript's last heading line to its end: message texts come before it, never after. */
function originalsListed(transcript: string): string | undefined {
  const at = transcript.lastIndexOf(`\n${ORIGINALS_HEADING}\n`);
  return at < 0 ? undefined : transcript.slice(at + 1);
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
