/**
 * Every UI string exists in German and English. A feature declares its strings beside its
 * components with `defineStrings` (the type demands both languages) and reads them with
 * `useStrings`, which follows the UI language the seller chose.
 *
 * Strings are ICU MessageFormat (intl-messageformat): `{name}` is a placeholder, a count is written
 * `{count, plural, one {# Unterhaltung} other {# Unterhaltungen}}`, and a literal brace is quoted: `'{'buyerName'}'`.
 * A plain `{name}` shows its value as given, so a port, a year or an order number never gets a thousands separator;
 * a plural's `#` and `{name, number}` are grouped the language's way (1.234 in German): use them for counts only.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { create } from 'zustand';
import type { Language } from '../../../shared/domain';

export type Strings = Record<string, Record<Language, string>>;

/** The values a string's placeholders take: a plain `{name}` shows its value as given, number or string. */
export type Vars = Record<string, string | number>;

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

/** The locale a language's numbers, plurals and dates follow. */
export const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/** The `lang` of the page, so screen readers, hyphenation and the spell checker follow the UI language. */
function markDocument(language: Language): void {
  const root = globalThis.document?.documentElement;
  if (root) root.lang = language;
}

/** The UI language; the app sets it from the stored settings at start and when they change. */
export const useLanguage = create<LanguageState>((set) => {
  const initial: Language = globalThis.navigator?.language?.toLowerCase().startsWith('de') ? 'de' : 'en';
  markDocument(initial);
  return {
    language: initial,
    setLanguage: (language) => {
      markDocument(language);
      set({ language });
    },
  };
});

export function defineStrings<S extends Strings>(strings: S): S {
  return strings;
}

const compiled = new Map<string, IntlMessageFormat>();

// Every message resolves its locale (Intl.NumberFormat.supportedLocalesOf: slow, and on the first call it loads the
// list of every locale the browser has, tens of milliseconds of the first screen). Ours are the two of LOCALE, which
// every browser supports: their Intl.Locale is made once each, without asking.
const resolveLocale = IntlMessageFormat.resolveLocale;
const ours = new Map<string, Intl.Locale>(Object.values(LOCALE).map((tag) => [tag, new Intl.Locale(tag)]));
IntlMessageFormat.resolveLocale = (locales) =>
  (typeof locales === 'string' ? ours.get(locales) : undefined) ?? resolveLocale(locales);

/** Number, date and plural formatters shared by every message (each would otherwise build its own). */
function memo<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(...args)));
    return value;
  };
}
const formatters = {
  getNumberFormat: memo((...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args)),
  getDateTimeFormat: memo(
    (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  ),
  getPluralRules: memo((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
};

/** A template without braces or quotes is its own text in every language: no message to compile or format. */
const PLAIN = /^[^{}']*$/;

/** The compiled message for a template in a language, compiled once and kept. */
export function compile(template: string, language: Language): IntlMessageFormat {
  const key = `${language}\u0000${template}`;
  let message = compiled.get(key);
  if (!message) {
    message = new IntlMessageFormat(template, LOCALE[language], undefined, { ignoreTag: true, formatters });
    compiled.set(key, message);
  }
  return message;
}

/**
 * A template in a language with its placeholders filled. A template that does not parse, or a placeholder without
 * a value, leaves the `{name}` text in place (as before ICU) rather than breaking the screen; the strings test keeps
 * every template parsing.
 */
export function format(template: string, vars?: Vars, language: Language = useLanguage.getState().language): string {
  if (PLAIN.test(template)) return template;
  try {
    const out = compile(template, language).format(vars);
    return Array.isArray(out) ? out.join('') : String(out);
  } catch {
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
  }
}

export type Translate<S extends Strings> = (key: keyof S & string, vars?: Vars) => string;

export function translate<S extends Strings>(strings: S, language: Language): Translate<S> {
  return (key, vars) => format(strings[key][language], vars, language);
}

/** A translator for one feature's strings in the current UI language. */
export function useStrings<S extends Strings>(strings: S): Translate<S> {
  const language = useLanguage((s) => s.language);
  return translate(strings, language);
}
