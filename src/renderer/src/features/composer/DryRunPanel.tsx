/**
 * The live policy dry run, shown beside what the seller writes. Words first: what would happen and why, in plain words
 * with the buyer's name ("Lukas Weber opted out of seller messages …"), then the fix as a button where there is one
 * ("Mark as [Important]", "Remove photo.exe"). What the message looks like to the classifier (R12), the attachments
 * (R15) and what is left of today's limit (R16) follow; the rule ids with each rule's text, what else was weighed and
 * the limit's formula sit behind "Why?".
 */
import type { DryRun } from '../../../../shared/contract';
import type { AttachmentAction, Decision, RuleId } from '../../../../shared/domain';
import { IMPORTANT_TAG, RULE_TEXT } from '../../../../shared/rules';
import { TOPICS, type Topic } from '../../../../shared/vocabulary';
import { translate, useLanguage, useStrings } from '../../i18n';
import { categoryWords, quotaFormula, reasonWords, type WordsContext } from '../../state/policy-words';
import { policyStrings } from '../../state/policy-strings';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { CategoryWords } from './CategoryWords';
import { dryRunStrings } from './dry-run-strings';
import { useComposer } from './store';
import { composerStrings } from './strings';
import './dry-run.css';

const VERDICT_TONE = { deliver: 'success', block: 'danger', reject: 'danger', hold: 'warning' } as const;

/** The composer's reasons that are needed to complete an order (R12). */
const NECESSARY_TOPICS: readonly string[] = ['customization', 'delivery-scheduling', 'address-problem'];

/** The R11 code of a message Send asks about first. */
const HOLD = 'important-needs-confirmation';

export function DryRunPanel() {
  const t = useStrings(dryRunStrings);
  const dryRun = useComposer((s) => s.dryRun);
  const result = dryRun.result;
  return (
    <aside className="composer-dryrun" aria-labelledby="composer-dryrun-title" aria-busy={dryRun.state === 'checking'}>
      <h3 id="composer-dryrun-title">
        {t('title')}
        {dryRun.state === 'checking' && <span className="composer-muted"> · {t('checking')}</span>}
      </h3>
      {dryRun.state === 'error' && <p className="composer-error">{t('failed', { message: dryRun.error ?? '' })}</p>}
      {!result ? (
        dryRun.state !== 'error' && <p className="composer-muted">{t('notYet')}</p>
      ) : (
        <Result result={result} />
      )}
    </aside>
  );
}

/** "the order is handmade", "topic chosen: address-problem": the classifier's context notes in the UI language. */
function useContextWords(): (note: string) => string {
  const t = useStrings(dryRunStrings);
  const topic = useStrings(composerStrings);
  return (note) => {
    const chosen = /^topic chosen: (.+)$/.exec(note);
    if (chosen && (TOPICS as readonly string[]).includes(chosen[1]))
      return t('context.topic', { topic: topic(`topic.${chosen[1] as Topic}`) });
    const order = /^the order is (handmade|custom-made)$/.exec(note);
    if (order) return t('context.order', { kind: t(order[1] === 'handmade' ? 'order.handmade' : 'order.custom') });
    return note;
  };
}

