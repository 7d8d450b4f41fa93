// rnnfc.json: what a saved model needs besides its weights to forecast without the training CSV.
import { ModelError } from '../errors.js';
import type { EngineName, NetworkSpec } from '../engines/types.js';
import type { ClassLabels, FeatureEncoding, Framing, Role, RunSettings, ScalerParams, TargetEncoding, TestSize } from '../core/types.js';
import type { IntervalSet } from '../evaluate/conformal.js';

export const METADATA_FORMAT = 'rnnfc-model';
/** 2: many input columns, a horizon, encodings per column. Version 1 files still load. */
export const METADATA_VERSION = 2;
const SUPPORTED_VERSIONS = [1, 2];

export const TRAINING_KEYS = [
  'cell', 'units', 'dropout', 'stateful', 'reset', 'shuffle', 'batchSize', 'epochs', 'lr', 'optimizer', 'loss', 'seed', 'forecastReset', 'prime',
  'earlyStopping', 'lrPlateau',
] as const;
type TrainingKey = (typeof TRAINING_KEYS)[number];

/**
 * What the model predicts. Absent in files written before classification existed: those are
 * regression models.
 *
 * - `{ kind: 'regression' }`: the network's outputs are the scaled, transformed target
 *   (pipeline.target), one per horizon step.
 * - `{ kind: 'classify', classes, labels, head, targetColumns }`: the network's outputs are class
 *   probabilities. `classes` are the class names in training order (first seen). `head` is
 *   'sigmoid' for two classes (network.outputs 1: the probability of classes[1]; classes[0] is
 *   1 minus it) or 'softmax' for more (network.outputs = classes.length, in the order of
 *   `classes`). `labels` is 'per-sample' (one prediction per window or sequence: the label of
 *   the window's last row with pipeline.horizon 0, of the row `horizon` rows ahead otherwise, or
 *   of the whole sequence) or 'per-step' (network.perStep: the head runs at every time step, so a
 *   stateful batch-1 twin fed one row at a time gives the probabilities of each row's label).
 *   `targetColumns` is the label column ([data.column]), or the 0/1 columns of a one-hot target
 *   (data.column is then their names joined by ","; a row with none set is the class `none`).
 *   The labels are never transformed or scaled: pipeline.target holds transform none and scaler
 *   none, and history.values holds each row's class index (into `classes`).
 */
export type ModelTask = { kind: 'regression' } | ({ kind: 'classify' } & ClassLabels);

export interface ModelMetadata {
  format: typeof METADATA_FORMAT;
  formatVersion: number;
  rnnfcVersion: string;
  createdAt: string;
  data: {
    file: string;
    sha256: string;
    observations: number;
    timeColumn: string | null;
    /** The time column's format ("DD/MM/YYYY"), so that forecasts read and continue it the same way; absent in older models. */
    timeFormat?: string | null;
    /** The column whose value tells whole sequences apart (long layout), so that a stream resets there; absent in older models. */
    sequenceColumn?: string | null;
    /** The target column. */
    column: string;
    /** Feature columns, in the order the network sees them (version 2). */
    features: string[];
    /** The roles of every column the model reads (version 2). */
    roles: Record<string, Role[]>;
    /** Whole sequences, wide layout: the time-step columns of each row, in order. */
    stepColumns?: string[];
  };
  pipeline: {
    diff: number;
    lags: number;
    /** Target values per sample (version 2; 1 in version 1). */
    horizon: number;
    framing: Framing;
    test: TestSize;
    trainSize: number | null;
    /** Samples held out for validation (absent in models written before validation existed). */
    validation?: TestSize | null;
    /** How each feature column becomes inputs, fitted on training rows (version 2). */
    features: FeatureEncoding[];
    target: TargetEncoding;
    /** Version 1 only: one scaler column per lag, then the target. */
    scaler?: ScalerParams;
  };
  /** What the model predicts (see ModelTask); absent in older files, which are regression models. */
  task?: ModelTask;
  network: NetworkSpec;
  /** Every training option as run, and the engine and backend that ran it. */
  training: Pick<RunSettings, TrainingKey> & { engine: EngineName; backend: string; epochsRun?: number; keptEpoch?: number };
  /** Training and validation loss and learning rate of each epoch run. */
  lossHistory?: { epoch: number; loss: number; val_loss: number | null; lr: number }[];
  /** Split-conformal half-widths, when trained with --interval. */
  intervals?: IntervalSet;
  /** The test figures: regression's, or a classifier's (task.kind 'classify'). */
  metrics:
    | { rmse: number; mae: number; mape: number | null; persistence_rmse: number | null; skill: number | null }
    | { accuracy: number; balanced_accuracy: number; f1_macro: number; log_loss: number; roc_auc: number | null };
  /**
   * The last observations of the data, to forecast from when no CSV is given: the target's
   * values, and every other feature column's (version 2).
   */
  history: { times: string[]; values: number[]; columns?: Record<string, (number | string)[]> };
}

