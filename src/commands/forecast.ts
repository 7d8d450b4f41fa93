// rnnfc forecast: load a saved model and forecast the next h values past the given history
// (a CSV, or the history stored with the model), recursively.
import { UsageError } from '../errors.js';
import { loadSeries } from '../data/load.js';
import { continueLabels } from '../data/time-index.js';
import { createEngine } from '../engines/create-engine.js';
import type { BackendChoice } from '../engines/tfjs/tf.js';
import { forecastRecursive } from '../evaluate/walk-forward.js';
import { loadModelDir } from '../model-dir/model-dir.js';
import type { EngineChoice } from '../options/train-options.js';
import type { MissingPolicy } from '../data/csv-loader.js';

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
}

export interface ForecastPoint {
  step: number;
  time: string;
  value: number;
}

export interface ForecastResult {
  model: string;
  engine: string;
  backend: string;
  historySource: string;
  observations: number;
  lastTime: string;
  forecasts: ForecastPoint[];
  warnings: string[];
}

export async function forecast(options: ForecastOptions): Promise<ForecastResult> {
  if (!Number.isInteger(options.horizon) || options.horizon < 1) {
    throw new UsageError(`--horizon must be a positive integer, got ${options.horizon}`);
  }
  const model = await loadModelDir(options.modelDir);
  const meta = model.metadata;
  const warnings: string[] = [];
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
    throw new UsageError(`${source}: forecasting with this model needs at least ${diff + lags} observations, found ${values.length}`);
  }
  const { engine } = await createEngine(options.engine, options.backend, { ...model.spec, batchSize: 1 }, 1);
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
  return {
    model: options.modelDir,
    engine: engine.name,
    backend: engine.backend,
    historySource: source,
    observations: values.length,
    lastTime: times[times.length - 1]!,
    forecasts: out.map((value, i) => ({ step: i + 1, time: labels[i]!, value })),
    warnings,
  };
}
