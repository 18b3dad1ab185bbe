// @vitest-environment jsdom
/**
 * R18 in the Reported filter: the reports with reason, date, note and state, the senders reported
 * most, and Withdraw — only after a confirmation — reaching reports.withdraw.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../state/testing/fake-backend';
import { renderApp, useRendererTestEnv } from '../../app/testing/setup';

describe('Reports above the Reported filter', () => {
  useRendererTestEnv();

  it('lists reports and top senders; Withdraw asks first, then calls reports.withdraw', async () => {
    const api = createFakeBackend({ conversations: 20 });
    renderApp(api);
    fireEvent.click(await screen.findByTestId('filter-reported'));
    const rows = await screen.findAllByTestId('report-row');
    expect(rows[0].textContent).toMatch(/Cheap watches.*Active.*Spam Sender · Spam or advertising.*Note: third time/);
    expect(rows[1].textContent).toMatch(/Withdrawn/);
    expect(within(rows[1]).queryByTestId('withdraw-button')).toBeNull();
    expect(screen.getByTestId('reports-top-senders').textContent).toMatch(/Spam Sender.*3×/);

    fireEvent.click(within(rows[0]).getByTestId('withdraw-button'));
    const dialog = await screen.findByTestId('withdraw-dialog');
    expect(api.calls.some((c) => c.name === 'reports.withdraw')).toBe(false); // not before the confirmation
    fireEvent.click(within(dialog).getByTestId('withdraw-confirm'));

    await waitFor(() => expect(api.calls.find((c) => c.name === 'reports.withdraw')?.input).toEqual({ id: 31 }));
    await waitFor(() =>
      expect(within(screen.getAllByTestId('report-row')[0]).queryByTestId('withdraw-button')).toBeNull(),
    );
    expect(screen.getAllByTestId('report-row')[0].textContent).toMatch(/Withdrawn/);
  });
});