function fail(dir: string, what: string): never {
  throw new ModelError(`${dir}/rnnfc.json: ${what}`);
}

/**
 * Reads the fields of a parsed rnnfc.json, each checked where it is read; a field that is missing
 * or wrong is a ModelError naming it ("pipeline.scaler.kind must be ..., got ...").
 */
class Fields {
  constructor(private readonly doc: unknown, private readonly dir: string) {}

  get(path: string): unknown {
    let v: unknown = this.doc;
    // a numeric key indexes an array ("pipeline.features.0.kind")
    for (const key of path.split('.')) {
      v = typeof v === 'object' && v !== null && (!Array.isArray(v) || /^\d+$/.test(key)) ? (v as Record<string, unknown>)[key] : undefined;
    }
    return v;
  }

  bad(path: string, expected: string, got: unknown): never {
    const shown = got === undefined ? 'nothing' : JSON.stringify(got);
    fail(this.dir, `${path} must be ${expected}, got ${shown && shown.length > 60 ? shown.slice(0, 57) + '...' : shown}`);
  }

  integer(path: string, min: number): number {
    const v = this.get(path);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.bad(path, min === 0 ? 'a non-negative integer' : `an integer of at least ${min}`, v);
    return v;
  }

  finite(path: string): number {
    const v = this.get(path);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.bad(path, 'a finite number', v);
    return v;
  }

  boolean(path: string): boolean {
    const v = this.get(path);
    if (typeof v !== 'boolean') this.bad(path, 'true or false', v);
    return v;
  }

  string(path: string, orNull = false): string | null {
    const v = this.get(path);
    if (typeof v === 'string' || (orNull && v === null)) return v;
    this.bad(path, orNull ? 'a string or null' : 'a string', v);
  }

  oneOf<T extends string>(path: string, choices: readonly T[]): T {
    const v = this.get(path);
    if (!choices.includes(v as T)) this.bad(path, `one of ${choices.join(', ')}`, v);
    return v as T;
  }

  /** An array of `length` (any length when undefined) whose elements pass `each`; `one` says what an element is. */
  array(path: string, length: number | undefined, one: string, each: (x: unknown) => boolean): unknown[] {
    const v = this.get(path);
    if (!Array.isArray(v) || (length !== undefined && v.length !== length)) this.bad(path, `an array of ${length === undefined ? '' : `${length} `}${one}s`, v);
    const i = v.findIndex((x) => !each(x));
    if (i >= 0) this.bad(`${path}[${i}]`, `a ${one}`, v[i]);
    return v;
  }
}

const finiteNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);

/** Checks a scaler of `columns` columns at `path` (e.g. "pipeline.target.scaler"). */
function checkScaler(f: Fields, path: string, columns: number): void {
  const kind = f.oneOf(`${path}.kind`, ['minmax', 'standard', 'none'] as const);
  if (kind === 'minmax') {
    const [a, b] = f.array(`${path}.range`, 2, 'finite number', finiteNumber) as [number, number];
    if (!(a < b)) f.bad(`${path}.range`, 'increasing', [a, b]);
    const min = f.array(`${path}.min`, columns, 'finite number', finiteNumber) as number[];
    const max = f.array(`${path}.max`, columns, 'finite number', finiteNumber) as number[];
    const c = min.findIndex((lo, i) => !(lo <= max[i]!));
    if (c >= 0) f.bad(`${path}.max[${c}]`, `at least ${path}.min[${c}] (${min[c]})`, max[c]);
  } else if (kind === 'standard') {
    f.array(`${path}.mean`, columns, 'finite number', finiteNumber);
    f.array(`${path}.std`, columns, 'finite non-negative number', (x) => finiteNumber(x) && (x as number) >= 0);
  } else if (f.get(`${path}.columns`) !== columns) {
    f.bad(`${path}.columns`, String(columns), f.get(`${path}.columns`));
  }
}

