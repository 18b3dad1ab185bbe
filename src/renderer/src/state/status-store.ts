/**
 * What the app knows about itself: first run or not, the relay's state (the dot in the top
 * bar), and the seller's UI settings, which set the theme and language of the whole window.
 * Settings and first run call `applyStatus` with the AppStatus their calls return.
 */
import { create } from 'zustand';
import type { AppStatus, RelayStatus, Theme } from '../../../shared/contract';
import { useLanguage } from '../i18n';
import { errorText, getApi } from './backend';

interface AppStatusState {
  status: AppStatus | null;
  error: string | null;
  load(): Promise<void>;
  applyStatus(status: AppStatus): void;
  setRelayStatus(relayStatus: RelayStatus): void;
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export const useAppStatus = create<AppStatusState>((set, get) => ({
  status: null,
  error: null,

  async load() {
    try {
      get().applyStatus(await getApi()['app.status']({}));
    } catch (error) {
      set({ error: errorText(error) });
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
}));
