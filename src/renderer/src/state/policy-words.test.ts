// Every reason, warning and category the policy can give has words in German and in English, and the German
// words are German: enumerated from the shared types, so a new code without words fails here.
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Classification, type Language } from '../../../shared/domain';
import { REASON_CODES, RULE_IDS, RULE_TEXT, type RuleId } from '../../../shared/rules';
import { categoryWords, quotaFormula, reasonWords, templateWarningWords, type Tense } from './policy-words';

const LANGUAGES: Language[] = ['de', 'en'];
const TENSES: Tense[] = ['before', 'after'];
/** Words that only English has: none of them may appear in a German sentence. */
const ENGLISH = [' the ', ' not ', ' was ', ' would ', ' is ', ' it ', ' and ', ' buyer ', ' message '];
const GERMAN = [' nicht ', ' der ', ' die ', ' wird ', ' würde ', ' Nachricht '];

const PARAMS = {
  tag: '[Wichtig]',
  used: '[Wichtig]',
  orders: '302-1',
  count: 2,
  names: 'a.pdf, b.exe',
  limit: 600,
  sent: 600,
};

function classification(category: (typeof CATEGORIES)[number], unsure = false): Classification {
  return { category, necessary: null, confidence: 0.9, phrases: [], language: 'de', unsure };
}

/** Every reason and warning code, with and without the buyer's name, for every category, before and after. */
function allWords(language: Language): string[] {
  const out: string[] = [];
  for (const [rule, codes] of Object.entries(REASON_CODES) as [RuleId, readonly string[]][]) {
    for (const code of codes)
      for (const tense of TENSES)
        for (const buyer of ['Lukas Weber', null])
          for (const category of CATEGORIES)
            for (const warning of [false, true]) {
              const ctx = { language, buyer, tense, sellerLanguage: 'de' as const, category: classification(category) };
              out.push(reasonWords({ rule, code, params: PARAMS }, ctx, warning));
              out.push(reasonWords({ rule, code }, { ...ctx, category: classification(category, true) }, warning));
            }
  }
  for (const category of CATEGORIES) out.push(categoryWords(category, language));
  for (const category of CATEGORIES)
    for (const phrases of [[], ['Bewertung'], ['review', 'stars', 'feedback']])
      for (const templateLanguage of LANGUAGES)
        out.push(templateWarningWords({ category, phrases }, templateLanguage, language));
  for (const rule of RULE_IDS) out.push(RULE_TEXT[rule][language]);
  return out;
}

describe('the policy in words', () => {
  for (const language of LANGUAGES) {
    it(`has ${language} words for every reason, warning and category, with every placeholder filled`, () => {
      const words = allWords(language);
      expect(words.length).toBeGreaterThan(500);
      for (const w of words) {
        expect(w.trim().length, w).toBeGreaterThan(3);
        expect(w, w).not.toMatch(/[{}]/); // no placeholder left unfilled
        expect(w, w).not.toMatch(/\bR\d+[a-d]?\b/); // rule ids only behind "Why?", never in the words
      }
    });
  }

  it('says it in German in German and in English in English', () => {
    const de = allWords('de').map((w) => ` ${w} `);
    const en = allWords('en').map((w) => ` ${w} `);
    for (const w of de) for (const word of ENGLISH) expect(w.includes(word), `${word} in: ${w}`).toBe(false);
    for (const w of en) for (const word of GERMAN) expect(w.includes(word), `${word} in: ${w}`).toBe(false);
  });

  it('words a code it knows by its code (not the rule text), and falls back to the rule text for one it does not', () => {
    const ctx = {
      language: 'de' as const,
      buyer: 'Lukas Weber',
      tense: 'before' as const,
      sellerLanguage: 'de' as const,
    };
    expect(reasonWords({ rule: 'R10', code: 'buyer-opted-out' }, ctx)).toBe(
      'Lukas Weber hat Verkäufernachrichten abbestellt. Diese Nachricht ist keine Antwort an Lukas Weber, deshalb würde sie blockiert.',
    );
    expect(reasonWords({ rule: 'R10', code: 'buyer-opted-out' }, { ...ctx, tense: 'after', language: 'en' })).toBe(
      'Lukas Weber opted out of seller messages. This message is not a reply to Lukas Weber, so it was blocked.',
    );
    expect(reasonWords({ rule: 'R10', code: 'opted-out' }, ctx)).toBe(RULE_TEXT.R10.de);
  });
});

describe('a saved reply’s warning', () => {
  const warning = { category: 'review-request' as const, phrases: ['Bewertung', 'Sterne', 'Feedback'] };

  it('says what it looks like and what misuse costs in English, with the first two phrases and no rule id', () => {
    expect(templateWarningWords(warning, 'de', 'en')).toBe(
      'This saved reply looks like a review or feedback request (“Bewertung”, “Sterne”). That is not needed to ' +
        'complete an order: sent with [Wichtig] or as “Additional information required”, it can cost your selling ' +
        'privileges.',
    );
  });

  it('and in German, with the English reply’s tag', () => {
    expect(templateWarningWords({ category: 'confirmation', phrases: [] }, 'en', 'de')).toBe(
      'Diese gespeicherte Antwort sieht aus wie eine Bestell-, Versand- oder Erstattungsbestätigung. Das ist für die ' +
        'Abwicklung einer Bestellung nicht nötig: Mit [Important] oder als „Zusätzliche Informationen erforderlich“ ' +
        'gesendet, kann sie Ihre Verkaufsberechtigung kosten.',
    );
  });
});

describe('the daily limit’s formula', () => {
  const quota = { perOrder: 5, averageDailyOrders: 0.17, base: 600, limit: 600 };
  it('uses the UI language’s decimal sign', () => {
    expect(quotaFormula(quota, 'en')).toBe('5 × 0.17 + 600 = 600');
    expect(quotaFormula(quota, 'de')).toBe('5 × 0,17 + 600 = 600');
    expect(quotaFormula({ ...quota, averageDailyOrders: 100, limit: 1100 }, 'de')).toBe('5 × 100 + 600 = 1.100');
  });
});