/** Checks a transform at `path`. */
function checkTransform(f: Fields, path: string): void {
  if (f.oneOf(`${path}.kind`, ['none', 'diff', 'pct', 'log'] as const) === 'diff') f.integer(`${path}.lag`, 1);
}

/** Parses rnnfc.json and checks every field that forecasting reads; a version 1 record is read as version 2. */
export function validateMetadata(text: string, dir: string): ModelMetadata {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(dir, `not valid JSON (${(e as Error).message})`);
  }
  const f = new Fields(doc, dir);
  if (typeof doc !== 'object' || doc === null || f.get('format') !== METADATA_FORMAT) fail(dir, 'not an rnnfc model description');
  const version = f.get('formatVersion');
  if (!SUPPORTED_VERSIONS.includes(version as number)) {
    fail(dir, `format version ${String(version)} is not supported by this rnnfc (supports ${SUPPORTED_VERSIONS.join(' and ')}); retrain the model`);
  }
  const m = doc as ModelMetadata;

  f.string('data.column');
  f.string('data.timeColumn', true);
  if (f.get('data.sequenceColumn') !== undefined) f.string('data.sequenceColumn', true);

  f.oneOf('network.cell', ['lstm', 'gru', 'rnn'] as const);
  f.array('network.units', undefined, 'positive integer', (u) => Number.isInteger(u) && (u as number) > 0);
  if (m.network.units.length === 0) f.bad('network.units', 'an array of positive integers', []);
  const timeSteps = f.integer('network.timeSteps', 1);
  const features = f.integer('network.features', 1);
  const outputs = f.integer('network.outputs', 1);
  if (version === 1 && features !== 1) f.bad('network.features', '1', features);
  if (version === 1 && outputs !== 1) f.bad('network.outputs', '1', outputs);
  const dropout = f.finite('network.dropout');
  if (dropout < 0 || dropout >= 1) f.bad('network.dropout', 'a number from 0 to below 1', dropout);
  f.boolean('network.stateful');
  f.integer('network.batchSize', 1);

  f.integer('pipeline.diff', 0);
  const lags = f.integer('pipeline.lags', 1);
  if (lags !== timeSteps) f.bad('pipeline.lags', `network.timeSteps (${timeSteps})`, lags);
  if (version === 1) {
    // One scaler column per lag, and one for the target.
    checkScaler(f, 'pipeline.scaler', lags + 1);
    upgradeVersion1(m);
  } else {
    const horizon = f.integer('pipeline.horizon', 0);
    const classify = checkTask(f, outputs) === 'classify';
    // a classifier predicts one label (per sample or per step) whatever its horizon
    if (!classify && Math.max(1, horizon) !== outputs) f.bad('pipeline.horizon', `network.outputs (${outputs}), or 0 for one output`, horizon);
    if (f.oneOf('pipeline.framing.kind', ['window', 'sequence'] as const) === 'sequence') f.oneOf('pipeline.framing.layout', ['long', 'wide'] as const);
    // how the sequences of a CSV to forecast are read (absent in records that do not forecast them)
    if (f.get('data.stepColumns') !== undefined) f.array('data.stepColumns', undefined, 'string', (x) => typeof x === 'string');
    f.array('data.features', undefined, 'string', (x) => typeof x === 'string');
    f.string('pipeline.target.column');
    checkTransform(f, 'pipeline.target.transform');
    checkScaler(f, 'pipeline.target.scaler', 1);
    const encodings = f.array('pipeline.features', m.data.features.length, 'feature encoding', (x) => typeof x === 'object' && x !== null);
    let width = 0;
    encodings.forEach((_, i) => {
      const path = `pipeline.features.${i}`;
      f.string(`${path}.column`);
      if (f.oneOf(`${path}.kind`, ['numeric', 'one-hot'] as const) === 'numeric') {
        checkTransform(f, `${path}.transform`);
        checkScaler(f, `${path}.scaler`, 1);
        width += 1;
      } else {
        width += f.array(`${path}.categories`, undefined, 'string', (x) => typeof x === 'string').length;
      }
    });
    if (width !== features) f.bad('pipeline.features', `encodings of network.features (${features}) inputs`, `${width} inputs`);
  }

  f.oneOf('training.forecastReset', ['never', 'step'] as const);

  const values = f.array('history.values', undefined, 'finite number', finiteNumber);
  f.array('history.times', values.length, 'string', (x) => typeof x === 'string');
  const columns = f.get('history.columns');
  if (columns !== undefined) {
    if (typeof columns !== 'object' || columns === null) f.bad('history.columns', 'an object of columns', columns);
    for (const name of Object.keys(columns as object)) f.array(`history.columns.${name}`, values.length, 'value', (x) => typeof x === 'string' || finiteNumber(x));
  }
  return m;
}

