// rnnfc forecast: load a saved model and forecast the next h values past the given history
// (a CSV, or the history stored with the model), recursively.
import { DataError, ModelError, UsageError } from '../errors.js';
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

/**
 * The longest forecast: each step feeds on the one before, so far beyond the history it is the
 * network's own echo; and the bound keeps a mistyped horizon from running out of memory.
 */
export const MAX_HORIZON = 100_000;

export async function forecast(options: ForecastOptions): Promise<ForecastResult> {
  if (!Number.isInteger(options.horizon) || options.horizon < 1 || options.horizon > MAX_HORIZON) {
    throw new UsageError(`--horizon must be an integer from 1 to ${MAX_HORIZON}, got ${options.horizon}`);
  }
  const model = await loadModelDir(options.modelDir);
  const meta = model.metadata;
  const warnings: string[] = [];
  let times: string[];
  let values: number[];
  let source: string;
  if (options.file) {
    const { series } = await loadSeries(options.file, {
      column: options.column ?? meta.data.column,
      timeColumn: options.timeColumn ?? meta.data.timeColumn ?? undefined,
      missing: options.missing,
    }).catch((e: unknown) => {
      // The model decides which columns the history needs: a CSV without them (a column renamed
      // upstream) is a data problem, not a wrong command line.
      if (e instanceof UsageError && / not found in /.test(e.message)) throw new DataError(e.message);
      throw e;
    });
    times = series.times;
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
  const labels = continueLabels(times, options.horizon) ?? out.map((_, i) => `+${i + 1}`);
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
