/**
 * Reading the marketplace's tab-separated order report: the header, the values of one row, and
 * the checks on dates, addresses and product categories. No database here: `orders-import.ts`
 * decides what a parsed row does to the store.
 */
import { ORDER_TEXT_FIELDS, type OrderTextField } from '../../../shared/contract-types.js';
import type { ImportProblem, ImportProblemKey } from '../../../shared/contract-overviews.js';
import type { OrderCategory } from '../../../shared/domain.js';
import { ParleyError } from '../errors.js';
import type { OrderFields } from '../store/orders.js';

/**
 * The columns Parley reads: those it checks and parses, and the order's text fields (ORDER_TEXT_FIELDS), taken as
 * written. Every other column (ship-date, carrier, ship-service-level, …) is ignored.
 */
export type ReportColumn = 'order-id' | 'buyer-email' | 'purchase-date' | 'category' | OrderTextField;

const REQUIRED: ReportColumn[] = ['order-id', 'buyer-email'];

// Header spellings that mean one of our columns, after normalizeHeader; a text field's header is its name in kebab
// case (`productName` is `product-name`).
const HEADER_NAMES: Record<string, ReportColumn> = {
  'order-id': 'order-id',
  'buyer-email': 'buyer-email',
  'purchase-date': 'purchase-date',
  category: 'category',
  'item-category': 'category',
  ...Object.fromEntries(
    ORDER_TEXT_FIELDS.map((field) => [field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), field]),
  ),
};

// R10b depends on the category, so only words we are sure of are accepted; the German report
// uses its own words for the same categories.
const CATEGORY_WORDS: Record<string, OrderCategory> = {
  standard: 'standard',
  handmade: 'handmade',
  handgefertigt: 'handmade',
  wine: 'wine',
  wein: 'wine',
  custom: 'custom',
  sonderanfertigung: 'custom',
  personalisiert: 'custom',
};

/** Where each known column sits in a row; absent optional columns are missing. */
export type ColumnIndex = Partial<Record<ReportColumn, number>>;

export interface ReportLine {
  /** 1-based line number in the file, the header's line counting. */
  line: number;
  text: string;
}

export interface ParsedReport {
  columns: ColumnIndex;
  /** The non-empty lines after the header. */
  rows: ReportLine[];
}

/** `Order_ID `, `order-id` and `ORDER ID` all name the same column. */
function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * Reports downloaded from the German marketplace are sometimes Windows-1252 rather than UTF-8;
 * a Buffer that is not valid UTF-8 is read as that, so "Müller" survives either way.
 */
export function decodeReport(input: string | Buffer): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return new TextDecoder('windows-1252').decode(input);
  }
}

/** Splits the report into header columns and data lines; throws EBADINPUT when a required column is missing. */
export function parseReport(input: string | Buffer): ParsedReport {
  const text = decodeReport(input).replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\n|\r/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt === -1)
    throw new ParleyError('EBADINPUT', 'the order report is empty', {
      detail: { key: 'orderReport.empty', params: {} },
    });
  const columns: ColumnIndex = {};
  lines[headerAt].split('\t').forEach((name, i) => {
    const column = HEADER_NAMES[normalizeHeader(name)];
    if (column && columns[column] === undefined) columns[column] = i;
  });
  for (const column of REQUIRED) {
    if (columns[column] === undefined)
      throw new ParleyError('EBADINPUT', `the order report has no "${column}" column`, {
        detail: { key: 'orderReport.noColumn', params: { column } },
      });
  }
  const rows: ReportLine[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i].trim() !== '') rows.push({ line: i + 1, text: lines[i] });
  }
  return { columns, rows };
}

/** Why a row cannot be imported: English for the CLI and the log, a key and params for the UI to word. */
export interface RowProblem extends ImportProblem {
  text: string;
}

const problem = (key: ImportProblemKey, text: string, params: Record<string, string> = {}): RowProblem => ({
  key,
  params,
  text,
});

/** The date formats the import reads, as the error names them. */
export const DATE_FORMATS_TEXT =
  '2026-12-03, 03.12.2026 or 3.12.2026, optionally with a time (14:30 or 14:30:00) and a zone (Z or +01:00)';

/** One row as checked values (the fields OrderRepo writes), or the reasons it cannot be imported. */
export type RowResult = GoodRow | { ok: false; problems: RowProblem[] };
type GoodRow = { ok: true } & OrderFields;

