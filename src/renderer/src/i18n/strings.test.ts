// Every UI string is an ICU message: it parses in both languages, both languages take the same placeholders, and a
// string without placeholders reads the same through `format` as it is written (no brace or quote is eaten).
import { describe, expect, it } from 'vitest';
import { RULE_TEXT } from '../../../shared/rules';
import type { Language } from '../../../shared/domain';
import { compile, format, type Strings } from './index';

declare global {
  interface ImportMeta {
    glob(pattern: string | string[], options: { eager: true }): Record<string, Record<string, unknown>>;
  }
}

type MessageFormatElement = ReturnType<ReturnType<typeof compile>['getAst']>[number];

/** The ICU element kinds that name a placeholder (argument, number, date, time), by how they show their value. */
const NAMED = new Map([
  [1, ''],
  [2, ' (number)'],
  [3, ' (date)'],
  [4, ' (time)'],
]);

const modules = import.meta.glob(['../**/*strings*.ts', '../**/*-words.ts', '!../**/*.test.ts'], {
  eager: true,
}) as Record<string, Record<string, unknown>>;

function isStrings(value: unknown): value is Strings {
  if (!value || typeof value !== 'object') return false;
  const entries = Object.values(value as Record<string, unknown>);
  return (
    entries.length > 0 &&
    entries.every(
      (e) =>
        !!e &&
        typeof e === 'object' &&
        typeof (e as Record<string, unknown>).de === 'string' &&
        typeof (e as Record<string, unknown>).en === 'string',
    )
  );
}

const tables: [string, Strings][] = [];
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) if (isStrings(value)) tables.push([`${file}#${name}`, value]);
}

/** The placeholders a message takes, with their kind: `count (plural)` in German asks for a plural in English too. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if ('options' in e) {
      into.add(`${e.value} (${'pluralType' in e ? 'plural' : 'select'})`);
      for (const option of Object.values(e.options)) placeholders(option.value, into);
    } else if (NAMED.has(e.type) && 'value' in e) into.add(`${String(e.value)}${NAMED.get(e.type)}`);
    else if ('children' in e) placeholders(e.children, into);
  }
  return into;
}

describe('UI strings', () => {
  it('finds the strings modules', () => {
    expect(tables.length).toBeGreaterThan(25);
  });

  for (const [where, strings] of tables) {
    it(`${where}: every string parses as ICU in German and English with the same placeholders`, () => {
      const problems: string[] = [];
      for (const [key, pair] of Object.entries(strings)) {
        const found: Partial<Record<Language, string[]>> = {};
        for (const language of ['de', 'en'] as const) {
          if (!pair[language].trim()) problems.push(`${key}.${language} is empty`);
          try {
            found[language] = [...placeholders(compile(pair[language], language).getAst())].sort();
          } catch (e) {
            problems.push(`${key}.${language} does not parse: ${(e as Error).message}: ${pair[language]}`);
          }
        }
        if (found.de && found.en && found.de.join() !== found.en.join())
          problems.push(`${key}: de takes {${found.de.join(', ')}}, en takes {${found.en.join(', ')}}`);
        for (const language of ['de', 'en'] as const) {
          if (
            found[language]?.length === 0 &&
            !/'[{}#']/.test(pair[language]) &&
            format(pair[language], {}, language) !== pair[language]
          )
            problems.push(`${key}.${language} reads differently through format: ${pair[language]}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('the rules are shown as written (no placeholder, no ICU quoting)', () => {
    for (const [rule, text] of Object.entries(RULE_TEXT))
      for (const language of ['de', 'en'] as const)
        expect(format(text[language], {}, language), rule).toBe(text[language]);
  });
});
