/**
 * What nspell leaves out of Hunspell for a compounding language such as German, added over nspell's own tables:
 *
 * - Compounds. Hunspell builds "Lieferadresse" from "Liefer" (COMPOUNDBEGIN) and "adresse" (COMPOUNDEND); nspell
 *   knows only COMPOUNDRULE, and the dictionary lists few compounds whole, so most were flagged. A word is accepted
 *   when it splits into 2–4 parts of at least 3 letters: the last a known noun when the compound is capitalised
 *   ("Adresse", "Adressen"), a listed word of at least 4 letters when not ("frei"); each earlier part a noun or the
 *   dictionary's compound form ("Liefer", "Zahlungs"), a noun with its linking "s" or "n" ("Bestätigungs",
 *   "Seiten"), or the stem (4+ letters) of a verb the dictionary lists ("Bestell" of "bestellen"). A noun ending in
 *   -ung/-heit/-keit/-schaft/-ion/-tät/-ling/-tum needs its "s" ("Sendungnummer" stays a typo).
 * - Homonyms. A dictionary may list a word twice, once for itself and once as a compound-only end form ("nennen/BDIXW"
 *   and "nennen/SJozm"); nspell merges the two entries' flags, so ONLYINCOMPOUND rejected the word on its own. The
 *   same when a word's form is another entry's compound-only end: "bitte" of "bitten" and of "Bitte" ("Dankesbitte").
 * - Hyphens. As Hunspell's default BREAK, a hyphenated word is right when each piece is ("E-Mail", "Holz-Werkstatt").
 *
 * Only for dictionaries that declare compounding (COMPOUNDBEGIN or COMPOUNDFLAG); a forbidden word stays wrong.
 */

/** The parts of an nspell instance this reads (nspell's own fields, not in its typings). */
export interface NSpellTables {
  correct(word: string): boolean;
  data: Record<string, string[]>;
  flags: Record<string, unknown>;
  compoundRuleCodes: Record<string, string[]>;
  rules: Record<string, AffixRule>;
}

interface AffixRule {
  type: 'PFX' | 'SFX';
  entries: { add: string; remove: RegExp | ''; match: RegExp | ''; continuation: string[] }[];
}

const MIN_PART = 3;
/** A verb's stem inside a compound ("Bestell", "Schneide") is at least this long: "Hau", "Lief" make typos words. */
const MIN_STEM = 4;
const MAX_PARTS = 4;
/** The endings after which German links with an "s" ("Sendungsnummer", "Sicherheitshinweis", "Qualitätsholz"). */
const LINKING_S = /\p{L}{2}(?:ung|heit|keit|schaft|ion|tät|ling|tum)$/u;

