// @vitest-environment jsdom
/** Every UI string of the composer, outbox, drafts, settings and first-run features exists in German and English. */
import { describe, expect, it } from 'vitest';
import { draftsStrings } from '../drafts/strings';
import { firstRunStrings } from '../first-run/strings';
import { outboxStrings } from '../outbox/strings';
import { settingsStrings } from '../settings/strings';
import { dryRunStrings } from './dry-run-strings';
import { composerStrings } from './strings';

const tables = { composerStrings, dryRunStrings, outboxStrings, draftsStrings, settingsStrings, firstRunStrings };

describe.each(Object.entries(tables))('%s', (_name, table) => {
  it('has a German and an English text for every key, with the same placeholders', () => {
    for (const [key, texts] of Object.entries(table) as [string, { de: string; en: string }][]) {
      expect(texts.de.trim(), `${key} (de)`).not.toBe('');
      expect(texts.en.trim(), `${key} (en)`).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(texts.de), key).toEqual(vars(texts.en));
    }
  });
});
