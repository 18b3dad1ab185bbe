/**
 * Importing the marketplace's order report (tab-separated) for one seller. Each order gives its
 * buyer a (buyer, seller) pair and so an alias (R1, R3); its category decides R10b and its
 * purchase date feeds the daily limit (R16).
 *
 * Here: reading the rows, the checks that need the relay (R2), the outcome per line, progress and
 * the transactions. The rows are written by OrderRepo.batch, which keeps PairRepo's rules for
 * buyers, pairs and aliases and remembers the buyers it saw, so 50,000 rows take a few seconds.
 */
import type { ImportProblem } from '../../../shared/contract-overviews.js';
import type { CoreContext } from '../context.js';
import { isParleyError } from '../errors.js';
import type { OrderBatch, WriteOutcome } from '../store/orders.js';
import { parseReport, readRow, type RowProblem } from './order-report.js';

export interface ImportFailure {
  /** 1-based line in the file; the header is line 1 (or the first non-empty line). */
  line: number;
  /** Starts with `line N:`, in English words the seller can act on (the CLI prints it). */
  reason: string;
  /** The same, one key and its params per problem, for the UI to word in the seller's language. */
  problems: ImportProblem[];
  /** The line as it was in the file (long lines cut). */
  raw?: string;
}

/** What an import did: every data row is counted once, in exactly one of the three outcomes. */
export interface ImportReport {
  /** Non-empty data rows in the file. */
  total: number;
  /** Orders new to the store. */
  imported: number;
  /** Rows whose order was already there, identical (re-imports, repeated rows). */
  unchanged: number;
  failed: ImportFailure[];
}

export interface ImportOptions {
  /** Called every PROGRESS_EVERY rows and once at the end, synchronously. */
  onProgress?: (done: number, total: number) => void;
  /** The IANA zone of a purchase date written without one (the shop's); UTC unless given. */
  timeZone?: string;
}

const PROGRESS_EVERY = 1000; // rows: often enough for a progress bar, rare enough to cost nothing
const RAW_LIMIT = 500; // characters of a failed line kept in the report

/**
 * Imports the report in one transaction: either every good row is stored or, on an unexpected
 * error, none. Bad rows do not stop the import; they are reported by line number. An order that
 * is already stored is never changed: a row naming a different buyer or category for it fails.
 */
export function importOrders(
  ctx: CoreContext,
  sellerId: string,
  text: string | Buffer,
  opts: ImportOptions = {},
): ImportReport {
  const job = startImport(ctx, sellerId, text, opts);
  // IMMEDIATE: take the write lock before the first read, so a relay committing meanwhile (in
  // `serve`) makes us wait for busy_timeout instead of failing the upgrade from reader to writer.
  // The relay in turn waits while the import runs (seconds for a large report).
  ctx.store.transaction(() => job.rows(0, Infinity), { immediate: true });
  return job.finish();
}

/** Rows per transaction of the chunked import: ~50 ms of work, then the event loop breathes. */
export const IMPORT_CHUNK_ROWS = 2000;

/**
 * The same import in transactions of `chunkRows` rows, yielding to the event loop between them,
 * so the app's relay and other calls keep going during a 50,000-row report. A crash between
 * chunks leaves the earlier chunks stored; importing the file again completes it (known orders
 * are unchanged), so nothing is lost and nothing is doubled.
 */
export async function importOrdersInChunks(
  ctx: CoreContext,
  sellerId: string,
  text: string | Buffer,
  opts: ImportOptions & { chunkRows?: number } = {},
): Promise<ImportReport> {
  const job = startImport(ctx, sellerId, text, opts);
  const size = opts.chunkRows ?? IMPORT_CHUNK_ROWS;
  // Each chunk's commit would otherwise checkpoint the WAL (copy and fsync the database file):
  // measured at +1.3 s for 50,000 rows. One checkpoint after the last chunk does the same work once.
  await ctx.orders.withoutAutoCheckpoint(() => importChunks(ctx, job, size));
  return job.finish();
}

