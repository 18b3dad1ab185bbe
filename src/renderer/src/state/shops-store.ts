/**
 * Which shop the window shows, and every shop with its "response needed" count for the top bar's switcher. Choosing
 * one asks the backend (the choice is kept across restarts) and starts the inbox over; the overviews remount on the
 * status's `shop` (Shell).
 */
import { create } from 'zustand';
import type { AppStatus, ShopSelection, ShopView } from '../../../shared/contract';
import { failure } from '../api/errors';
import { call } from './backend';
import { useInbox } from './inbox-store';
import { useAppStatus } from './status-store';

interface ShopsState {
  shops: ShopView[];
  error: string | null;
  refresh(): Promise<void>;
  select(shop: ShopSelection): Promise<void>;
  /** The backend shows another shop now (`status.shop`: a new one was set up): the window follows. */
  adopt(status: AppStatus): Promise<void>;
}

export const useShops = create<ShopsState>((set, get) => ({
  shops: [],
  error: null,

  async refresh() {
    try {
      set({ shops: (await call('shops.list', {})).shops, error: null });
    } catch (error) {
      set({ error: failure(error).message });
    }
  },

  async select(shop) {
    let status: AppStatus;
    try {
      status = await call('shops.select', { shop });
    } catch (error) {
      set({ error: failure(error).message });
      return;
    }
    await get().adopt(status);
  },

  async adopt(status) {
    useAppStatus.getState().applyStatus(status);
    const inbox = useInbox.getState();
    inbox.setFilter(inbox.filter); // the same filter, this shop's rows; the open conversation closes
    await Promise.all([inbox.refreshCounts(), get().refresh()]);
  },
}));
