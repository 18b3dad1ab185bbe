/**
 * Every UI string exists in German and English. A feature declares its strings beside its
 * components with `defineStrings` (the type demands both languages) and reads them with
 * `useStrings`, which follows the UI language the seller chose.
 */
import { create } from 'zustand';
import type { Language } from '../../../shared/domain';

export type Strings = Record<string, Record<Language, string>>;

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

/** The UI language; the app sets it from the stored settings at start and when they change. */
export const useLanguage = create<LanguageState>((set) => ({
  language: globalThis.navigator?.language?.toLowerCase().startsWith('de') ? 'de' : 'en',
  setLanguage: (language) => set({ language }),
}));

export function defineStrings<S extends Strings>(strings: S): S {
  return strings;
}

/** `{name}` placeholders are replaced by `vars.name`. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export type Translate<S extends Strings> = (key: keyof S & string, vars?: Record<string, string | number>) => string;

export function translate<S extends Strings>(strings: S, language: Language): Translate<S> {
  return (key, vars) => format(strings[key][language], vars);
}

/** A translator for one feature's strings in the current UI language. */
export function useStrings<S extends Strings>(strings: S): Translate<S> {
  const language = useLanguage((s) => s.language);
  return translate(strings, language);
}
