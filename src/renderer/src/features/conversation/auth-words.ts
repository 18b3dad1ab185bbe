/**
 * The relay's sender checks (SPF, DKIM, DMARC) in the seller's language: core sends each check's verdict as the
 * standard code ("pass", "none", "softfail", …), the renderer words it ("SPF: keine Angabe").
 */
import { defineStrings, type Translate } from '../../i18n';

export const authWords = defineStrings({
  check: { en: '{name}: {verdict}', de: '{name}: {verdict}' },
  pass: { en: 'passed', de: 'bestanden' },
  fail: { en: 'failed', de: 'nicht bestanden' },
  softfail: { en: 'doubtful (soft fail)', de: 'zweifelhaft (Softfail)' },
  neutral: { en: 'no statement', de: 'keine Aussage' },
  none: { en: 'not set up', de: 'keine Angabe' },
  policy: { en: 'refused by policy', de: 'durch Richtlinie abgelehnt' },
  temperror: { en: 'could not be checked just now', de: 'gerade nicht prüfbar' },
  permerror: { en: 'set up wrongly by the sender', de: 'beim Absender fehlerhaft eingerichtet' },
  unknown: { en: 'unknown ({code})', de: 'unbekannt ({code})' },
});

type Verdict = Exclude<keyof typeof authWords, 'check' | 'unknown'>;
const VERDICTS = new Set<string>(['pass', 'fail', 'softfail', 'neutral', 'none', 'policy', 'temperror', 'permerror']);

/** "SPF: bestanden · DKIM: keine Angabe": each check's name and its verdict in words. */
export function authText(t: Translate<typeof authWords>, auth: Record<string, string>): string {
  return Object.entries(auth)
    .map(([name, code]) => {
      const c = code.toLowerCase();
      const verdict = VERDICTS.has(c) ? t(c as Verdict) : t('unknown', { code });
      return t('check', { name: name.toUpperCase(), verdict });
    })
    .join(' · ');
}
