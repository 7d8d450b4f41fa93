// Reads a CSV (or stdin) and parses the table a run reads, with the file's sha256 for the model record.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import { readCsv, readInput } from './csv-loader.js';
import { appendTestTable, parseTable } from './table-loader.js';
import type { RunSettings, Table } from '../core/types.js';

export interface LoadedTable {
  table: Table;
  sha256: string;
}

export type TableSettings = Pick<RunSettings, 'target' | 'features' | 'timeColumn' | 'missing' | 'testFile'> & {
  task?: RunSettings['task'];
  pipeline?: Pick<RunSettings['pipeline'], 'horizon' | 'sequenceColumn' | 'layout'>;
  /** A day/month order to read dates in when the labels leave it open (the model's, at forecast time). */
  preferTimeFormat?: string;
};

/** The table of `file`, followed by that of --test-file when there is one (its rows are the test set). */
export async function loadTable(file: string, settings: TableSettings): Promise<LoadedTable> {
  const input = await readInput(file);
  const read = (bytes: Buffer, name: string) =>
    parseTable(bytes, name, {
      target: settings.target,
      features: settings.features,
      timeColumn: settings.timeColumn,
      preferTimeFormat: settings.preferTimeFormat,
      missing: settings.missing,
      horizon: settings.pipeline?.horizon,
      sequenceColumn: settings.pipeline?.sequenceColumn,
      layout: settings.pipeline?.layout,
      task: settings.task,
    });
  const table = read(input, file);
  const hash = createHash('sha256').update(input);
  if (settings.testFile === undefined) return { table, sha256: hash.digest('hex') };
  const testInput = await readInput(settings.testFile);
  // the columns the training table reads, by name: the test file must have every one
  const header = readCsv(testInput, settings.testFile);
  const needed = [table.target, ...(table.stepColumns ?? table.features), table.timeColumn, table.sequenceColumn].filter((c): c is string => typeof c === 'string');
  const missing = header.hasHeader ? needed.find((c) => !header.columns.includes(c)) : undefined;
  if (missing !== undefined) throw new UsageError(`--test-file ${settings.testFile}: column "${missing}" is missing; it must have the training file's columns`);
  return { table: appendTestTable(table, read(testInput, settings.testFile)), sha256: hash.update(testInput).digest('hex') };
}
