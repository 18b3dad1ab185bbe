/**
 * How times, sizes and the 24-hour response timer read, in the seller's language.
 * Formatters are cached: a list of 50 rows re-renders every minute.
 */
import type { Language } from '../../../shared/domain';

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = language + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', options)));
  return f;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A list time: today → "14:05", this year → "12 Mar" / "12. März", else "12.03.2024" / "12/03/2024". */
export function listTime(iso: string, now: number, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now);
  if (sameDay(date, today)) return dtf(language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  if (date.getFullYear() === today.getFullYear()) return dtf(language, { day: 'numeric', month: 'short' }).format(date);
  return dtf(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** A full time for a message header: "12 Mar 2025, 14:05". */
export function fullTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dtf(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

export function fileSize(bytes: number, language: Language): string {
  const n = (value: number, digits: number) =>
    value.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${n(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${n(bytes / (1024 * 1024), 1)} MB`;
}

export interface ResponseTimer {
  overdue: boolean;
  /** Whole days from two days on, whole hours, or minutes when under an hour. */
  amount: number;
  unit: 'd' | 'h' | 'min';
}

/** Time left until the 24-hour response deadline, or how long it is overdue (R19/R20 metric). */
export function responseTimer(dueAt: string, now: number): ResponseTimer | null {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const ms = due - now;
  const abs = Math.abs(ms);
  const overdue = ms < 0;
  if (abs < 3_600_000) return { overdue, amount: Math.max(1, Math.floor(abs / 60_000)), unit: 'min' };
  if (abs < 48 * 3_600_000) return { overdue, amount: Math.floor(abs / 3_600_000), unit: 'h' };
  return { overdue, amount: Math.floor(abs / 86_400_000), unit: 'd' };
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
/** How long ago: "gerade eben" / "just now" under a minute, then "vor 5 Min." / "5 min ago", hours, days. */
export function timeAgo(iso: string, now: number, language: Language): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 60) return language === 'de' ? 'gerade eben' : 'just now';
  let f = relative.get(language);
  if (!f)
    relative.set(
      language,
      (f = new Intl.RelativeTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { style: 'short' })),
    );
  if (seconds < 3600) return f.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return f.format(-Math.floor(seconds / 3600), 'hour');
  return f.format(-Math.floor(seconds / 86_400), 'day');
}
