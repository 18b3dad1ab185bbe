/**
 * The pure parts of saved replies in the composer: which templates match the filter (the shop's language first), where
 * a filled text goes in the body (at the caret, the signature and a reply's quote stay below), and the signature a new
 * message starts with; and the picker's state (open, the variables the last insertion left unfilled).
 */
import { create } from 'zustand';
import type { TemplateVariable, TemplateView } from '../../../../shared/contract';
import type { Language } from '../../../../shared/domain';

/** Matches name, subject and text, word by word, ignoring case and accents. */
export function filterTemplates(templates: TemplateView[], query: string, language: Language): TemplateView[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  const matching = templates.filter((t) => {
    const text = fold(`${t.name} ${t.subject} ${t.body}`);
    return words.every((w) => text.includes(w));
  });
  // The shop's language first, then by name (the backend's order), stable.
  return [...matching].sort((a, b) => Number(b.language === language) - Number(a.language === language));
}

/** Puts `text` into `body` at `caret` with a blank line before and after where it meets other text. */
export function insertAt(body: string, caret: number, text: string): { body: string; caret: number } {
  const at = Math.max(0, Math.min(caret, body.length));
  const before = body.slice(0, at);
  const after = body.slice(at);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail = after === '' || after.startsWith('\n') ? '' : '\n';
  const inserted = `${lead}${text}${tail}`;
  return { body: before + inserted + after, caret: before.length + lead.length + text.length };
}

/** The signature under a new message: the usual "-- " line, so the policy and mail clients know it for one. */
export function withSignature(body: string, signature: string): string {
  if (!signature.trim()) return body;
  return `${body}\n\n-- \n${signature}`;
}

interface PickerState {
  open: boolean;
  missing: TemplateVariable[];
  show(): void;
  hide(): void;
  setMissing(missing: TemplateVariable[]): void;
}

export const useTemplatePicker = create<PickerState>((set) => ({
  open: false,
  missing: [],
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  setMissing: (missing) => set({ missing }),
}));

/** Ctrl+Shift+E (⌘+Shift+E): the composer's keystroke for the picker. */
export function isPickerKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}) {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'e';
}