/** A checker that also accepts the dictionary's compounds and homonyms; `dic` is the .dic text nspell was given. */
export function compoundAware(speller: NSpellTables, dic: string): (word: string) => boolean {
  const flags = speller.flags;
  const data = speller.data;
  const onlyInCompound = typeof flags.ONLYINCOMPOUND === 'string' ? flags.ONLYINCOMPOUND : null;
  const forbidden = typeof flags.FORBIDDENWORD === 'string' ? flags.FORBIDDENWORD : null;
  const compounding = typeof flags.COMPOUNDBEGIN === 'string' || typeof flags.COMPOUNDFLAG === 'string';

  const { roots, standalone } = readDic(dic, speller, onlyInCompound);
  const known = (w: string): boolean => w in data && (forbidden === null || !data[w]!.includes(forbidden));
  const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
  const lower = (w: string): string => w.toLowerCase();

  /**
   * A part before the last, as a noun or the dictionary's compound form ("Liefer", "Zahlungs"), a noun with a linking
   * "s" or "n" ("Sendungs", "Seiten"), or a verb's stem whose infinitive the dictionary lists ("Bestell").
   */
  function stem(part: string): boolean {
    const noun = capital(part);
    // "Sendung" links with an "s" ("Sendungsnummer"): "Sendungnummer" is a typo, not a compound.
    if (known(noun)) return !LINKING_S.test(noun);
    const base = noun.slice(0, -1);
    if (base.length >= MIN_PART && noun.endsWith('s') && LINKING_S.test(base) && known(base)) return true;
    if (base.length >= MIN_PART && noun.endsWith('en') && known(base)) return true;
    const verb = lower(part);
    return part.length >= MIN_STEM && (roots.has(verb + 'en') || roots.has(verb + 'n'));
  }

  /** The last part: a noun for a capitalised compound ("Adressen"), else a listed lowercase word ("frei"). */
  function end(part: string, capitalised: boolean): boolean {
    return capitalised ? known(capital(part)) : part.length >= MIN_STEM && roots.has(part);
  }

  function splits(word: string, from: number, parts: number, capitalised: boolean): boolean {
    if (from > 0 && end(word.slice(from), capitalised)) return true;
    if (parts >= MAX_PARTS) return false;
    for (let to = from + MIN_PART; to <= word.length - MIN_PART; to++) {
      if (stem(word.slice(from, to)) && splits(word, to, parts + 1, capitalised)) return true;
    }
    return false;
  }

  function compound(word: string): boolean {
    if (!compounding || word.length < 2 * MIN_PART || !/^\p{L}+$/u.test(word)) return false;
    if (forbidden !== null && (data[word] ?? []).includes(forbidden)) return false;
    const capitalised = word.charAt(0) !== lower(word.charAt(0));
    if (capitalised && word.slice(1) !== lower(word.slice(1))) return false;
    return splits(word, 0, 1, capitalised);
  }

  function correct(word: string): boolean {
    return speller.correct(word) || standalone.has(word) || standalone.has(lower(word)) || compound(word);
  }

  /** A hyphenated word's pieces; a single letter ("E-Mail") counts as right, as the composer skips them alone. */
  return (word) =>
    correct(word) ||
    (word.includes('-') && word.split('-').every((piece) => piece.length === 1 || (piece !== '' && correct(piece))));
}

/**
 * The .dic's own words (not the forms nspell derived from them), and the compound-only entries the dictionary also
 * has on their own: listed twice, or a form of another, lowercase entry (nspell keeps one flag set per spelling).
 */
function readDic(
  dic: string,
  speller: NSpellTables,
  onlyInCompound: string | null,
): { roots: Set<string>; standalone: Set<string> } {
  const compoundOnly = new Set(onlyInCompound ? (speller.compoundRuleCodes[onlyInCompound] ?? []) : []);
  const needAffix = typeof speller.flags.NEEDAFFIX === 'string' ? speller.flags.NEEDAFFIX : null;
  const roots = new Set<string>();
  const standalone = new Set<string>();
  for (const line of dic.split('\n')) {
    const slash = line.indexOf('/');
    const word = (slash < 0 ? line : line.slice(0, slash)).trim();
    const codes = slash < 0 ? '' : line.slice(slash + 1).split(/\s/)[0]!;
    if (onlyInCompound !== null && codes.includes(onlyInCompound)) continue;
    if (needAffix === null || !codes.includes(needAffix)) {
      roots.add(word);
      if (compoundOnly.has(word)) standalone.add(word);
    }
    // Only a lowercase entry's forms can be a compound's lowercase end ("bitten" → "bitte").
    if (
      onlyInCompound !== null &&
      compoundOnly.size > 0 &&
      word !== '' &&
      word.charAt(0) === word.charAt(0).toLowerCase()
    ) {
      for (const code of codes) {
        const rule = speller.rules[code];
        if (rule)
          for (const form of forms(word, rule, speller.rules, onlyInCompound))
            if (compoundOnly.has(form)) standalone.add(form);
      }
    }
  }
  return { roots, standalone };
}

/** The forms `rule` makes of `word` that may stand alone, with their continuation rules' (as nspell's expansion). */
function forms(
  word: string,
  rule: AffixRule,
  rules: Record<string, AffixRule>,
  onlyInCompound: string,
  out: string[] = [],
): string[] {
  for (const entry of rule.entries) {
    if ((entry.match && !entry.match.test(word)) || entry.continuation.includes(onlyInCompound)) continue;
    const stem = entry.remove ? word.replace(entry.remove, '') : word;
    const form = rule.type === 'SFX' ? stem + entry.add : entry.add + stem;
    out.push(form);
    for (const code of entry.continuation) {
      const next = rules[code];
      if (next) forms(form, next, rules, onlyInCompound, out);
    }
  }
  return out;
}
