/**
 * The mail history import's state: whether its dialog is open, the running upload and import with the numbers of
 * 'job.progress' and the rate, and the result.
 */
import { create } from 'zustand';
import type { MailImportView } from '../../../../shared/contract';
import { failure } from '../../api/errors';
import { startMailImport } from './api';
import { uploadFile, uploadIdOf } from './upload';

export type MailImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'failed';

interface MailImportState {
  open: boolean;
  phase: MailImportPhase;
  fileName: string;
  size: number;
  sent: number;
  done: number;
  total: number;
  /** Messages per second since the import began (not counting what an earlier, stopped run did). */
  rate: number;
  result: MailImportView | null;
  /** Why there is no result, in the UI's language; `stopped`: the import itself failed, not the file's check. */
  error: string | null;
  stopped: boolean;
  show(): void;
  close(): void;
  reset(): void;
  run(file: File): Promise<void>;
  progress(done: number, total: number): void;
}

let began = { at: 0, done: -1 };

export const useMailImport = create<MailImportState>((set, get) => ({
  open: false,
  phase: 'idle',
  fileName: '',
  size: 0,
  sent: 0,
  done: 0,
  total: 0,
  rate: 0,
  result: null,
  error: null,
  stopped: false,
  show: () => set({ open: true }),
  close: () => set({ open: false }),
  reset: () => set({ phase: 'idle', result: null, error: null, done: 0, total: 0, sent: 0, rate: 0 }),
  progress(done, total) {
    if (get().phase !== 'importing') return;
    const now = performance.now();
    if (began.done < 0) began = { at: now, done };
    const seconds = (now - began.at) / 1000;
    set({ done, total, rate: seconds > 0.2 ? Math.round((done - began.done) / seconds) : get().rate });
  },
  async run(file) {
    if (get().phase === 'uploading' || get().phase === 'importing') return;
    set({
      open: true,
      phase: 'uploading',
      fileName: file.name,
      size: file.size,
      sent: 0,
      result: null,
      error: null,
      stopped: false,
    });
    set({ done: 0, total: 0, rate: 0 });
    try {
      const uploadId = uploadIdOf(file);
      await uploadFile(file, uploadId, (sent) => set({ sent }));
      began = { at: 0, done: -1 };
      set({ phase: 'importing' });
      const result = await startMailImport({ uploadId, fileName: file.name, size: file.size });
      set({ phase: 'done', result, done: result.done, total: result.total });
    } catch (err) {
      set({ phase: 'failed', error: failure(err).message, stopped: true });
    }
  },
}));
