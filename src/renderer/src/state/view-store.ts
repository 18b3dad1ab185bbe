/**
 * Which view fills the middle and right panes: the inbox (list + conversation) or one of the
 * seller's overviews from the nav (Orders, Performance). Kept apart from the inbox store so a
 * view switch never drops the list the seller was in.
 */
import { create } from 'zustand';
import { useInbox } from './inbox-store';

export type View = 'inbox' | 'orders' | 'performance';

interface ViewState {
  view: View;
  show(view: View): void;
}

export const useView = create<ViewState>((set) => ({
  view: 'inbox',
  show: (view) => set({ view }),
}));

/** From an order, a late message or a report: back to the inbox with that conversation open. */
export function openConversation(id: number): void {
  useView.getState().show('inbox');
  useInbox.getState().select(id);
}
