// @vitest-environment jsdom
/**
 * The bridge's spell checking in the composer, with the dictionaries' worker replaced by a checker that knows one
 * wrong word: it is underlined and listed, its suggestions show, and one replaces it in the message.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FORM } from './form';
import { SpellCheck } from './SpellCheck';
import type { SpellChecker } from './spell-checker';
import { useComposer } from './store';

const checker: SpellChecker = {
  misspelled: async (words) => words.filter((w) => w === 'Lieferrung'),
  suggest: async (word) => (word === 'Lieferrung' ? ['Lieferung', 'Lieferungen'] : []),
};

function Harness() {
  const area = useRef<HTMLTextAreaElement>(null);
  const body = useComposer((s) => s.form.body);
  return (
    <div className="composer-editor">
      <textarea ref={area} value={body} onChange={(e) => useComposer.getState().update({ body: e.target.value })} />
      <SpellCheck textarea={area} checker={checker} />
    </div>
  );
}

describe('spell checking in the composer (browser bridge)', () => {
  afterEach(() => cleanup());

  it('marks a misspelled word and replaces it with the suggestion picked', async () => {
    act(() => useComposer.setState({ form: { ...EMPTY_FORM, body: 'Die Lieferrung kommt.' } }));
    const { container } = render(<Harness />);
    const chip = await screen.findByTestId('misspelled-word', {}, { timeout: 3000 });
    expect(chip.textContent).toBe('Lieferrung');
    expect(container.querySelector('.spell-mirror mark')?.textContent).toBe('Lieferrung');
    fireEvent.click(chip);
    const menu = await screen.findByTestId('spelling-suggestions');
    fireEvent.click(await within(menu).findByRole('menuitem', { name: 'Lieferung' }));
    expect(useComposer.getState().form.body).toBe('Die Lieferung kommt.');
    await waitFor(() => expect(screen.queryByTestId('misspelled-word')).toBeNull(), { timeout: 3000 });
  });
});
