// Reads a CSV (or stdin) and parses the series, with the file's sha256 for the model record.
import { createHash } from 'node:crypto';
import { parseSeries, readInput, type Series } from './csv-loader.js';
import type { RunSettings } from '../options/train-options.js';

export interface LoadedSeries {
  series: Series;
  sha256: string;
}

export async function loadSeries(
  file: string,
  settings: Pick<RunSettings, 'column' | 'timeColumn' | 'missing'> & { preferTimeFormat?: string },
): Promise<LoadedSeries> {
  const input = await readInput(file);
  const { column, timeColumn, missing, preferTimeFormat } = settings;
  const series = parseSeries(input, file, { column, timeColumn, missing, preferTimeFormat });
  return { series, sha256: createHash('sha256').update(input).digest('hex') };
}
