// rnnfc forecast: load a saved model and forecast the next values past the given history (a CSV,
// or the history stored with the model). Up to the trained horizon the forecast is direct (one
// pass, h outputs); beyond it, recursive, which only a model reading the target alone can do.
// A model of whole sequences predicts one value for each sequence of the CSV given.
import { DataError, ModelError, UsageError } from '../errors.js';
import { unusedBackend } from '../options/unused-backend.js';
import { readInput } from '../data/csv-loader.js';
import { parseTable } from '../data/table-loader.js';
import { continueLabels } from '../data/time-index.js';
import { createEngine } from '../engines/create-engine.js';
import type { BackendChoice, EngineChoice, MissingPolicy, Table, TableColumn } from '../core/types.js';
import { forecastRecursive } from '../evaluate/walk-forward.js';
import { loadModelDir } from '../model-dir/model-dir.js';
import type { ModelMetadata } from '../model-dir/metadata.js';
import { encodeRows } from '../pipeline/encode.js';
import type { LoadedModel } from '../model-dir/model-dir.js';
import { scaleValue, unscaleValue } from '../transforms/scaler.js';
import { applyTransform, invertTransform, transformLag } from '../transforms/transform.js';
import type { Stepper } from '../engines/types.js';
import { boundsOf, type Bound, type IntervalSet } from '../evaluate/conformal.js';
import { checkReportFile, writeReport } from '../report/report-file.js';
import { checkNotInput } from '../util/output-path.js';
import { forecastReport } from '../report/forecast-report.js';
import { forecastClassifier, type ClassForecast } from './forecast-classifier.js';
import { runSequences } from './sequence-reading.js';

export interface ForecastOptions {
  modelDir: string;
  /** History to forecast from; the model's stored history when absent. */
  file?: string;
  /** Steps ahead; the trained horizon when absent. */
  horizon?: number;
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
  /** sequence: one forecast per sequence of the CSV, `time` holding its id (step 0); absent: a series' next values. */
  framing?: 'window' | 'sequence';
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
  /** A classifier's forecast: the last row's class probabilities and predicted class (forecasts is then empty). */
  classification?: ClassForecast;
  /** A classifier of whole sequences with one label each: every sequence's class. */
  sequenceClasses?: ClassForecast[];
}

/**
 * The longest forecast: each step feeds on the one before, so far beyond the history it is the
 * network's own echo; and the bound keeps a mistyped horizon from running out of memory.
 */
export const MAX_HORIZON = 100_000;

