// @vitest-environment jsdom
/**
 * The policy check as a seller reads it: what would happen first, in words with the buyer's name; the fix as a button
 * (Mark as [Important] ticks the composer's box); the rule ids, each rule's text and the limit's formula only behind
 * "Why?"; German fully German, English fully English; a long phrase list stays short.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DryRun } from '../../../../shared/contract';
import type { Language, Verdict } from '../../../../shared/domain';
import { RULE_TEXT } from '../../../../shared/rules';
import { translate, useLanguage } from '../../i18n';
import type { FakeBackend } from '../../state/testing/fake-backend';
import { Composer } from './Composer';
import { dryRunStrings } from './dry-run-strings';
import { useComposer } from './store';
import { composerApi, dryRun, resetComposer } from './testing/fixtures';

let api: FakeBackend;

beforeEach(() => {
  api = composerApi();
  resetComposer(api);
});
afterEach(() => cleanup());

/** What the relay says about a new message to an opted-out buyer that answers nothing of his. */
function blocked(language: Language, necessary: boolean | null = true): DryRun {
  const tag = language === 'de' ? '[Wichtig]' : '[Important]';
  const result = dryRun(
    {
      verdict: 'block',
      rules: ['R10'],
      reasons: [
        {
          rule: 'R10',
          code: 'buyer-opted-out',
          // The policy's own prose (bounce notices, the CLI): the panel words the code itself.
          message: 'The buyer opted out of unsolicited seller messages and this message is not a reply to the buyer.',
          params: { tag, viaIgnored: 'no' },
        },
      ],
      category: {
        category: necessary === false ? 'review-request' : 'address-problem',
        necessary,
        confidence: 0.9,
        phrases: ['Hausnummer'],
        language,
        context: ['topic chosen: address-problem'],
      },
    },
    'Adressproblem',
  );
  return {
    ...result,
    buyerName: 'Lukas Weber',
    quota: { ...result.quota, averageDailyOrders: 0.17, limit: 600, formula: '5 × 0.17 + 600 = 600' },
  };
}

async function openNew(language: Language, check: DryRun): Promise<HTMLElement> {
  useLanguage.setState({ language });
  api['composer.check'].mockResolvedValue(check);
  render(<Composer />);
  await act(async () => {
    await useComposer.getState().openNew({ conversationId: 7 });
  });
  return screen.findByTestId('dry-run-summary');
}

const why = () => screen.getByTestId('dry-run-why') as HTMLDetailsElement;
/** The panel's text outside "Why?": what the seller reads without a click. */
function outsideWhy(): string {
  const panel = screen.getByTestId('dry-run-summary').closest('aside') as HTMLElement;
  const copy = panel.cloneNode(true) as HTMLElement;
  copy.querySelector('[data-testid="dry-run-why"]')?.remove();
  return copy.textContent ?? '';
}

describe('a message blocked because the buyer opted out', () => {
  it('says so first in words with the buyer’s name; "Mark as [Important]" ticks the box; Why? shows R10’s text', async () => {
    const summary = await openNew('en', blocked('en'));
    expect(summary.textContent).toContain(
      'Lukas Weber opted out of seller messages. This message is not a reply to Lukas Weber, so it would be blocked.',
    );
    expect(summary.textContent).not.toContain('was not delivered');
    expect(outsideWhy()).not.toMatch(/\bR1\d|\bR\d\b/); // no rule id without a click

    expect(useComposer.getState().form.important).toBe(false);
    // The other way through: the reason "Additional information required" (R10c).
    const reason = screen.getByTestId('dry-run-fix-reason');
    expect(reason.textContent).toBe('Send as “Additional information required”');
    fireEvent.click(reason);
    expect(useComposer.getState().form.topic).toBe('additional-info');
    const fix = screen.getByTestId('dry-run-fix');
    expect(fix.textContent).toBe('Mark as [Important]');
    fireEvent.click(fix);
    expect(useComposer.getState().form.important).toBe(true);

    await waitFor(() =>
      expect(api['composer.check']).toHaveBeenLastCalledWith(expect.objectContaining({ important: true })),
    );

    expect(why().open).toBe(false);
    expect(why().querySelector('summary')?.textContent).toBe('Why?');
    expect(why().textContent).toContain('R10');
    expect(why().textContent).toContain(RULE_TEXT.R10.en);
  });

  it('speaks German in the German UI, with [Wichtig] on the button and no English word', async () => {
    const summary = await openNew('de', blocked('de'));
    expect(summary.textContent).toContain(
      'Lukas Weber hat Verkäufernachrichten abbestellt. Diese Nachricht ist keine Antwort an Lukas Weber, deshalb würde sie blockiert.',
    );
    expect(screen.getByTestId('dry-run-fix').textContent).toBe('Als [Wichtig] markieren');
    expect(why().querySelector('summary')?.textContent).toBe('Warum?');
    expect(why().textContent).toContain(RULE_TEXT.R10.de);
    const text = ` ${outsideWhy()} `;
    for (const word of [' the ', ' not ', ' was ', ' would ', ' buyer ', ' message ']) expect(text).not.toContain(word);
  });

  it('offers no [Important] for a message that is plainly not needed for the order, and says why, unless the seller chose a reason needed for it', async () => {
    await openNew('en', blocked('en', false));
    expect(screen.queryByTestId('dry-run-fix')).toBeNull();
    expect(screen.getByTestId('dry-run-nofix').textContent).toContain(
      '[Important] would not help: it is only for messages needed to complete an order, and this one looks like a review or feedback request.',
    );
    // Unless the seller chose a reason that is needed for the order: that is the seller's word for what it is.
    act(() => useComposer.getState().update({ topic: 'address-problem' }));
    expect(screen.getByTestId('dry-run-fix').textContent).toBe('Mark as [Important]');
  });
});

