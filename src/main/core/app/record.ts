/**
 * "Export record" (R21) from a conversation or an order: the export folder of
 * ops/record-export.ts (messages, attachments, transcript.pdf and .txt, chained manifest) is
 * written into a private temp folder and packed into a store-only zip; the temp folder is removed
 * whatever happens. `parley verify --export` accepts the zip.
 * - record.export hands the window the seller's copy as base64: the alias wherever the buyer's
 *   address was (R5), the originals' sha256 in the manifest.
 * - record.exportForAuthority packs the originals (real addresses included) and writes the zip
 *   itself, here in the main process, where the shell's save dialog points (or, with no dialog as
 *   over the web bridge, into `exports/` in the data folder); the window learns only the path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordAuthorityExport, RecordExport } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { MANIFEST_FILE } from '../ops/export-manifest.js';
import { exportConversation, type ExportKind, type ExportReport } from '../ops/record-export.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/private-file.js';
import { writeZip, type ZipEntry } from '../ops/zip.js';
import type { Seller } from '../store/sellers.js';

type Target = { conversationId: number } | { orderId: string };

/**
 * Asks where the export for a dispute authority goes (the shell's save dialog); null when the seller cancelled.
 * `suggestedName` is a file name without a folder.
 */
export type ChooseExportPath = (suggestedName: string) => Promise<string | null>;

/** The seller's copy (R5), for the window. */
export function exportRecord(ctx: CoreContext, seller: Seller, input: Target): RecordExport {
  const alias = aliasOf(ctx, seller, input);
  const { zip, report } = zipExport(ctx, seller, alias, 'seller-copy');
  return {
    fileName: `parley-record-${alias}-${ctx.store.nowIso().slice(0, 10)}.zip`,
    dataBase64: zip.toString('base64'),
    messages: report.messages,
    files: report.files,
    head: report.head,
  };
}

/** The originals for a dispute authority, written here; without `choose`, into `exports/` in the data folder. */
export async function exportRecordForAuthority(
  ctx: CoreContext,
  seller: Seller,
  input: Target,
  choose?: ChooseExportPath,
): Promise<RecordAuthorityExport> {
  const alias = aliasOf(ctx, seller, input);
  const name = `parley-authority-record-${alias}-${ctx.store.nowIso().slice(0, 10)}.zip`;
  const chosen = choose ? await choose(name) : exportsFolderPath(ctx.store.dataDir, name);
  if (chosen === null) return { saved: false };
  const target = checkExportTarget(chosen);
  const { zip, report } = zipExport(ctx, seller, alias, 'authority');
  try {
    fs.writeFileSync(target, zip, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists(target);
    throw err;
  }
  return { saved: true, path: target, messages: report.messages, files: report.files, head: report.head };
}

/**
 * Where a chosen export may go: an absolute path to a new file (`.zip` added when it has no extension) in a folder
 * that exists. An export never replaces a file, so an earlier export cannot be lost to a slip in the dialog.
 */
export function checkExportTarget(chosen: string): string {
  const invalid = () =>
    new ParleyError('EBADINPUT', `the export cannot be saved as ${chosen}: choose a file in an existing folder`, {
      detail: { key: 'export.pathInvalid', params: { path: chosen } },
    });
  if (!chosen || chosen.includes('\0') || !path.isAbsolute(chosen) || chosen.endsWith(path.sep)) throw invalid();
  const target = path.extname(chosen) ? path.resolve(chosen) : `${path.resolve(chosen)}.zip`;
  let folder: fs.Stats;
  try {
    folder = fs.statSync(path.dirname(target));
  } catch {
    throw invalid();
  }
  if (!folder.isDirectory()) throw invalid();
  if (fs.existsSync(target)) throw exists(target);
  return target;
}

const exists = (target: string) =>
  new ParleyError('EEXISTS', `${target} exists already; an export never replaces a file`, {
    detail: { key: 'export.pathExists', params: { path: target } },
  });

/** No dialog (the web bridge): `exports/` in the data folder, the owner's only, a new name for each export. */
function exportsFolderPath(dataDir: string, name: string): string {
  const dir = path.join(dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
  const stem = name.replace(/\.zip$/, '');
  let candidate = path.join(dir, name);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${stem}-${n}.zip`);
  return candidate;
}

function aliasOf(ctx: CoreContext, seller: Seller, input: Target): string {
  return 'orderId' in input
    ? ctx.orders.require(input.orderId, seller.id).alias
    : conversationAlias(ctx, seller, input.conversationId);
}

function zipExport(
  ctx: CoreContext,
  seller: Seller,
  alias: string,
  kind: ExportKind,
): { zip: Buffer; report: ExportReport } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-record-'));
  try {
    const dir = path.join(tmp, 'record');
    const report = exportConversation(ctx, { sellerId: seller.id, alias, outDir: dir, kind });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as {
      files: { path: string }[];
    };
    // In manifest order, the manifest last: a reader meets the files as the chain lists them.
    const entries: ZipEntry[] = [...manifest.files.map((f) => f.path), MANIFEST_FILE].map((name) => ({
      name,
      data: fs.readFileSync(path.join(dir, name)),
    }));
    return { zip: writeZip(entries, ctx.store.clock.now()), report };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function conversationAlias(ctx: CoreContext, seller: Seller, conversationId: number): string {
  const row = ctx.conversations.pairOf(seller.id, conversationId);
  if (!row)
    throw new ParleyError('ENOTFOUND', `no conversation ${conversationId}`, {
      detail: { key: 'conversation.notFound', params: { id: conversationId } },
    });
  return row.alias;
}
