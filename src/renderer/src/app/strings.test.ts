// @vitest-environment jsdom
/** Every UI string table of the renderer has each text in German and English, with the same placeholders. */
import { describe, expect, it } from 'vitest';

declare global {
  interface ImportMeta {
    glob(pattern: string | string[], options: { eager: true }): Record<string, Record<string, unknown>>;
  }
}

type Table = Record<string, { de: string; en: string }>;

const modules = import.meta.glob(['../**/strings.ts', '../**/*-strings.ts', '../api/errors.ts'], { eager: true });
const tables: [string, Table][] = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => name.endsWith('Strings'))
    .map(([name, table]) => [`${file} ${name}`, table as Table] as [string, Table]),
);

const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(tables)('%s', (_name, table) => {
  it('has a German and an English text for every key, with the same placeholders', () => {
    for (const [key, texts] of Object.entries(table)) {
      expect(texts.de.trim(), `${key} (de)`).not.toBe('');
      expect(texts.en.trim(), `${key} (en)`).not.toBe('');
      expect(vars(texts.de), key).toEqual(vars(texts.en));
    }
  });
});

it('finds the tables of the shell, the ui and every feature', () => {
  expect(tables.length).toBeGreaterThan(15);
});
