/**
 * "Export record" (R21) from a conversation or an order: the export folder of
 * ops/record-export.ts (originals, attachments, transcript.pdf and .txt, chained manifest) is
 * written into a private temp folder, packed into a store-only zip and handed to the window as
 * base64; the temp folder is removed whatever happens. `parley verify --export` accepts the zip.
 * The zip is the evidence, so its .eml originals hold the real addresses, as received.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordExport } from '../../../shared/contract.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { MANIFEST_FILE } from '../ops/export-manifest.js';
import { exportConversation } from '../ops/record-export.js';
import { writeZip, type ZipEntry } from '../ops/zip.js';
import type { Seller } from '../store/sellers.js';

export function exportRecord(
  ctx: CoreContext,
  seller: Seller,
  input: { conversationId: number } | { orderId: string },
): RecordExport {
  const alias =
    'orderId' in input
      ? ctx.orders.require(input.orderId, seller.id).alias
      : conversationAlias(ctx, seller, input.conversationId);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-record-'));
  try {
    const dir = path.join(tmp, 'record');
    const report = exportConversation(ctx, { sellerId: seller.id, alias, outDir: dir });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as {
      files: { path: string }[];
    };
    // In manifest order, the manifest last: a reader meets the files as the chain lists them.
    const entries: ZipEntry[] = [...manifest.files.map((f) => f.path), MANIFEST_FILE].map((name) => ({
      name,
      data: fs.readFileSync(path.join(dir, name)),
    }));
    const zip = writeZip(entries, ctx.store.clock.now());
    const day = ctx.store.nowIso().slice(0, 10);
    return {
      fileName: `parley-record-${alias}-${day}.zip`,
      dataBase64: zip.toString('base64'),
      messages: report.messages,
      files: report.files,
      head: report.head,
    };
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
