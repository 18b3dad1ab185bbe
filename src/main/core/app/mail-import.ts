/**
 * The app's mail history import: the seller drops or picks an mbox file, the renderer sends it in pieces
 * (`mailImport.upload`, the same over Electron's IPC and the web bridge, so neither needs a path on the seller's disk),
 * the pieces become one file under the data folder, and `mailImport.start` imports it (ops/mail-import.ts), pushing
 * 'job.progress' per batch. The upload's id comes from the file's name, size and date, so the same file dropped again
 * after a kill is the same source, and its stored run goes on where it stopped. The upload is removed when the import
 * ends, whichever way.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MailImportView } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { importMail, type MailImportProgress } from '../ops/mail-import.js';
import { PRIVATE_DIR_MODE } from '../store/private-file.js';

const uploadsDir = (ctx: CoreContext) => path.join(ctx.store.dataDir, 'imports');
const uploadPath = (ctx: CoreContext, uploadId: string) => path.join(uploadsDir(ctx), `${uploadId}.mbox`);

/** Imports under way in this process, by upload: a second start of the same file is refused, not run twice. */
const running = new Set<string>();

const uploadBroken = () =>
  new ParleyError('EBADINPUT', 'the file did not arrive whole: drop it again', {
    detail: { key: 'mailImport.upload', params: {} },
  });

/** Writes one piece at `offset`: 0 starts the file afresh, any other offset must be where the file ends. */
export function receiveUpload(
  ctx: CoreContext,
  input: { uploadId: string; offset: number; dataBase64: string },
): { received: number } {
  if (running.has(input.uploadId)) throw alreadyRunning();
  fs.mkdirSync(uploadsDir(ctx), { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = uploadPath(ctx, input.uploadId);
  const size = input.offset === 0 ? 0 : fs.existsSync(file) ? fs.statSync(file).size : -1;
  if (size !== input.offset) throw uploadBroken();
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (input.offset === 0) fs.writeFileSync(file, bytes, { mode: 0o600 });
  else fs.appendFileSync(file, bytes);
  return { received: input.offset + bytes.length };
}

const alreadyRunning = () =>
  new ParleyError('EEXISTS', 'this file is being imported already', {
    detail: { key: 'mailImport.running', params: {} },
  });

export async function startImport(
  ctx: CoreContext,
  sellerId: string,
  input: { uploadId: string; fileName: string; size: number },
  onProgress: (p: MailImportProgress) => void,
): Promise<MailImportView> {
  const file = uploadPath(ctx, input.uploadId);
  if (!fs.existsSync(file) || fs.statSync(file).size !== input.size) throw uploadBroken();
  if (running.has(input.uploadId)) throw alreadyRunning();
  running.add(input.uploadId);
  try {
    const result = await importMail(ctx, { sellerId, kind: 'mbox', source: file, name: input.fileName, onProgress });
    return {
      ...result,
      // The English sentences stay in the log and the CLI; the seller reads the key in the UI's language.
      refusedList: result.refusedList.map(({ at, key, params }) => ({ at, key, params })),
    };
  } finally {
    running.delete(input.uploadId);
    // Also after a failure: the same file dropped again comes up again, and its stored run goes on where it stopped.
    fs.rmSync(file, { force: true });
  }
}
