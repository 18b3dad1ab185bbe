/**
 * The Orders view's state: the search (R3: order number, buyer name or alias), the page on
 * screen, the running import with its 'job.progress' numbers and its result, and the shipment
 * confirmation (R17) that updates its row in place.
 */
import { create } from 'zustand';
import type { ImportResult, OrderRow, ShipResult } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { importOrders, listOrders, shipOrder } from './api';

export const PAGE = 100; // rows per page: a table the seller scans, not scrolls for ever

export interface ImportState {
  fileName: string;
  running: boolean;
  done: number;
  total: number;
  result: ImportResult | null;
  error: string | null;
}

interface OrdersState {
  query: string;
  offset: number;
  total: number | null;
  rows: OrderRow[];
  error: string | null;
  imp: ImportState | null;

  setQuery(query: string): void;
  page(offset: number): void;
  load(): Promise<void>;
  importFile(fileName: string, dataBase64: string): Promise<void>;
  progress(done: number, total: number): void;
  closeImport(): void;
  ship(orderId: string, carrier: string, tracking: string): Promise<ShipResult>;
}

let asked = 0; // answers to older searches are dropped

export const useOrders = create<OrdersState>((set, get) => ({
  query: '',
  offset: 0,
  total: null,
  rows: [],
  error: null,
  imp: null,

  setQuery(query) {
    set({ query, offset: 0 });
    void get().load();
  },

  page(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },

  async load() {
    const mine = ++asked;
    const { query, offset } = get();
    try {
      const list = await listOrders({ query, offset, limit: PAGE });
      if (mine === asked) set({ total: list.total, rows: list.rows, error: null });
    } catch (error) {
      if (mine === asked) set({ error: failure(error).message });
    }
  },

  async importFile(fileName, dataBase64) {
    set({ imp: { fileName, running: true, done: 0, total: 0, result: null, error: null } });
    try {
      const result = await importOrders({ fileName, dataBase64 });
      set((s) => ({ imp: s.imp && { ...s.imp, running: false, done: result.rows, total: result.rows, result } }));
      await get().load();
    } catch (error) {
      set((s) => ({ imp: s.imp && { ...s.imp, running: false, error: failure(error).message } }));
    }
  },

  progress(done, total) {
    set((s) => (s.imp?.running ? { imp: { ...s.imp, done, total } } : {}));
  },

  closeImport() {
    set({ imp: null });
  },

  async ship(orderId, carrier, tracking) {
    const result = await shipOrder({
      orderId,
      ...(carrier.trim() ? { carrier: carrier.trim() } : {}),
      ...(tracking.trim() ? { tracking: tracking.trim() } : {}),
    });
    set((s) => ({ rows: s.rows.map((r) => (r.orderId === orderId ? result.order : r)) }));
    return result;
  },
}));
