// Results files of a study: one column per experiment, one row per repeat (test RMSE), as in the
// published study; and reading them back for `rnnfc compare A.csv B.csv`.
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.js';
import { csv } from '../render/format.js';

export function resultsCsv(groups: { name: string; values: (number | null)[] }[]): string {
  const rows = Math.max(0, ...groups.map((g) => g.values.length));
  return csv(
    groups.map((g) => g.name),
    Array.from({ length: rows }, (_, r) => groups.map((g) => g.values[r] ?? null)),
  );
}

/** Experiments from a results file: each column an experiment; a single column is named after the file. */
export function readResultsCsv(text: string, file: string): { name: string; values: (number | null)[] }[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (e) {
    throw new DataError(`${file}: not a results CSV (${(e as Error).message.split('\n')[0]})`);
  }
  if (records.length < 2) throw new DataError(`${file}: a results file needs a header row and at least one row of values`);
  const [header, ...rows] = records as [string[], ...string[][]];
  const groups = header.map((name, c) => ({
    name: header.length === 1 ? path.basename(file).replace(/\.[^.]*$/, '') : name || `column ${c + 1}`,
    values: rows.map((row, r) => {
      const cell = row[c] ?? '';
      if (cell === '') return null;
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new DataError(`${file}:${r + 2}: column "${name}": "${cell}" is not a number`);
      return v;
    }),
  }));
  return groups;
}