describe('the other fixes', () => {
  it('"Remove [Important]" on a message Send would ask about unticks the box', async () => {
    const check = dryRun({
      verdict: 'hold',
      rules: ['R11'],
      reasons: [{ rule: 'R11', code: 'important-needs-confirmation', message: 'x', params: { used: '[Important]' } }],
      category: { category: 'review-request', necessary: false, confidence: 0.97, phrases: [], language: 'en' },
    });
    const summary = await openNew('en', { ...check, buyerName: 'Lukas Weber' });
    expect(summary.textContent).toContain(
      '[Important] is only for messages needed to complete an order, and this one looks like a review or feedback request. Send asks you first',
    );
    act(() => useComposer.getState().setImportant(true));
    fireEvent.click(await screen.findByTestId('dry-run-fix'));
    expect(useComposer.getState().form.important).toBe(false);
  });

  it('an attachment that would be removed says why in words and can be taken out here', async () => {
    const check = dryRun({
      reasons: [{ rule: 'R15', code: 'attachment-removed', message: 'x', params: { count: 1, names: 'setup.exe' } }],
      attachments: [
        { filename: 'setup.exe', action: 'remove', sniffedType: 'exe', size: 1200, problem: 'type-not-allowed' },
      ],
    });
    await openNew('de', check);
    act(() =>
      useComposer.getState().update({
        attachments: [{ sha256: 'a'.repeat(64), name: 'setup.exe', size: 1200, type: 'application/octet-stream' }],
      }),
    );
    expect(screen.getByTestId('dry-run-summary').textContent).toContain(
      'Ein Anhang (setup.exe) würde entfernt; die Nachricht selbst wird trotzdem zugestellt.',
    );
    const fix = await screen.findByTestId('dry-run-fix-attachment');
    expect(fix.closest('li')?.textContent).toContain('setup.exe: Dateien dieser Art sind nicht erlaubt');
    fireEvent.click(fix);
    expect(useComposer.getState().form.attachments).toEqual([]);
  });
});

describe('the daily limit', () => {
  it('is a line in words; its formula sits behind Why?', async () => {
    const check = blocked('de');
    await openNew('de', { ...check, quota: { ...check.quota, limit: 600, sentToday: 5, remaining: 595 } });
    expect(screen.getByTestId('dry-run-quota').textContent).toContain('Heute noch 595 von 600 Nachrichten');
    expect(outsideWhy()).not.toContain('×');
    expect(within(why()).getByTestId('dry-run-formula').textContent).toContain('5 × 0,17 + 600 = 600');
    expect(why().textContent).toContain(RULE_TEXT.R16.de);
  });

  it('formats the formula from its numbers in the UI language: a decimal point in English, a comma in German', async () => {
    const check = blocked('en');
    await openNew('en', { ...check, quota: { ...check.quota, formula: 'ignored: the CLI’s text' } });
    expect(within(why()).getByTestId('dry-run-formula').textContent).toContain('5 × 0.17 + 600 = 600');
    cleanup();
    await openNew('de', { ...check, quota: { ...check.quota, formula: 'ignored: the CLI’s text' } });
    expect(within(why()).getByTestId('dry-run-formula').textContent).toContain('5 × 0,17 + 600 = 600');
  });
});

describe('what the message looks like', () => {
  it('shows the first three phrases and "+N more", so a long list stays inside the panel', async () => {
    const check = blocked('en');
    const phrases = ['house number', 'delivery address', 'missing', 'street', 'postcode', 'a very long phrase'];
    await openNew('en', {
      ...check,
      decision: { ...check.decision, category: { ...check.decision.category, phrases } },
    });
    const list = screen.getByTestId('dryrun-category').querySelector('.composer-phrases') as HTMLElement;
    expect([...list.querySelectorAll('q')].map((q) => q.textContent)).toEqual(phrases.slice(0, 3));
    expect(list.textContent).toContain('+3 more');
  });
});

describe('the verdicts', () => {
  /** Complete by type: a new verdict is a compile error here until it has words. */
  const VERDICTS: Record<Verdict, true> = { deliver: true, block: true, reject: true, hold: true };
  it('each has German and English words, and the German ones are German', () => {
    for (const verdict of Object.keys(VERDICTS) as Verdict[]) {
      const de = ` ${translate(dryRunStrings, 'de')(`verdict.${verdict}`)} `;
      const en = translate(dryRunStrings, 'en')(`verdict.${verdict}`);
      expect(en.length).toBeGreaterThan(3);
      expect(de).not.toBe(` ${en} `);
      for (const word of [' the ', ' not ', ' was ', ' would ', ' will ']) expect(de).not.toContain(word);
    }
  });
});
