/** Every failure the backend or a transport can give has words in both UI languages. */
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODE_LIST,
  ERROR_KEYS,
  ERROR_KEY_LIST,
  PARAM_WORD_KEYS,
  TRANSPORT_ERROR_CODES,
} from '../../../shared/errors';
import { codeStrings, keyStrings, paramStrings } from './error-strings';

const LANGUAGES = ['de', 'en'] as const;
const placeholders = (words: string) => [...words.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe('error words', () => {
  it('has German and English words for every ERROR_CODES code and every transport code', () => {
    for (const code of [...ERROR_CODE_LIST, ...TRANSPORT_ERROR_CODES]) {
      for (const language of LANGUAGES) {
        expect(codeStrings[code]?.[language], `${code} (${language})`).toMatch(/\S/);
      }
    }
  });

  it('has German and English words for every message key, using only the params the key names', () => {
    expect(Object.keys(keyStrings).sort()).toEqual([...ERROR_KEY_LIST].sort());
    for (const key of ERROR_KEY_LIST) {
      const params: readonly string[] = ERROR_KEYS[key];
      for (const language of LANGUAGES) {
        const words = keyStrings[key][language];
        expect(words, `${key} (${language})`).toMatch(/\S/);
        for (const name of placeholders(words)) expect(params, `${key} (${language}) uses {${name}}`).toContain(name);
      }
    }
  });

  it('has German and English words for every param value that is a word key', () => {
    expect(Object.keys(paramStrings).sort()).toEqual([...PARAM_WORD_KEYS].sort());
    for (const key of PARAM_WORD_KEYS)
      for (const language of LANGUAGES) expect(paramStrings[key][language], `${key} (${language})`).toMatch(/\S/);
  });
});
