/**
 * The spell checker of the browser bridge (the desktop app uses Chromium's own): nspell over the Hunspell dictionaries
 * shipped with the app (dictionary-de, dictionary-en), bundled by Vite as assets of our own origin and fetched from
 * there, never from the network beyond. Loading German takes seconds, so it happens here, off the page's thread, on the
 * first request.
 */
import nspell from 'nspell';
import { compoundAware, type NSpellTables } from './spell-compound';

type Request = { id: number; type: 'check'; words: string[] } | { id: number; type: 'suggest'; word: string };

export interface Init {
  type: 'init';
  /** The dictionaries, the seller's language first: `{ aff, dic }` URLs of our own origin. */
  dictionaries: { aff: string; dic: string }[];
}

let dictionaries: Init['dictionaries'] = [];
interface Speller {
  speller: ReturnType<typeof nspell>;
  /** nspell's check plus the dictionary's compounds ("Lieferadresse") and homonyms ("nennen"). */
  correct(word: string): boolean;
}

let loaded: Promise<Speller[]> | null = null;

async function text(url: string): Promise<string> {
  // Vite inlines a small file (the English .aff) as a data: URL; the CSP's connect-src does not let fetch read one.
  const inline = /^data:[^,]*;base64,/.exec(url);
  if (inline)
    return new TextDecoder().decode(Uint8Array.from(atob(url.slice(inline[0].length)), (c) => c.charCodeAt(0)));
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.text();
}

function spellers(): Promise<Speller[]> {
  loaded ??= Promise.all(
    dictionaries.map(async (d) => {
      const dic = await text(d.dic);
      const speller = nspell(await text(d.aff), dic);
      return { speller, correct: compoundAware(speller as unknown as NSpellTables, dic) };
    }),
  );
  return loaded;
}

function correct(all: Speller[], word: string): boolean {
  return all.some((s) => s.correct(word));
}

self.onmessage = async (event: MessageEvent<Init | Request>) => {
  const message = event.data;
  if (message.type === 'init') {
    dictionaries = message.dictionaries;
    return;
  }
  try {
    const all = await spellers();
    if (message.type === 'check') {
      const misspelled = [...new Set(message.words)].filter((w) => !correct(all, w));
      self.postMessage({ id: message.id, misspelled });
    } else {
      const suggestions = [...new Set(all.flatMap((s) => s.speller.suggest(message.word)))].slice(0, 6);
      self.postMessage({ id: message.id, suggestions });
    }
  } catch (err) {
    self.postMessage({ id: message.id, error: (err as Error).message });
  }
};
