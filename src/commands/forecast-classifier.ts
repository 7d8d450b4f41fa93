// `rnnfc forecast MODEL csv` for a classifier: the class probabilities and the predicted class of
// the CSV's last row (the label of its last window, `horizon` rows ahead, or of the last step of
// its sequence), computed as --stream computes each row's, so that the two always agree.
import { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { BackendChoice, EngineChoice } from '../core/types.js';
import type { ModelMetadata } from '../model-dir/metadata.js';
import { forecastStream, type StreamedRow } from './forecast-stream.js';
import { DataError } from '../errors.js';

export interface ClassForecast {
  classes: string[];
  /** The labelled row: its time label, or its data row number. */
  time: string;
  probabilities: number[];
  predicted: string;
}

export interface ClassifierForecastOptions {
  modelDir: string;
  file?: string;
  engine: EngineChoice;
  backend: BackendChoice;
  timeColumn?: string;
}

export async function forecastClassifier(options: ClassifierForecastOptions, meta: ModelMetadata): Promise<{ forecast: ClassForecast; engine: string; backend: string; rows: number; warnings: string[] }> {
  const task = meta.task;
  if (task?.kind !== 'classify') throw new RangeError('not a classifier');
  if (options.file === undefined) {
    throw new UsageError(`${options.modelDir} is a classifier: give the rows to classify as a CSV with its input columns (${meta.data.features.map((f) => `"${f}"`).join(', ')})`);
  }
  let last: StreamedRow | undefined;
  const result = await forecastStream({
    modelDir: options.modelDir,
    file: options.file,
    stdin: options.file === '-' ? process.stdin : Readable.from([]),
    engine: options.engine,
    backend: options.backend,
    skipBadRows: false,
    timeColumn: options.timeColumn,
    onHeader() {},
    onRow(row) {
      if (row.output) last = row;
    },
  });
  if (!last || last.output?.kind !== 'classes') {
    throw new DataError(`${options.file}: too few rows: the model reads ${meta.pipeline.lags} ${meta.pipeline.lags === 1 ? 'row' : 'rows'} a window, found ${result.rows}`);
  }
  return {
    forecast: { classes: task.classes, time: last.label, probabilities: last.output.probabilities, predicted: last.predicted! },
    engine: result.engine,
    backend: result.backend,
    rows: result.rows,
    warnings: result.warnings,
  };
}