async function importChunks(ctx: CoreContext, job: ReturnType<typeof startImport>, size: number): Promise<void> {
  for (let from = 0; from < job.total; from += size) {
    // Through the store's group commit: the relay's writes share the commits, and the WAL is
    // synced off the event loop. Only the last chunk waits for the disk: that sync covers the
    // chunks before it too (a power cut before it loses whole chunks, which a re-import restores).
    const last = from + size >= job.total;
    await ctx.store.commits.run(() => job.rows(from, from + size), { durable: last });
  }
}

/** The parsed report and a writer; `rows(from, to)` imports that slice inside the caller's transaction. */
function startImport(ctx: CoreContext, sellerId: string, text: string | Buffer, opts: ImportOptions) {
  ctx.sellers.require(sellerId);
  const { columns, rows } = parseReport(text);
  const report: ImportReport = { total: rows.length, imported: 0, unchanged: 0, failed: [] };
  let writer: OrderBatch | undefined;

  const importRange = (from: number, to: number) => {
    writer ??= ctx.orders.batch(sellerId);
    for (let i = from; i < Math.min(to, rows.length); i++) {
      const row = rows[i];
      const fail = (problems: RowProblem[]) =>
        report.failed.push({
          line: row.line,
          reason: `line ${row.line}: ${problems.map((p) => p.text).join('; ')}`,
          problems: problems.map(({ key, params }) => ({ key, params })),
          raw: row.text.slice(0, RAW_LIMIT),
        });
      const parsed = readRow(columns, row.text, opts.timeZone);
      if (!parsed.ok) fail(parsed.problems);
      // A relay address (an alias, say) as the buyer would make the relay forward mail to itself (R2).
      else if (ctx.addresses.isOwn(parsed.buyerEmail))
        fail([
          {
            key: 'emailRelay',
            params: { value: parsed.buyerEmail },
            text: `buyer-email "${parsed.buyerEmail}" is an address of this relay, not the buyer's own`,
          },
        ]);
      else {
        const outcome = writeRow(writer, parsed);
        if (outcome === 'imported') report.imported++;
        else if (outcome === 'unchanged') report.unchanged++;
        else if ('refused' in outcome)
          fail([{ key: 'emailSeller', params: { value: parsed.buyerEmail }, text: outcome.refused }]);
        else fail([conflictProblem(outcome, parsed.orderId, parsed.category)]);
      }
      const done = i + 1;
      if (opts.onProgress && (done % PROGRESS_EVERY === 0 || done === rows.length)) opts.onProgress(done, rows.length);
    }
  };
  return {
    total: rows.length,
    rows: importRange,
    finish: (): ImportReport => {
      if (rows.length === 0) opts.onProgress?.(0, 0);
      return report;
    },
  };
}

/** Writes one row; a buyer the store refuses (a seller's address, R9) fails that row alone. */
function writeRow(writer: OrderBatch, row: Parameters<OrderBatch['write']>[0]): WriteOutcome | { refused: string } {
  try {
    return writer.write(row);
  } catch (err) {
    if (isParleyError(err) && err.code === 'EOTHERSELLER') return { refused: `buyer-email ${err.message}` };
    throw err;
  }
}

/** Why a row was not imported, for an order already stored differently: it was left unchanged. */
function conflictProblem(
  outcome: Exclude<WriteOutcome, 'imported' | 'unchanged'>,
  orderId: string,
  category: string,
): RowProblem {
  if (outcome.conflict === 'buyer')
    return {
      key: 'otherBuyer',
      params: { orderId },
      text: `order ${orderId} is already recorded for a different buyer; it was not changed`,
    };
  return {
    key: 'otherCategory',
    params: { orderId, stored: outcome.stored, category },
    text: `order ${orderId} is already recorded as "${outcome.stored}", not "${category}"; it was not changed`,
  };
}
