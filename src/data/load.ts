// Reads a CSV (or stdin) and parses the table a run reads, with the file's sha256 for the model record.
import { createHash } from 'node:crypto';
import { readInput } from './csv-loader.js';
import { parseTable } from './table-loader.js';
import type { RunSettings, Table } from '../core/types.js';

export interface LoadedTable {
  table: Table;
  sha256: string;
}

export type TableSettings = Pick<RunSettings, 'target' | 'features' | 'timeColumn' | 'missing'> & { pipeline?: Pick<RunSettings['pipeline'], 'horizon' | 'sequenceColumn'> };

export async function loadTable(file: string, settings: TableSettings): Promise<LoadedTable> {
  const input = await readInput(file);
  const table = parseTable(input, file, {
    target: settings.target,
    features: settings.features,
    timeColumn: settings.timeColumn,
    missing: settings.missing,
    horizon: settings.pipeline?.horizon,
    sequenceColumn: settings.pipeline?.sequenceColumn,
  });
  return { table, sha256: createHash('sha256').update(input).digest('hex') };
}
