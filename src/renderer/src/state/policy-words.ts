/**
 * A policy reason or warning in the UI language, from its rule, code and params (REASON_CODES): the dry-run panel and
 * the conversation both word it here, with the buyer's name. The policy's own prose is in the shop's language, so it is
 * never shown; a code this table does not know falls back to the rule's text.
 */
import type { TemplateWarning } from '../../../shared/contract';
import type { Classification, Language, QuotaReport, ReasonParams, RuleId } from '../../../shared/domain';
import { IMPORTANT_TAG, RULE_TEXT } from '../../../shared/rules';
import { translate, type Vars } from '../i18n';
import { policyStrings } from './policy-strings';

export type Tense = 'before' | 'after';

export interface ReasonLike {
  rule: RuleId;
  code: string;
  params?: ReasonParams;
}

export interface WordsContext {
  language: Language;
  /** The buyer's display name, null when unknown ("the buyer"). */
  buyer: string | null;
  /** Before sending ("would be blocked") or about a message already decided ("was blocked"). */
  tense: Tense;
  /** The shop's marketplace language: its [Important] tag. */
  sellerLanguage: Language;
  category?: Classification | null;
}

type Key = keyof typeof policyStrings & string;

function has(key: string): key is Key {
  return Object.prototype.hasOwnProperty.call(policyStrings, key);
}

/** "a review or feedback request" / "Parley is not sure …": what the message looks like to R12. */
function looks(t: (key: Key, vars?: Vars) => string, c: Classification | null | undefined): string {
  if (!c || c.unsure || c.category === 'other') return t('looks.unsure');
  return t('looks.category', { category: t(`category.${c.category}`) });
}

/** The words of one reason (or, with `warning`, one warning). */
export function reasonWords(reason: ReasonLike, ctx: WordsContext, warning = false): string {
  const t = translate(policyStrings, ctx.language);
  const p = reason.params ?? {};
  const tag = typeof p.tag === 'string' ? p.tag : IMPORTANT_TAG[ctx.sellerLanguage];
  const vars: Vars = {
    buyer: ctx.buyer ?? t('buyer.subject'),
    buyerObject: ctx.buyer ?? t('buyer.object'),
    tense: ctx.tense,
    tag,
    used: typeof p.used === 'string' ? p.used : tag,
    looks: looks(t, ctx.category),
    count: typeof p.count === 'number' ? p.count : 1,
    names: typeof p.names === 'string' ? p.names : '…',
    orders: typeof p.orders === 'string' ? p.orders : '',
    limit: typeof p.limit === 'number' ? p.limit : 0,
    sent: typeof p.sent === 'number' ? p.sent : 0,
  };
  let key = `${warning ? 'warning' : 'reason'}.${reason.rule}.${reason.code}`;
  if (reason.rule === 'R10b' && !vars.orders) key = 'reason.R10b.noOrders';
  if (!has(key)) return RULE_TEXT[reason.rule]?.[ctx.language] ?? reason.rule;
  const words = t(key, vars);
  return p.viaIgnored === 'yes' ? `${words} ${t('reason.R10.viaNote')}` : words;
}

/** "a review or feedback request": an R12 category in words, or the id itself when it is not one. */
export function categoryWords(category: string, language: Language): string {
  const key = `category.${category}`;
  return has(key) ? translate(policyStrings, language)(key) : category;
}

/**
 * The daily limit's formula from its numbers in the UI language's number format: "5 × 3.2 + 600 = 616", in German
 * "5 × 3,2 + 600 = 616" (the backend's `formula` text is the CLI's).
 */
export function quotaFormula(
  quota: Pick<QuotaReport, 'perOrder' | 'averageDailyOrders' | 'base' | 'limit'>,
  language: Language,
): string {
  const format = new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
  const n = (v: number) => format.format(v);
  return `${n(quota.perOrder)} × ${n(quota.averageDailyOrders)} + ${n(quota.base)} = ${n(quota.limit)}`;
}

/**
 * A saved reply's policy warning in the UI language: what it looks like (the category in the policy's words, with the
 * first two phrases that made Parley think so) and what misuse costs, with the [Important] tag of the reply's
 * language; no rule ids (R11 and R12 sit behind "Why?").
 */
export function templateWarningWords(
  warning: Pick<TemplateWarning, 'category' | 'phrases'>,
  templateLanguage: Language,
  language: Language,
): string {
  const t = translate(policyStrings, language);
  const phrases = warning.phrases.slice(0, 2).join(language === 'de' ? '“, „' : '”, “');
  return t('template.misuse', {
    category: categoryWords(warning.category, language),
    phrases,
    hasPhrases: phrases ? 'yes' : 'no',
    tag: IMPORTANT_TAG[templateLanguage],
  });
}
