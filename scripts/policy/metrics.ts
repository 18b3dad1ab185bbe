/** Scores of a labeled run, printed as Markdown tables. */
import { NECESSARY_CATEGORIES } from '../../src/shared/domain.js';
import type { Language, MessageCategory } from '../../src/shared/domain.js';
import { LABELS } from './learn.js';

export interface Scored {
  gold: MessageCategory;
  predicted: MessageCategory;
  lang: Language;
}

const necessary = (c: MessageCategory) => NECESSARY_CATEGORIES.includes(c);
const pct = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));

export interface Summary {
  n: number;
  accuracy: number;
  necessary: number;
  recall: Record<string, number>;
  precision: Record<string, number>;
}

export function summarize(rows: Scored[]): Summary {
  const recall: Record<string, number> = {};
  const precision: Record<string, number> = {};
  for (const label of LABELS) {
    const gold = rows.filter((r) => r.gold === label);
    const said = rows.filter((r) => r.predicted === label);
    recall[label] = gold.filter((r) => r.predicted === label).length / gold.length;
    precision[label] = said.filter((r) => r.gold === label).length / said.length;
  }
  return {
    n: rows.length,
    accuracy: rows.filter((r) => r.gold === r.predicted).length / rows.length,
    necessary: rows.filter((r) => necessary(r.gold) === necessary(r.predicted)).length / rows.length,
    recall,
    precision,
  };
}

export function report(title: string, rows: Scored[]): string {
  const all = summarize(rows);
  const de = summarize(rows.filter((r) => r.lang === 'de'));
  const en = summarize(rows.filter((r) => r.lang === 'en'));
  const lines = [
    `### ${title}`,
    '',
    '| | all | de | en |',
    '|---|---:|---:|---:|',
    `| messages | ${all.n} | ${de.n} | ${en.n} |`,
    `| category accuracy | ${pct(all.accuracy)} | ${pct(de.accuracy)} | ${pct(en.accuracy)} |`,
    `| necessary vs not | ${pct(all.necessary)} | ${pct(de.necessary)} | ${pct(en.necessary)} |`,
    '',
    '| category | precision | recall | recall de | recall en |',
    '|---|---:|---:|---:|---:|',
    ...LABELS.map(
      (l) =>
        `| ${l} | ${pct(all.precision[l])} | ${pct(all.recall[l])} | ${pct(de.recall[l])} | ${pct(en.recall[l])} |`,
    ),
    '',
    `Confusion (rows: true label, columns: predicted; ${LABELS.map((l, i) => `${i + 1} = ${l}`).join(', ')})`,
    '',
    `| | ${LABELS.map((_, i) => i + 1).join(' | ')} |`,
    `|---|${LABELS.map(() => '---:').join('|')}|`,
    ...LABELS.map(
      (g, i) =>
        `| ${i + 1} ${g} | ${LABELS.map((p) => rows.filter((r) => r.gold === g && r.predicted === p).length).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
