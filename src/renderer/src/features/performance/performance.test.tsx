// @vitest-environment jsdom
/**
 * The Performance view as the seller reads it: one call, the three shares big (7/30/90 days),
 * the late and unanswered messages of the chosen window one click from their conversation,
 * the quota with formula and inputs (R16), the chart's table, and unnecessary R11 uses marked.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeBackend, type FakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';
import { useView } from '../../state/view-store';
import { useLanguage } from '../../i18n';
import { ImportantUses } from './ImportantUses';

describe('Performance view', () => {
  useRendererTestEnv();
  let api: FakeBackend;
  beforeEach(() => {
    useView.setState(useView.getInitialState(), true);
    api = createFakeBackend({ conversations: 20 });
  });

  async function open() {
    renderApp(api);
    fireEvent.click(await screen.findByTestId('nav-performance'));
    await screen.findByTestId('performance-share-7');
  }

  it('shows the three shares and averages from a single call', async () => {
    await open();
    expect(screen.getByTestId('performance-share-7').textContent).toBe('95%');
    expect(screen.getByTestId('performance-share-30').textContent).toBe('90%');
    expect(screen.getByTestId('performance-share-90').textContent).toBe('93%');
    expect(screen.getAllByText('Average response: 5 h 0 min')).toHaveLength(3);
    expect(api.calls.filter((c) => c.name === 'performance.get')).toHaveLength(1);
  });

  it('lists the late and unanswered messages of the chosen window; one click opens the conversation', async () => {
    await open();
    const list = screen.getByTestId('late-list');
    expect(within(list).getByText('Unanswered (1)')).toBeTruthy();
    expect(within(list).getByText(/answered after 30 h 0 min/)).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('performance-view')).getByRole('button', { name: /Last 30 days/ }));
    expect(within(screen.getByTestId('late-list')).queryByText(/Unanswered/)).toBeNull(); // the 30-day fake has none
    fireEvent.click(within(screen.getByTestId('performance-view')).getByRole('button', { name: /Last 90 days/ }));
    // all counted, newest listed
    expect(within(screen.getByTestId('late-list')).getByText('Answered late (350)')).toBeTruthy();
    expect(within(screen.getByTestId('late-list')).getByText('The newest 1 of 350 are listed.')).toBeTruthy();

    fireEvent.click(within(screen.getByTestId('late-list')).getAllByTestId('late-item')[0]);
    await waitFor(() =>
      expect(api.calls.some((c) => c.name === 'conversation.get' && (c.input as { id: number }).id === 12)).toBe(true),
    );
    expect(screen.queryByTestId('performance-view')).toBeNull();
  });

  it('shows the quota against the limit with the formula and its inputs (R16)', async () => {
    await open();
    const meter = screen.getByTestId('quota-meter') as HTMLMeterElement;
    expect([meter.getAttribute('value'), meter.getAttribute('max')]).toEqual(['42', '616']);
    expect(screen.getByText('42 of 616 messages sent today — 574 left')).toBeTruthy();
    expect(screen.getByText(/5 × 3.2 \+ 600 = 616/)).toBeTruthy();
    expect(screen.getByText('96 orders in the last 30 days → 3.2 per day')).toBeTruthy();
  });

  it('writes the limit’s formula with a decimal comma in German', async () => {
    await open();
    expect(screen.getByTestId('quota-formula').textContent).toContain('5 × 3.2 + 600 = 616');
    act(() => useLanguage.setState({ language: 'de' }));
    expect(screen.getByTestId('quota-formula').textContent).toContain('5 × 3,2 + 600 = 616');
    expect(screen.getByTestId('quota-formula').textContent).not.toContain('3.2');
  });

  it('marks unnecessary [Important] uses (R11) and gives the chart as a table', async () => {
    await open();
    const uses = screen.getAllByTestId('important-use');
    expect(uses.map((u) => u.dataset.necessary)).toEqual(['true', 'false']);
    expect(uses[1].className).toContain('pf-unnecessary');
    expect(within(uses[1]).getByText('Not necessary')).toBeTruthy();
    expect(screen.getByText('1 of 2 uses were not necessary')).toBeTruthy();
    // R11: the seller overrode the warning ("Send anyway").
    expect(within(uses[1]).getByTestId('important-override').textContent).toBe('sent anyway');
    expect(within(uses[0]).queryByTestId('important-override')).toBeNull();
    const table = screen.getByText('The chart as a table').closest('details')!;
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 90 - 13); // header + days with buyer messages
  });
});

describe('long lists on a big shop', () => {
  useRendererTestEnv();

  it('draws the first 50 rows at once and the rest on "Show all" (the view opens fast)', () => {
    const uses = Array.from({ length: 120 }, (_, i) => ({
      id: i + 1,
      messageId: i + 1,
      conversationId: i + 1,
      kind: 'important-tag' as const,
      subject: `[Important] message ${i + 1}`,
      category: 'other',
      necessary: i % 2 === 0,
      verdict: 'deliver',
      override: null,
      at: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
    }));
    render(<ImportantUses uses={uses} />);
    expect(screen.getAllByTestId('important-use')).toHaveLength(50);
    expect(screen.getByText('60 of 120 uses were not necessary')).toBeTruthy(); // the summary counts them all
    fireEvent.click(screen.getByRole('button', { name: 'Show all 120' }));
    expect(screen.getAllByTestId('important-use')).toHaveLength(120);
  });
});

describe('the R11 log', () => {
  useRendererTestEnv();

  it('says which uses the seller overrode: "sent anyway" and "released", in words', () => {
    const use = (id: number, verdict: string, override: 'confirmed' | 'released' | null) => ({
      id,
      messageId: 10,
      conversationId: 3,
      kind: 'important-tag' as const,
      subject: '[Wichtig] Bitte bewerten Sie uns',
      category: 'review-request',
      necessary: false,
      verdict,
      override,
      at: new Date(Date.UTC(2026, 10, 1, 12, id)).toISOString(),
    });
    render(
      <ImportantUses uses={[use(3, 'deliver', 'released'), use(2, 'held', null), use(1, 'deliver', 'confirmed')]} />,
    );
    const rows = screen.getAllByTestId('important-use');
    expect(rows.map((r) => within(r).queryByTestId('important-override')?.textContent ?? null)).toEqual([
      'released',
      null,
      'sent anyway',
    ]);
    expect(within(rows[1]).getByText('held')).toBeTruthy();
    expect(within(rows[0]).getByText('delivered')).toBeTruthy();
  });

  it('names the category and the outcome in words in both languages, never as ids like review-request or deliver', () => {
    const use = (id: number, verdict: string, category: string) => ({
      id,
      messageId: 10,
      conversationId: 3,
      kind: 'important-tag' as const,
      subject: '[Wichtig] Bitte bewerten Sie uns',
      category,
      necessary: false,
      verdict,
      override: null,
      at: new Date(Date.UTC(2026, 10, 1, 12, id)).toISOString(),
    });
    const uses = [use(3, 'deliver', 'review-request'), use(2, 'hold', 'stock-delay'), use(1, 'block', 'confirmation')];
    const { unmount } = render(<ImportantUses uses={uses} />);
    const cells = () => screen.getAllByTestId('important-use-category').map((c) => c.textContent);
    expect(cells()).toEqual([
      'a review or feedback request',
      'an out-of-stock or delay notice',
      'an order, shipping or refund confirmation',
    ]);
    expect(within(screen.getAllByTestId('important-use')[1]).getByText('held')).toBeTruthy();
    unmount();
    act(() => useLanguage.setState({ language: 'de' }));
    render(<ImportantUses uses={uses} />);
    expect(cells()).toEqual([
      'eine Bewertungsanfrage',
      'eine Bestands- oder Verzögerungsmeldung',
      'eine Bestell-, Versand- oder Erstattungsbestätigung',
    ]);
    const text = screen.getByTestId('important-uses').textContent ?? '';
    for (const id of ['review-request', 'stock-delay', 'confirmation', 'deliver', 'hold', 'block'])
      expect(text).not.toMatch(new RegExp(`\\b${id}\\b`));
  });
});