/** The rule ids with each rule's text, what else was weighed, and the limit's formula: behind "Why?". */
function Why({ result }: { result: DryRun }) {
  const t = useStrings(dryRunStrings);
  const language = useLanguage((s) => s.language);
  const contextWords = useContextWords();
  const { decision, quota } = result;
  // R12 decided the category whenever the message was judged necessary or not; R16 is the limit below.
  const judged: RuleId[] = decision.category.necessary === null ? [] : ['R12'];
  const rules = [...new Set<RuleId>([...decision.rules, ...decision.warnings.map((w) => w.rule), ...judged, 'R16'])];
  const context = decision.category.context ?? [];
  return (
    <details className="composer-why" data-testid="dry-run-why">
      <summary>{t('why')}</summary>
      <h4>{t('whyRules')}</h4>
      <ul className="composer-rules">
        {rules.map((rule) => (
          <li key={rule}>
            <Badge tone="info">{rule}</Badge> {RULE_TEXT[rule][language]}
          </li>
        ))}
      </ul>
      <p className="composer-muted" data-testid="dry-run-formula">
        {t('quotaFormula', {
          formula: quotaFormula(quota, language),
          days: quota.windowDays,
        })}
      </p>
      {context.length > 0 && (
        <>
          <h4>{t('whyContext')}</h4>
          <ul className="composer-rules">
            {context.map((note) => (
              <li key={note}>{contextWords(note)}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** What would happen, in words: the deciding reasons (or "will be delivered to …"), then the R15 line. */
function summaryLines(decision: Decision, ctx: WordsContext): string[] {
  const p = translate(policyStrings, ctx.language);
  const deciding = decision.reasons.filter((r) => r.rule !== 'R15');
  const lines =
    deciding.length > 0
      ? deciding.map((r) => reasonWords(r, ctx))
      : [p('deliverPlain', { buyerObject: ctx.buyer ?? p('buyer.object') })];
  const removed = decision.reasons.find((r) => r.rule === 'R15');
  if (removed) lines.push(reasonWords(removed, ctx));
  return lines;
}

/**
 * The fix where there is one: tick Important for a message to an opted-out buyer that may be needed for the order
 * (not for one that plainly is not: that would only be held by R11); untick it on a message Send would ask about.
 */
function Fix({ decision, tag }: { decision: Decision; tag: string }) {
  const t = useStrings(dryRunStrings);
  const language = useLanguage((s) => s.language);
  const important = useComposer((s) => s.form.important);
  // The composer's own setter: it keeps the subject's tag and the Important box in step.
  const setImportant = useComposer((s) => s.setImportant);
  const update = useComposer((s) => s.update);
  // R10c: a new message can also go as "Additional information required" (the reason, not a typed subject).
  const canAsk = useComposer((s) => s.mode === 'new' && s.form.topic !== 'additional-info');
  // The reason the seller chose says what the message is for, whatever the classifier reads into the words.
  const chosenNecessary = useComposer((s) => NECESSARY_TOPICS.includes(s.form.topic ?? ''));
  const topic = useStrings(composerStrings);
  const optedOut = decision.verdict === 'block' && decision.reasons.some((r) => r.rule === 'R10');
  const held = decision.verdict === 'hold' || decision.reasons.some((r) => r.rule === 'R11');
  if (optedOut && !important) {
    if (decision.category.necessary === false && !chosenNecessary)
      return (
        <p className="dry-run-nofix" data-testid="dry-run-nofix">
          {t('fixNotNecessary', { tag, category: categoryWords(decision.category.category, language) })}
        </p>
      );
    return (
      <div className="dry-run-fixes">
        <p className="composer-muted">{t('fixImportantHint', { tag })}</p>
        <div className="dry-run-fix-buttons">
          <Button data-testid="dry-run-fix" onClick={() => setImportant(true)}>
            {t('fixImportant', { tag })}
          </Button>
          {canAsk && (
            <Button
              variant="ghost"
              data-testid="dry-run-fix-reason"
              onClick={() => update({ topic: 'additional-info' })}
            >
              {t('fixReason', { reason: topic('topic.additional-info') })}
            </Button>
          )}
        </div>
      </div>
    );
  }
  if (held && important)
    return (
      <div className="dry-run-fixes">
        <Button data-testid="dry-run-fix" onClick={() => setImportant(false)}>
          {t('fixUnimportant', { tag })}
        </Button>
      </div>
    );
  return null;
}

/** R15: each attachment in words; one that would be removed can be taken out here. */
function Attachments({ attachments }: { attachments: AttachmentAction[] }) {
  const t = useStrings(dryRunStrings);
  const p = useStrings(policyStrings);
  const files = useComposer((s) => s.form.attachments);
  const update = useComposer((s) => s.update);
  if (attachments.length === 0) return null;
  return (
    <section aria-label={t('attachmentChecks')}>
      <h4>{t('attachmentChecks')}</h4>
      <ul className="composer-rules dry-run-attachments">
        {attachments.map((a) => (
          <li key={a.filename} className={a.action === 'remove' ? 'composer-warning' : undefined}>
            {a.action === 'remove'
              ? p(`attachment.${a.problem ?? 'type-not-allowed'}`, { name: a.filename, tense: 'before' })
              : p('attachment.kept', { name: a.filename })}
            {a.action === 'remove' && files.some((f) => f.name === a.filename) && (
              <>
                {' '}
                <Button
                  variant="ghost"
                  size="small"
                  data-testid="dry-run-fix-attachment"
                  onClick={() => update({ attachments: files.filter((f) => f.name !== a.filename) })}
                >
                  {t('fixRemoveAttachment', { name: a.filename })}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Result({ result }: { result: DryRun }) {
  const t = useStrings(dryRunStrings);
  const language = useLanguage((s) => s.language);
  const sellerLanguage = useComposer((s) => s.sellerLanguage);
  const { decision } = result;
  const shop = decision.category.language ?? sellerLanguage;
  const ctx: WordsContext = {
    language,
    buyer: result.buyerName ?? null,
    tense: 'before',
    sellerLanguage: shop,
    category: decision.category,
  };
  const hold = decision.reasons.find((r) => r.rule === 'R11' && r.code === HOLD);
  const r11 = decision.warnings.filter((w) => w.rule === 'R11');
  const others = decision.warnings.filter((w) => w.rule !== 'R11');
  return (
    <>
      {/* A held message's reason is the warning and what to do about it: it is said once, in the summary. */}
      {!hold &&
        r11.map((w) => (
          <div key={w.code} className="composer-r11" role="alert" data-testid="dryrun-r11">
            <strong>{t('r11Title')}</strong>
            <p>{reasonWords(w, ctx, true)}</p>
          </div>
        ))}
      <div
        className={`dry-run-summary verdict-${decision.verdict}`}
        data-testid="dry-run-summary"
        role={hold ? 'alert' : undefined}
      >
        <p className={`composer-verdict verdict-${decision.verdict}`} data-testid="dryrun-verdict">
          <Badge tone={VERDICT_TONE[decision.verdict]}>{t(`verdict.${decision.verdict}`)}</Badge>
        </p>
        {summaryLines(decision, ctx).map((line, i) => (
          <p key={i}>{line}</p>
        ))}
        {others.map((w) => (
          <p key={w.code} className="composer-warning">
            {reasonWords(w, ctx, true)}
          </p>
        ))}
      </div>
      <Fix decision={decision} tag={IMPORTANT_TAG[shop]} />
      {hold && <p className="composer-muted">{t('holdHint')}</p>}
      <CategoryWords c={decision.category} />
      <Attachments attachments={decision.attachments} />
      <QuotaMeter quota={result.quota} />
      <Why result={result} />
    </>
  );
}

function QuotaMeter({ quota }: { quota: DryRun['quota'] }) {
  const t = useStrings(dryRunStrings);
  const used = Math.min(quota.limit, quota.sentToday);
  return (
    <div className="composer-quota" data-testid="dry-run-quota">
      <label>
        {t('quota', { remaining: quota.remaining, limit: quota.limit })}
        <meter min={0} max={quota.limit} low={quota.limit * 0.8} high={quota.limit * 0.95} optimum={0} value={used} />
      </label>
      {!quota.counted && <div className="composer-muted">{t('quotaNotCounted')}</div>}
    </div>
  );
}
