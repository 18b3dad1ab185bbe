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
  /** The code of the failure in `error` (ETOKEN: the web bridge's link is missing its token or is an old one). */
  errorCode: string | null;
  /** The message key of that failure, when the backend sent one ('bridge.tokenStale'). */
  errorKey: string | null;
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
  errorCode: null,
  errorKey: null,

  async load() {
    try {
      get().applyStatus(await call('app.status', {}));
    } catch (error) {
      const f = failure(error);
      set({ error: f.message, errorCode: f.code, errorKey: f.key ?? null });
    }
  },

  applyStatus(status) {
    applyTheme(status.ui.theme);
    // Before any shop and any choice, the backend's language is only a default: the system's (navigator.language,
    // the app's locale in Electron) stays, and first run stores it.
    const keepSystem = status.firstRun && status.ui.languageChosen === false;
    const language = keepSystem ? useLanguage.getState().language : status.ui.language;
    useLanguage.getState().setLanguage(language);
    document.documentElement.lang = language;
    set({ status, error: null, errorCode: null, errorKey: null });
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
