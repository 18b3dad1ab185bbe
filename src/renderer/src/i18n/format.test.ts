// @vitest-environment jsdom
// `format` speaks ICU MessageFormat in the UI language: real plurals, `{name}` placeholders as before, counts grouped
// the language's way while a port or a year stays as written; and the page's `lang` follows the chosen language.
import { afterEach, describe, expect, it } from 'vitest';
import { defineStrings, format, translate, useLanguage } from './index';

const strings = defineStrings({
  conversations: {
    de: '{count, plural, one {# Unterhaltung} other {# Unterhaltungen}}',
    en: '{count, plural, one {# conversation} other {# conversations}}',
  },
  port: { de: 'Läuft auf Port {port} seit {year}', en: 'Runs on port {port} since {year}' },
});

afterEach(() => useLanguage.getState().setLanguage('en'));

describe('format', () => {
  it('says "1 Unterhaltung" and "2 Unterhaltungen", "1 conversation" and "2 conversations"', () => {
    const de = translate(strings, 'de');
    const en = translate(strings, 'en');
    expect(de('conversations', { count: 1 })).toBe('1 Unterhaltung');
    expect(de('conversations', { count: 2 })).toBe('2 Unterhaltungen');
    expect(de('conversations', { count: 1234 })).toBe('1.234 Unterhaltungen');
    expect(en('conversations', { count: 1 })).toBe('1 conversation');
    expect(en('conversations', { count: 0 })).toBe('0 conversations');
    expect(en('conversations', { count: 1234 })).toBe('1,234 conversations');
  });

  it('fills `{name}` placeholders as before and leaves a port or a year without a thousands separator', () => {
    expect(translate(strings, 'de')('port', { port: 2525, year: 2026 })).toBe('Läuft auf Port 2525 seit 2026');
    expect(format('Hello {name}, {missing}', { name: 'Lukas' }, 'en')).toBe('Hello Lukas, {missing}');
    expect(format("the buyer's '{'buyerName'}'", undefined, 'en')).toBe("the buyer's {buyerName}");
  });

  it('follows the UI language and marks the page with it', () => {
    useLanguage.getState().setLanguage('de');
    expect(format(strings.conversations.de, { count: 1 })).toBe('1 Unterhaltung');
    expect(document.documentElement.lang).toBe('de');
    useLanguage.getState().setLanguage('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
