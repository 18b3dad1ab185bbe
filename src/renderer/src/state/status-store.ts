/**
 * What the app knows about itself: first run or not, the relay's state (the dot in the top
 * bar), and the seller's UI settings, which set the theme and language of the whole window.
 * Settings and first run call `applyStatus` with the AppStatus their calls return.
 */
import { create } from 'zustand';
import type { AppStatus, IntakeStatus, RelayStatus, Theme } from '../../../shared/contract';
import { useLanguage } from '../i18n';
import { failure } from '../api/errors';
import { call } from './backend';

interface AppStatusState {
  status: AppStatus | null;
  error: string | null;
  load(): Promise<void>;
  applyStatus(status: AppStatus): void;
  setRelayStatus(relayStatus: RelayStatus): void;
  /** One mailbox of the IMAP intake changed state ('intake.status'); a removed one is dropped by `dropIntake`. */
  setIntakeStatus(intake: IntakeStatus): void;
  dropIntake(accountId: number): void;
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export const useAppStatus = create<AppStatusState>((set, get) => ({
  status: null,
  error: null,

  async load() {
    try {
      get().applyStatus(await call('app.status', {}));
    } catch (error) {
      set({ error: failure(error).message });
    }
  },

  applyStatus(status) {
    applyTheme(status.ui.theme);
    useLanguage.getState().setLanguage(status.ui.language);
    document.documentElement.lang = status.ui.language;
    set({ status, error: null });
  },

  setRelayStatus(relayStatus) {
    const { status } = get();
    if (status) set({ status: { ...status, relayStatus } });
  },

  setIntakeStatus(intake) {
    const { status } = get();
    if (!status) return;
    const others = (status.intake ?? []).filter((s) => s.accountId !== intake.accountId);
    set({ status: { ...status, intake: [...others, intake].sort((a, b) => a.accountId - b.accountId) } });
  },

  dropIntake(accountId) {
    const { status } = get();
    if (status) set({ status: { ...status, intake: (status.intake ?? []).filter((s) => s.accountId !== accountId) } });
  },
}));
