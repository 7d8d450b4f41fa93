// `rnnfc forecast MODEL csv` for a classifier: the class probabilities and the predicted class of
// the CSV's last row (the label of its last window, `horizon` rows ahead, or of the last step of
// its sequence), computed as --stream computes each row's, so that the two always agree; for a
// model of whole sequences with one label each, those of every sequence of the CSV (long or wide
// layout), each run through the model on its own as in training.
import { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { LoadedModel } from '../model-dir/model-dir.js';
import type { ModelMetadata } from '../model-dir/metadata.js';
import { classProbabilities } from '../pipeline/class-targets.js';
import { mostProbable } from '../evaluate/classification-metrics.js';
import { forecastStream, type StreamedRow } from './forecast-stream.js';
import { runSequences, type SequenceReadOptions } from './sequence-reading.js';
import { DataError } from '../errors.js';

export interface ClassForecast {
  classes: string[];
  /** The labelled row: its time label, or its data row number. */
  time: string;
  probabilities: number[];
  predicted: string;
}

/** What runSequences reads, the CSV optional (a usage error without one); a classifier's labels are never read. */
export type ClassifierForecastOptions = Omit<SequenceReadOptions, 'file' | 'column'> & { file?: string };

export interface ClassifierForecast {
  /** The last row's class (of a model of whole sequences: the last sequence's). */
  forecast: ClassForecast;
  /** A model of whole sequences with one label each: every sequence's class, `time` holding its id. */
  sequences?: ClassForecast[];
  engine: string;
  backend: string;
  rows: number;
  warnings: string[];
}

export async function forecastClassifier(options: ClassifierForecastOptions, model: LoadedModel): Promise<ClassifierForecast> {
  const meta = model.metadata;
  const task = meta.task;
  if (task?.kind !== 'classify') throw new RangeError('not a classifier');
  if (options.file === undefined) {
    const columns = meta.data.stepColumns ?? meta.data.features;
    throw new UsageError(`${options.modelDir} is a classifier: give the rows to classify as a CSV with its input columns (${columns.map((f) => `"${f}"`).join(', ')})`);
  }
  if (meta.pipeline.framing.kind === 'sequence' && task.labels !== 'per-step') return classifySequences({ ...options, file: options.file }, model, meta);
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

/** Every sequence's class probabilities and predicted class. */
async function classifySequences(options: ClassifierForecastOptions & { file: string }, model: LoadedModel, meta: ModelMetadata): Promise<ClassifierForecast> {
  const task = meta.task;
  if (task?.kind !== 'classify') throw new RangeError('not a classifier');
  const run = await runSequences(options, model);
  const sequences = run.outputs.map((outputs, s) => {
    const probabilities = classProbabilities(outputs, task.classes.length);
    return { classes: task.classes, time: run.samples.ids[s]!, probabilities, predicted: task.classes[mostProbable(probabilities)]! };
  });
  return { forecast: sequences[sequences.length - 1]!, sequences, engine: run.engine, backend: run.backend, rows: run.table.times.length, warnings: run.warnings };
}
