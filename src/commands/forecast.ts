// rnnfc forecast: load a saved model and forecast the next h values past the given history
// (a CSV, or the history stored with the model), recursively.
import { DataError, ModelError, UsageError } from '../errors.js';
import { loadSeries } from '../data/load.js';
import { continueLabels } from '../data/time-index.js';
import { createEngine } from '../engines/create-engine.js';
import type { BackendChoice } from '../engines/tfjs/tf.js';
import { forecastRecursive } from '../evaluate/walk-forward.js';
import { loadModelDir } from '../model-dir/model-dir.js';
import { unusedBackend } from '../options/unused-backend.js';
import type { EngineChoice } from '../options/train-options.js';
import type { MissingPolicy } from '../data/csv-loader.js';
import { boundsOf, type Bound, type IntervalSet } from '../evaluate/conformal.js';
import { checkReportFile, writeReport } from '../report/report-file.js';
import { checkNotInput } from '../util/output-path.js';
import { forecastReport } from '../report/forecast-report.js';

export interface ForecastOptions {
  modelDir: string;
  /** History to forecast from; the model's stored history when absent. */
  file?: string;
  horizon: number;
  engine: EngineChoice;
  backend: BackendChoice;
  column?: string;
  timeColumn?: string;
  missing: MissingPolicy;
  /** Interval levels, from those stored with the model (train --interval). */
  intervals?: number[];
  /** HTML report to write. */
  report?: string;
  /** How the forecast was asked for (a command line), for the report's heading. */
  description?: string;
}

export interface ForecastPoint {
  step: number;
  time: string;
  value: number;
  /** Bounds at each asked level, when intervals were asked for. */
  bounds?: Bound[];
}

export interface ForecastResult {
  model: string;
  engine: string;
  backend: string;
  historySource: string;
  observations: number;
  lastTime: string;
  forecasts: ForecastPoint[];
  /** The stored intervals used, restricted to the levels asked for. */
  intervals?: IntervalSet;
  warnings: string[];
  reportFile?: string;
}

/**
 * The longest forecast: each step feeds on the one before, so far beyond the history it is the
 * network's own echo; and the bound keeps a mistyped horizon from running out of memory.
 */
export const MAX_HORIZON = 100_000;

export async function forecast(options: ForecastOptions): Promise<ForecastResult> {
  if (!Number.isInteger(options.horizon) || options.horizon < 1 || options.horizon > MAX_HORIZON) {
    throw new UsageError(`--horizon must be an integer from 1 to ${MAX_HORIZON}, got ${options.horizon}`);
  }
  const report = options.report === undefined ? undefined : await checkReportFile(options.report);
  await checkNotInput(report, options.file, 'the input CSV this forecast reads');
  const model = await loadModelDir(options.modelDir);
  const meta = model.metadata;
  const warnings: string[] = [];
  const intervals = options.intervals?.length ? storedIntervals(meta.intervals, options.intervals, options.modelDir) : undefined;
  if (intervals && options.horizon > 1) {
    warnings.push(
      'the intervals of steps after the first use the one-step errors they were calibrated on; errors grow as a recursive forecast feeds on its own forecasts, so those intervals are too narrow',
    );
  }
  let times: string[];
  let values: number[];
  let source: string;
  // without a time column the times are row numbers: forecasts are then labelled +1, +2, ...
  let hasTimeColumn = meta.data.timeColumn !== null;
  // the day/month order the model was trained with, for labels that leave it open
  const preferTimeFormat = typeof meta.data.timeFormat === 'string' ? meta.data.timeFormat : undefined;
  if (options.file) {
    const { series } = await loadSeries(options.file, {
      column: options.column ?? meta.data.column,
      timeColumn: options.timeColumn ?? meta.data.timeColumn ?? undefined,
      missing: options.missing,
      preferTimeFormat,
    }).catch((e: unknown) => {
      // The model decides which columns the history needs: a CSV without them (a column renamed
      // upstream) is a data problem, not a wrong command line.
      if (e instanceof UsageError && / not found in /.test(e.message)) throw new DataError(e.message);
      throw e;
    });
    times = series.times;
    hasTimeColumn = series.timeColumn !== null;
    values = series.values;
    source = series.file;
    warnings.push(...series.warnings);
  } else {
    times = meta.history.times;
    values = meta.history.values;
    source = `${options.modelDir}/rnnfc.json`;
  }
  const { diff, lags, scaler } = meta.pipeline;
  if (values.length < diff + lags) {
    const message = `${source}: forecasting with this model needs at least ${diff + lags} observations, found ${values.length}`;
    throw options.file ? new DataError(message) : new ModelError(message);
  }
  const { engine } = await createEngine(options.engine, options.backend, { ...model.spec, batchSize: 1 }, 1);
  warnings.push(...unusedBackend(options, engine.name));
  const stepper = await engine.createStepper(model.spec, model.weights);
  let out: number[];
  try {
    out = forecastRecursive(stepper, values, options.horizon, {
      diff,
      lags,
      scaler,
      prime: model.spec.stateful,
      forecastReset: meta.training.forecastReset,
    });
  } finally {
    stepper.dispose();
  }
  const labels = (hasTimeColumn ? continueLabels(times, options.horizon, preferTimeFormat) : null) ?? out.map((_, i) => `+${i + 1}`);
  const result: ForecastResult = {
    model: options.modelDir,
    engine: engine.name,
    backend: engine.backend,
    historySource: source,
    observations: values.length,
    lastTime: times[times.length - 1]!,
    forecasts: out.map((value, i) => ({ step: i + 1, time: labels[i]!, value, ...(intervals ? { bounds: boundsOf(value, intervals.levels) } : {}) })),
    ...(intervals ? { intervals } : {}),
    warnings,
    ...(report ? { reportFile: report.path } : {}),
  };
  if (report) await writeReport(report, forecastReport({ result, times, values }, options.description ?? `rnnfc forecast ${options.modelDir}`));
  return result;
}

function storedIntervals(stored: IntervalSet | undefined, levels: number[], dir: string): IntervalSet {
  if (!stored || stored.levels.length === 0) {
    throw new UsageError(`--interval: the model in ${dir} was trained without --interval; train it with --interval ${levels.join(',')}`);
  }
  const missing = levels.filter((l) => !stored.levels.some((s) => s.level === l));
  if (missing.length > 0) {
    throw new UsageError(
      `--interval ${missing.join(',')}: the model in ${dir} stores intervals at ${stored.levels.map((s) => s.level).join(',')} only; ` +
        `train it with --interval ${[...new Set([...stored.levels.map((s) => s.level), ...levels])].sort((a, b) => a - b).join(',')}`,
    );
  }
  return { ...stored, levels: stored.levels.filter((s) => levels.includes(s.level)) };
}
