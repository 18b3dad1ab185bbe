/** A response time in the seller's words: "42 min", "3 h 20 min", "2 d 4 h". */
import type { Translate } from '../../i18n';
import type { perfStrings } from './strings';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function duration(ms: number, t: Translate<typeof perfStrings>): string {
  const abs = Math.max(0, ms);
  if (abs < HOUR) return t('min', { n: Math.round(abs / MINUTE) });
  if (abs < 2 * DAY) return t('hours', { h: Math.floor(abs / HOUR), m: Math.floor((abs % HOUR) / MINUTE) });
  return t('daysHours', { d: Math.floor(abs / DAY), h: Math.floor((abs % DAY) / HOUR) });
}

/** 0.9134 → "91.3 %" / "91,3 %". */
export function percent(share: number, language: 'de' | 'en'): string {
  return share.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
}