/** `timeZone`: the IANA zone a date or time without a zone is read in (the shop's). */
export function readRow(columns: ColumnIndex, text: string, timeZone = 'UTC'): RowResult {
  const cells = text.split('\t');
  const cell = (column: ReportColumn): string => {
    const i = columns[column];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const problems: RowProblem[] = [];

  const orderId = cell('order-id');
  if (!orderId) problems.push(problem('orderIdEmpty', 'order-id is empty'));

  const rawEmail = cell('buyer-email');
  const buyerEmail = rawEmail.toLowerCase();
  if (!rawEmail) problems.push(problem('emailEmpty', 'buyer-email is empty'));
  else if (!isBuyerEmail(buyerEmail))
    problems.push(problem('emailInvalid', `buyer-email "${rawEmail}" is not an e-mail address`, { value: rawEmail }));

  // R16 averages orders over their purchase dates, so an order without one cannot be counted.
  const rawDate = cell('purchase-date');
  const purchasedAt = rawDate ? parseReportDate(rawDate, timeZone) : null;
  if (!rawDate)
    problems.push(
      problem('dateMissing', 'purchase-date is missing (the daily message limit, R16, counts orders by it)'),
    );
  else if (!purchasedAt) {
    const position = String((columns['purchase-date'] ?? 0) + 1);
    problems.push(
      problem(
        'dateInvalid',
        `purchase-date "${rawDate}" (column ${position}) is not a date; expected ${DATE_FORMATS_TEXT}`,
        { value: rawDate, column: 'purchase-date', position },
      ),
    );
  }

  const rawCategory = cell('category');
  const category = rawCategory ? CATEGORY_WORDS[rawCategory.toLowerCase()] : 'standard';
  if (!category)
    problems.push(
      problem('categoryUnknown', `category "${rawCategory}" is not one of standard, handmade, wine, custom`, {
        value: rawCategory,
      }),
    );

  if (problems.length > 0) return { ok: false, problems };
  // The loop below completes the text fields: one object per row, no spread, in the 50,000-row import's hot path.
  const row = { ok: true, orderId, buyerEmail, purchasedAt: purchasedAt!, category: category! } as GoodRow;
  for (const field of ORDER_TEXT_FIELDS) row[field] = cell(field) || null;
  return row;
}

// Deliberately plain: one @, a dotted domain of letters/digits/hyphens, no spaces or brackets.
// Letters beyond ASCII are allowed (SMTPUTF8 addresses such as müller@web.de exist).
const EMAIL =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,}$/u;

export function isBuyerEmail(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address);
}

// ISO 8601 as the marketplace writes it: a date, optionally a time, optionally a zone.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// The German report's dates: 03.12.2026 or 3.12.2026, optionally a time (14:30, 14:30:00, 9:05) and a zone.
const GERMAN_DATE =
  /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(?:Uhr\b)?\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;

/**
 * The instant as an ISO string in UTC, or null. ISO dates (2026-12-03, with a time and a zone or not) and German
 * ones (03.12.2026, 3.12.2026, with a time and a zone or not). A time without a zone, and a bare date, are read in
 * `timeZone` (the shop's; UTC unless given), so the result never depends on the machine's time zone. Impossible
 * calendar values (2026-02-30, 25:00) are refused rather than rolled over.
 */
export function parseReportDate(value: string, timeZone = 'UTC'): string | null {
  const text = value.trim();
  const iso = ISO_DATE.exec(text);
  const german = iso ? null : GERMAN_DATE.exec(text);
  if (!iso && !german) return null;
  const [year, month, day] = iso ? [+iso[1], +iso[2], +iso[3]] : [+german![3], +german![2], +german![1]];
  const m = (iso ?? german)!;
  const hour = m[4] ? +m[4] : 0,
    minute = m[5] ? +m[5] : 0,
    second = m[6] ? +m[6] : 0;
  const millis = m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const zone = m[8];
  if (!zone) return new Date(wall - zoneOffsetMs(timeZone, wall)).toISOString();
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.length === 6 ? zone.slice(1, 3) + zone.slice(4) : zone.slice(1);
    const hours = +digits.slice(0, 2);
    const minutes = digits.length > 2 ? +digits.slice(2) : 0;
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return new Date(wall - offsetMinutes * 60_000).toISOString();
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * How far `timeZone`'s clock is ahead of UTC at the wall-clock time `wall` (read as if it were UTC). The offset is
 * taken at the guessed instant and once more at the corrected one, so a time near a daylight-saving change lands
 * on the zone's offset of that moment.
 */
function zoneOffsetMs(timeZone: string, wall: number): number {
  if (timeZone === 'UTC') return 0;
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const offsetAt = (instant: number): number => {
    const p = Object.fromEntries(format.formatToParts(instant).map((x) => [x.type, x.value]));
    const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    return local - Math.floor(instant / 1000) * 1000;
  };
  const first = offsetAt(wall);
  return offsetAt(wall - first);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
