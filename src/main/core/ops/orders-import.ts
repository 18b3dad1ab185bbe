/**
 * Importing the marketplace's order report (tab-separated) for one seller. Each order gives its
 * buyer a (buyer, seller) pair and so an alias (R1, R3); its category decides R10b and its
 * purchase date feeds the daily limit (R16).
 *
 * The rows are written here with statements prepared once, not through OrderRepo.upsert: that
 * path prepares about eight statements per row and took ~20 s for 50,000 rows (measured), where
 * a report import must take a few seconds. The SQL below keeps PairRepo's rules: buyers are
 * keyed by the lower-cased address, a name learned later fills an empty one, and a new pair
 * draws its alias and reply token with newUniqueLocalPart.
 */
import type { OrderCategory } from '../../../shared/domain.js';
import { newUniqueLocalPart } from '../aliases.js';
import type { CoreContext } from '../context.js';
import type { Db } from '../store/db.js';
import { parseReport, readRow } from './order-report.js';

export interface ImportFailure {
  /** 1-based line in the file; the header is line 1 (or the first non-empty line). */
  line: number;
  /** Starts with `line N:`, in words the seller can act on. */
  reason: string;
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
  ctx.store.db.transaction(() => job.rows(0, Infinity)).immediate();
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
  const autoCheckpoint = ctx.store.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  ctx.store.db.pragma('wal_autocheckpoint = 0');
  try {
    await importChunks(ctx, job, size);
  } finally {
    ctx.store.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
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
  const relaySuffix = `@${ctx.domain}`;
  let writer: OrderWriter | undefined;

  const importRange = (from: number, to: number) => {
    writer ??= new OrderWriter(ctx.store.db, sellerId, ctx.store.nowIso());
    for (let i = from; i < Math.min(to, rows.length); i++) {
      const row = rows[i];
      const fail = (problems: string[]) =>
        report.failed.push({
          line: row.line,
          reason: `line ${row.line}: ${problems.join('; ')}`,
          raw: row.text.slice(0, RAW_LIMIT),
        });
      const parsed = readRow(columns, row.text);
      if (!parsed.ok) fail(parsed.problems);
      // A relay address (an alias, say) as the buyer would make the relay forward mail to itself (R2).
      else if (parsed.buyerEmail.endsWith(relaySuffix))
        fail([`buyer-email "${parsed.buyerEmail}" is an address of this relay, not the buyer's own`]);
      else {
        const outcome = writer.write(parsed);
        if (outcome === 'imported') report.imported++;
        else if (outcome === 'unchanged') report.unchanged++;
        else fail([`order ${parsed.orderId} ${outcome.conflict}`]);
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

interface OrderRow {
  orderId: string;
  buyerEmail: string;
  buyerName: string | null;
  productName: string | null;
  category: OrderCategory;
  purchasedAt: string;
}

/** A conflict says why the row disagrees with the stored order. */
type WriteOutcome = 'imported' | 'unchanged' | { conflict: string };

/** Writes orders of one seller with statements prepared once; lives for one transaction. */
class OrderWriter {
  private readonly findOrder;
  private readonly findBuyer;
  private readonly insertBuyer;
  private readonly fillBuyerName;
  private readonly findPair;
  private readonly localPartTaken;
  private readonly insertPair;
  private readonly insertOrder;
  // Many rows share a buyer: remember what this import learned instead of asking again.
  private readonly buyers = new Map<string, { id: number; named: boolean }>();
  private readonly pairs = new Map<number, number>();

  constructor(
    db: Db,
    private readonly sellerId: string,
    private readonly now: string,
  ) {
    this.findOrder = db.prepare(`SELECT o.category, b.email FROM orders o JOIN pairs p ON p.id = o.pair_id
      JOIN buyers b ON b.id = p.buyer_id WHERE o.seller_id = ? AND o.order_id = ?`);
    this.findBuyer = db.prepare('SELECT id, name FROM buyers WHERE email = ?');
    this.insertBuyer = db.prepare('INSERT INTO buyers (email, name, created_at) VALUES (?, ?, ?)');
    this.fillBuyerName = db.prepare('UPDATE buyers SET name = ? WHERE id = ? AND name IS NULL');
    this.findPair = db.prepare('SELECT id FROM pairs WHERE seller_id = ? AND buyer_id = ?');
    this.localPartTaken = db.prepare('SELECT 1 FROM pairs WHERE alias = ? OR reply_token = ?');
    this.insertPair = db.prepare(
      'INSERT INTO pairs (seller_id, buyer_id, alias, reply_token, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertOrder =
      db.prepare(`INSERT INTO orders (seller_id, order_id, pair_id, buyer_name, product_name, category, purchased_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  write(row: OrderRow): WriteOutcome {
    const stored = this.findOrder.get(this.sellerId, row.orderId) as
      { category: OrderCategory; email: string } | undefined;
    if (stored) {
      // The buyer decides which alias the order's messages use (R3); the category decides
      // R10b. Neither may change behind the seller's back, so a disagreement is reported.
      if (stored.email !== row.buyerEmail)
        return { conflict: 'is already recorded for a different buyer; it was not changed' };
      if (stored.category !== row.category) {
        return { conflict: `is already recorded as "${stored.category}", not "${row.category}"; it was not changed` };
      }
      return 'unchanged';
    }
    const pairId = this.ensurePair(this.ensureBuyer(row.buyerEmail, row.buyerName));
    this.insertOrder.run(
      this.sellerId,
      row.orderId,
      pairId,
      row.buyerName,
      row.productName,
      row.category,
      row.purchasedAt,
      this.now,
    );
    return 'imported';
  }

  private ensureBuyer(email: string, name: string | null): number {
    let buyer = this.buyers.get(email);
    if (!buyer) {
      const found = this.findBuyer.get(email) as { id: number; name: string | null } | undefined;
      buyer = found
        ? { id: found.id, named: found.name !== null }
        : { id: Number(this.insertBuyer.run(email, name, this.now).lastInsertRowid), named: name !== null };
      this.buyers.set(email, buyer);
    }
    if (!buyer.named && name) {
      this.fillBuyerName.run(name, buyer.id);
      buyer.named = true;
    }
    return buyer.id;
  }

  /** R1: the pair's alias is drawn once; an existing pair keeps its alias. */
  private ensurePair(buyerId: number): number {
    let pairId = this.pairs.get(buyerId);
    if (pairId === undefined) {
      const found = this.findPair.get(this.sellerId, buyerId) as { id: number } | undefined;
      if (found) pairId = found.id;
      else {
        const isTaken = (c: string) => this.localPartTaken.get(c, c) !== undefined;
        const alias = newUniqueLocalPart(isTaken);
        const replyToken = newUniqueLocalPart((c) => c === alias || isTaken(c));
        pairId = Number(this.insertPair.run(this.sellerId, buyerId, alias, replyToken, this.now).lastInsertRowid);
      }
      this.pairs.set(buyerId, pairId);
    }
    return pairId;
  }
}