export async function forecast(options: ForecastOptions): Promise<ForecastResult> {
  if (options.horizon !== undefined && (!Number.isInteger(options.horizon) || options.horizon < 1 || options.horizon > MAX_HORIZON)) {
    throw new UsageError(`--horizon must be an integer from 1 to ${MAX_HORIZON}, got ${options.horizon}`);
  }
  const report = options.report === undefined ? undefined : await checkReportFile(options.report);
  await checkNotInput(report, options.file, 'the input CSV this forecast reads');
  const model = await loadModelDir(options.modelDir);
  const meta = model.metadata;
  const p = meta.pipeline;
  if (meta.task?.kind === 'classify') {
    if (options.horizon !== undefined) throw new UsageError(`--horizon applies to regression models; ${options.modelDir} is a classifier, whose horizon (${p.horizon}) was fixed in training`);
    if (options.intervals?.length) throw new UsageError(`--interval applies to regression models; ${options.modelDir} is a classifier, which gives class probabilities`);
    if (report) throw new UsageError(`--report applies to regression models; ${options.modelDir} is a classifier`);
    const c = await forecastClassifier(options, model);
    return {
      model: options.modelDir,
      engine: c.engine,
      backend: c.backend,
      historySource: options.file!,
      observations: c.rows,
      lastTime: c.forecast.time,
      forecasts: [],
      warnings: c.warnings,
      classification: c.forecast,
      ...(c.sequences ? { framing: 'sequence' as const, sequenceClasses: c.sequences } : {}),
    };
  }
  if (p.framing.kind === 'sequence') return forecastSequences(options, model);
  const trained = p.horizon;
  const horizon = options.horizon ?? Math.max(1, trained);
  const targetOnly = meta.data.features.length === 1 && meta.data.features[0] === meta.data.column;
  if (horizon > Math.max(1, trained) && !(targetOnly && trained >= 1)) {
    const why =
      trained === 0
        ? 'the model estimates the target on its last input row (--horizon 0), not future values'
        : `its inputs include ${meta.data.features.filter((f) => f !== meta.data.column).map((f) => `"${f}"`).join(', ')}, whose future values are unknown, so its forecasts cannot be fed back`;
    throw new UsageError(
      `--horizon ${horizon} is more than the ${trained} ${trained === 1 ? 'step' : 'steps'} this model forecasts at once, and ${why}; ` +
        `retrain with --horizon ${horizon}, or forecast at most ${Math.max(1, trained)} ${trained > 1 ? 'steps' : 'step'}`,
    );
  }
  const warnings: string[] = [];
  const intervals = options.intervals?.length ? storedIntervals(meta.intervals, options.intervals, options.modelDir) : undefined;
  if (intervals && horizon > Math.max(1, trained)) {
    warnings.push(
      `the intervals of steps after the ${trained === 1 ? 'first use the one-step errors' : `first ${trained} use the errors`} they were calibrated on; errors grow as a recursive forecast feeds on its own forecasts, so those intervals are too narrow`,
    );
  }
  // the day/month order the model was trained with, for labels that leave it open
  const preferTimeFormat = typeof meta.data.timeFormat === 'string' ? meta.data.timeFormat : undefined;
  const { table, source } = await historyTable(options, meta, warnings, preferTimeFormat);
  const target = table.columns.find((c) => c.name === meta.data.column)!.values as Float64Array;
  const start = Math.max(0, ...[p.target.transform, ...p.features.flatMap((f) => (f.kind === 'numeric' ? [f.transform] : []))].map(transformLag));
  const rows = table.times.length;
  if (rows < start + p.lags) {
    const message = `${source}: forecasting with this model needs at least ${start + p.lags} observations, found ${rows}`;
    throw options.file ? new DataError(message) : new ModelError(message);
  }
  const { engine } = await createEngine(options.engine, options.backend, { ...model.spec, batchSize: 1 }, 1);
  warnings.push(...unusedBackend(options, engine.name));
  const stepper = await engine.createStepper(model.spec, model.weights);
  let out: number[];
  try {
    out = horizon > Math.max(1, trained) || p.scaler ? recursive(stepper, meta, Array.from(target), horizon) : direct(stepper, meta, table, start, warnings).slice(0, horizon);
  } finally {
    stepper.dispose();
  }
  // horizon 0: the estimate belongs to the last row itself; without a time column the times are
  // row numbers, and forecasts are labelled +1, +2, ...
  const continued = table.timeColumn !== null ? continueLabels(table.times, horizon, preferTimeFormat) : null;
  const labels = trained === 0 ? [table.times[rows - 1]!] : (continued ?? out.map((_, i) => `+${i + 1}`));
  const result: ForecastResult = {
    model: options.modelDir,
    engine: engine.name,
    backend: engine.backend,
    historySource: source,
    observations: rows,
    lastTime: table.times[rows - 1]!,
    forecasts: out.map((value, i) => ({ step: trained === 0 ? 0 : i + 1, time: labels[i]!, value, ...(intervals ? { bounds: boundsOf(value, intervals.levels) } : {}) })),
    ...(intervals ? { intervals } : {}),
    warnings,
    ...(report ? { reportFile: report.path } : {}),
  };
  if (report) await writeReport(report, forecastReport({ result, times: table.times, values: Array.from(target) }, options.description ?? `rnnfc forecast ${options.modelDir}`));
  return result;
}

/** One prediction per sequence of the CSV: each sequence run through the model on its own. */
async function forecastSequences(options: ForecastOptions, model: LoadedModel): Promise<ForecastResult> {
  const p = model.metadata.pipeline;
  const dir = options.modelDir;
  if (options.file === undefined) {
    throw new UsageError(`${dir} was trained on whole sequences: it predicts one value for each sequence of a CSV; give one (rnnfc forecast ${dir} FILE)`);
  }
  if (options.horizon !== undefined) throw new UsageError(`--horizon: ${dir} was trained on whole sequences and predicts one value for each; leave --horizon out`);
  if (options.report !== undefined) throw new UsageError(`--report draws a series and its forecast; ${dir} was trained on whole sequences: use --format csv or json`);
  const intervals = options.intervals?.length ? storedIntervals(model.metadata.intervals, options.intervals, dir) : undefined;
  const run = await runSequences({ ...options, file: options.file }, model);
  const { table, samples } = run;
  const values = table.columns.find((c) => c.name === table.target)!.values as Float64Array;
  const out = run.outputs.map((scaled, s) => {
    const transformed = unscaleValue(p.target.scaler, 0, scaled[0]!);
    return invertTransform(p.target.transform, [transformed], samples.ends[s]!, (row) => values[row]!)[0]!;
  });
  return {
    model: dir,
    framing: 'sequence',
    engine: run.engine,
    backend: run.backend,
    historySource: table.file,
    observations: table.times.length,
    lastTime: samples.ids[samples.ids.length - 1]!,
    forecasts: out.map((value, s) => ({ step: 0, time: samples.ids[s]!, value, ...(intervals ? { bounds: boundsOf(value, intervals.levels) } : {}) })),
    ...(intervals ? { intervals } : {}),
    warnings: run.warnings,
  };
}

