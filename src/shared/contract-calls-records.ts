/** The contract's calls of orders, performance, reports, the record, old mail and links (contract.ts spreads them). */
import { z } from 'zod';
import { call } from './contract-call.js';
import type {
  OrderList,
  ImportResult,
  ShipResult,
  PerformanceView,
  ReportView,
  ReportsOverview,
  RecordExport,
  RecordAuthorityExport,
} from './contract-overviews.js';
import type { MailImportView } from './contract-mail-import.js';
import { id, base64, empty } from './contract-schemas.js';

export const RECORD_CALLS = {
  /** By order number, buyer name or alias (R3); newest purchase first. */
  'orders.list': call<OrderList>()(
    z
      .object({
        query: z.string().trim().max(200).default(''),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /**
   * A piece of an mbox file the seller dropped or picked, written at `offset` of the upload `uploadId` (the file goes
   * in pieces over both transports; a piece at offset 0 starts the upload afresh). Answers the bytes received so far.
   */
  'mailImport.upload': call<{ received: number }>()(
    z
      .object({
        uploadId: z.string().regex(/^[a-z0-9-]{8,80}$/),
        offset: z.number().int().min(0),
        dataBase64: base64,
      })
      .strict(),
  ),
  /**
   * The uploaded mbox's past buyer conversations into the chosen shop's record (no policy, no delivery); progress
   * arrives as 'job.progress' with job 'mail.import'. The same file again adds nothing; one stopped part-way goes on.
   */
  'mailImport.start': call<MailImportView>()(
    z
      .object({
        uploadId: z.string().regex(/^[a-z0-9-]{8,80}$/),
        fileName: z.string().min(1).max(255),
        size: z.number().int().min(0),
      })
      .strict(),
  ),
  /** The marketplace's tab-separated order report; progress arrives as 'job.progress'. */
  'orders.import': call<ImportResult>()(
    z
      .object({
        fileName: z.string().min(1).max(255),
        dataBase64: base64,
      })
      .strict(),
  ),
  'orders.ship': call<ShipResult>()(
    z
      .object({
        orderId: z.string().trim().min(1).max(100),
        carrier: z.string().trim().max(100).optional(),
        tracking: z.string().trim().max(100).optional(),
      })
      .strict(),
  ),
  'performance.get': call<PerformanceView>()(empty),
  'reports.list': call<ReportsOverview>()(empty),
  'reports.withdraw': call<ReportView>()(z.object({ id }).strict()),
  /** R21: the seller's copy of the record of one conversation (or of the order's buyer) as a verifiable zip (R5). */
  'record.export': call<RecordExport>()(
    z.union([
      z.object({ conversationId: id }).strict(),
      z.object({ orderId: z.string().trim().min(1).max(100) }).strict(),
    ]),
  ),
  /**
   * R21: the originals, the buyer's real address included, for a dispute authority. The main process writes the zip
   * where the seller chooses (Electron: a save dialog; the web bridge: `exports/` in the data folder); the window gets
   * only where it went, never the bytes (R5). `confirm` says the seller was told what it contains.
   */
  'record.exportForAuthority': call<RecordAuthorityExport>()(
    z.union([
      z.object({ conversationId: id, confirm: z.literal(true) }).strict(),
      z.object({ orderId: z.string().trim().min(1).max(100), confirm: z.literal(true) }).strict(),
    ]),
  ),
  /**
   * A web link from a message the seller confirmed, opened in the system browser by the main process (Electron's
   * shell.openExternal), which accepts http and https only whatever the window sends. The web bridge has no system
   * browser to hand it to (its page opens a tab itself): there the call fails with links.notAvailable.
   */
  'links.openExternal': call<{ opened: true }>()(z.object({ url: z.string().trim().min(1).max(8000) }).strict()),
} as const;
