/**
 * The page's side of the spell checker: one worker (spell.worker.ts), started on the first check so the inbox's first
 * paint never waits for it; the dictionaries' URLs are Vite assets of our own origin (no download from the network).
 */
import deAff from '../../../../../node_modules/dictionary-de/index.aff?url';
import deDic from '../../../../../node_modules/dictionary-de/index.dic?url';
import enAff from '../../../../../node_modules/dictionary-en/index.aff?url';
import enDic from '../../../../../node_modules/dictionary-en/index.dic?url';
import type { Language } from '../../../../shared/domain';

export interface SpellChecker {
  /** The words among `words` neither dictionary knows. */
  misspelled(words: string[]): Promise<string[]>;
  suggest(word: string): Promise<string[]>;
}

const DICTIONARIES = { de: { aff: deAff, dic: deDic }, en: { aff: enAff, dic: enDic } };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();

function ask<T>(message: Record<string, unknown>, language: Language): Promise<T> {
  if (!worker) {
    worker = new Worker(new URL('./spell.worker.ts', import.meta.url), { type: 'module' });
    const order: Language[] = language === 'de' ? ['de', 'en'] : ['en', 'de'];
    worker.postMessage({ type: 'init', dictionaries: order.map((l) => DICTIONARIES[l]) });
    worker.onmessage = (event: MessageEvent<{ id: number; error?: string }>) => {
      const pending = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.error) pending?.reject(new Error(event.data.error));
      else pending?.resolve(event.data);
    };
  }
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    worker!.postMessage({ ...message, id });
  });
}

/** The shipped-dictionary checker; `language` orders the suggestions (the seller's language first). */
export function workerChecker(language: () => Language): SpellChecker {
  return {
    misspelled: async (words) =>
      words.length === 0 ? [] : (await ask<{ misspelled: string[] }>({ type: 'check', words }, language())).misspelled,
    suggest: async (word) => (await ask<{ suggestions: string[] }>({ type: 'suggest', word }, language())).suggestions,
  };
}