/** One pass over the last `lags` rows: the model's h outputs, un-scaled and un-transformed. */
function direct(stepper: Stepper, meta: ModelMetadata, table: Table, start: number, warnings: string[]): number[] {
  const p = meta.pipeline;
  const transformed = new Map<string, Float64Array>();
  for (const c of table.columns) {
    if (c.type !== 'number') continue;
    const f = p.features.find((e) => e.column === c.name);
    const transform = f?.kind === 'numeric' ? f.transform : c.name === p.target.column ? p.target.transform : { kind: 'none' as const };
    transformed.set(c.name, applyTransform(c.values, transform, (r) => `${table.file}:${table.lines[r] ?? r + 1}: column "${c.name}"`));
  }
  const encoded = encodeRows(table, p.features, p.target, transformed, start);
  const rows = table.times.length;
  warnings.push(...encoded.unseenWarnings(rows - p.lags, rows));
  const size = p.lags * encoded.width;
  const window = (end: number) => encoded.inputs.subarray((end - p.lags + 1) * encoded.width, (end + 1) * encoded.width);
  stepper.resetStates();
  if (meta.network.stateful) {
    for (let end = start + p.lags - 1; end < rows - 1; end++) {
      stepper.predict(window(end));
      if (meta.training.forecastReset === 'step') stepper.resetStates();
    }
  }
  const x = window(rows - 1);
  if (x.length !== size) throw new RangeError('window size mismatch');
  const scaled = stepper.predict(x);
  const values = table.columns.find((c) => c.name === p.target.column)!.values as Float64Array;
  const outputs = Array.from(scaled, (v) => unscaleValue(p.target.scaler, 0, v));
  const first = p.horizon === 0 ? rows - 1 : rows;
  return invertTransform(p.target.transform, outputs, first, (row) => values[row]!);
}

/** A target-only model fed its own forecasts; version 1 models scale each lag on its own. */
function recursive(stepper: Stepper, meta: ModelMetadata, history: number[], horizon: number): number[] {
  const p = meta.pipeline;
  const legacy = p.scaler;
  const input = p.features[0]!;
  const inputScaler = input.kind === 'numeric' ? input.scaler : p.target.scaler;
  return forecastRecursive(stepper, history, horizon, {
    transform: p.target.transform,
    lags: p.lags,
    scaleInput: legacy ? (k, v) => scaleValue(legacy, k, v) : (_k, v) => scaleValue(inputScaler, 0, v),
    unscaleOutput: (v) => unscaleValue(p.target.scaler, 0, v),
    prime: meta.network.stateful,
    forecastReset: meta.training.forecastReset,
  });
}

/** The history as a table of the model's columns: read from the CSV given, or the stored history. */
async function historyTable(options: ForecastOptions, meta: ModelMetadata, warnings: string[], preferTimeFormat: string | undefined): Promise<{ table: Table; source: string }> {
  const others = meta.data.features.filter((f) => f !== meta.data.column);
  if (options.file) {
    const input = await readInput(options.file);
    let table: Table;
    try {
      table = parseTable(input, options.file, {
        target: options.column ?? meta.data.column,
        features: meta.data.features.join(','),
        timeColumn: options.timeColumn ?? meta.data.timeColumn ?? undefined,
        preferTimeFormat,
        missing: options.missing,
      });
    } catch (e) {
      // The model decides which columns the history needs: a CSV without them (a column renamed
      // upstream) is a data problem, not a wrong command line.
      if (e instanceof UsageError && / not found in /.test(e.message)) throw new DataError(e.message);
      throw e;
    }
    warnings.push(...table.warnings);
    // the model's names, whatever --column called the target here
    const target = table.columns.find((c) => c.name === table.target)!;
    const columns = table.columns.map((c) => (c === target ? { ...c, name: meta.data.column } : c));
    return { table: { ...table, columns, target: meta.data.column, features: meta.data.features }, source: table.file };
  }
  const h = meta.history;
  const columns: TableColumn[] = [{ name: meta.data.column, index: 0, roles: ['target'], type: 'number', values: Float64Array.from(h.values) }];
  others.forEach((name, i) => {
    const values = h.columns?.[name];
    if (!values) throw new UsageError(`${options.modelDir}/rnnfc.json: the stored history has no column "${name}"; give the history as a CSV`);
    columns.push(
      typeof values[0] === 'string'
        ? { name, index: i + 1, roles: ['feature'], type: 'category', values: values as string[] }
        : { name, index: i + 1, roles: ['feature'], type: 'number', values: Float64Array.from(values as number[]) },
    );
  });
  const table: Table = {
    file: `${options.modelDir}/rnnfc.json`,
    columns,
    target: meta.data.column,
    features: meta.data.features,
    timeColumn: meta.data.timeColumn,
    timeAxis: null,
    times: h.times,
    lines: h.times.map((_, i) => i + 1),
    warnings: [],
  };
  return { table, source: table.file };
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