/** Checks the task (absent: regression) against the network's head and outputs; returns its kind. */
function checkTask(f: Fields, outputs: number): 'regression' | 'classify' {
  if (f.get('task') === undefined) {
    if (f.get('network.head') !== undefined && f.get('network.head') !== 'linear') f.bad('network.head', 'linear for a regression model', f.get('network.head'));
    return 'regression';
  }
  if (f.oneOf('task.kind', ['regression', 'classify'] as const) === 'regression') return 'regression';
  const classes = f.array('task.classes', undefined, 'string', (x) => typeof x === 'string') as string[];
  if (classes.length < 2) f.bad('task.classes', 'an array of at least 2 strings', classes);
  const duplicate = classes.findIndex((c, i) => classes.indexOf(c) !== i);
  if (duplicate >= 0) f.bad(`task.classes[${duplicate}]`, 'a class not listed before', classes[duplicate]);
  const labels = f.oneOf('task.labels', ['per-sample', 'per-step'] as const);
  const head = f.oneOf('task.head', classes.length === 2 ? (['sigmoid'] as const) : (['softmax'] as const));
  if (f.get('network.head') !== head) f.bad('network.head', `task.head (${head})`, f.get('network.head'));
  const expected = head === 'sigmoid' ? 1 : classes.length;
  if (outputs !== expected) f.bad('network.outputs', `${expected} for a ${head} head over ${classes.length} classes`, outputs);
  if ((f.get('network.perStep') === true) !== (labels === 'per-step')) f.bad('network.perStep', labels === 'per-step' ? 'true for per-step labels' : 'absent or false for per-sample labels', f.get('network.perStep'));
  const columns = f.array('task.targetColumns', undefined, 'string', (x) => typeof x === 'string');
  if (columns.length === 0) f.bad('task.targetColumns', 'an array of at least 1 string', columns);
  return 'classify';
}

/**
 * A version 1 record read as version 2: one input, the target differenced at --diff, scaled
 * per lag (kept in pipeline.scaler for the forecast's inputs).
 */
function upgradeVersion1(m: ModelMetadata): void {
  const p = m.pipeline;
  const column = m.data.column;
  const transform = p.diff > 0 ? { kind: 'diff' as const, lag: p.diff } : { kind: 'none' as const };
  p.horizon = 1;
  p.framing = { kind: 'window', lags: p.lags, horizon: 1 };
  p.features = [{ column, kind: 'numeric', transform, scaler: oneColumn(p.scaler!, p.lags - 1) }];
  p.target = { column, transform, scaler: oneColumn(p.scaler!, p.lags) };
  m.data.features = [column];
  m.data.roles = { [column]: ['target', 'feature'] };
}

/** Column c of a multi-column scaler, as a one-column scaler. */
function oneColumn(s: ScalerParams, c: number): ScalerParams {
  switch (s.kind) {
    case 'none':
      return { kind: 'none', columns: 1 };
    case 'minmax':
      return { kind: 'minmax', range: s.range, min: [s.min[c]!], max: [s.max[c]!] };
    case 'standard':
      return { kind: 'standard', mean: [s.mean[c]!], std: [s.std[c]!] };
  }
}
