// rnnfc.json: what a saved model needs besides its weights to forecast without the training CSV.
import { ModelError } from '../errors.js';
import type { EngineName, NetworkSpec } from '../engines/types.js';
import type { RunSettings } from '../options/train-options.js';
import type { TestSize } from '../pipeline/framing.js';
import type { ScalerParams } from '../transforms/scaler.js';
import type { IntervalSet } from '../evaluate/conformal.js';

export const METADATA_FORMAT = 'rnnfc-model';
export const METADATA_VERSION = 1;

export const TRAINING_KEYS = [
  'cell', 'units', 'dropout', 'stateful', 'reset', 'shuffle', 'batchSize', 'epochs', 'lr', 'optimizer', 'loss', 'seed', 'forecastReset', 'prime',
  'earlyStopping', 'lrPlateau',
] as const;
type TrainingKey = (typeof TRAINING_KEYS)[number];

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
    column: string;
  };
  pipeline: {
    diff: number;
    lags: number;
    test: TestSize;
    trainSize: number | null;
    /** Rows held out for validation (absent in models written before validation existed). */
    validation?: TestSize | null;
    scaler: ScalerParams;
  };
  network: NetworkSpec;
  /** Every training option as run, and the engine and backend that ran it. */
  training: Pick<RunSettings, TrainingKey> & { engine: EngineName; backend: string; epochsRun?: number; keptEpoch?: number };
  /** Training and validation loss and learning rate of each epoch run. */
  lossHistory?: { epoch: number; loss: number; val_loss: number | null; lr: number }[];
  /** Split-conformal half-widths, when trained with --interval. */
  intervals?: IntervalSet;
  metrics: { rmse: number; mae: number; mape: number | null; persistence_rmse: number; skill: number };
  /** The last observations of the data, to forecast from when no CSV is given. */
  history: { times: string[]; values: number[] };
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
    for (const key of path.split('.')) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
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

/** Parses rnnfc.json and checks every field that forecasting reads. */
export function validateMetadata(text: string, dir: string): ModelMetadata {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(dir, `not valid JSON (${(e as Error).message})`);
  }
  const f = new Fields(doc, dir);
  if (typeof doc !== 'object' || doc === null || f.get('format') !== METADATA_FORMAT) fail(dir, 'not an rnnfc model description');
  if (f.get('formatVersion') !== METADATA_VERSION) {
    fail(dir, `format version ${String(f.get('formatVersion'))} is not supported by this rnnfc (supports ${METADATA_VERSION}); retrain the model`);
  }
  const m = doc as ModelMetadata;

  f.string('data.column');
  f.string('data.timeColumn', true);

  f.oneOf('network.cell', ['lstm', 'gru', 'rnn'] as const);
  f.array('network.units', undefined, 'positive integer', (u) => Number.isInteger(u) && (u as number) > 0);
  if (m.network.units.length === 0) f.bad('network.units', 'an array of positive integers', []);
  const timeSteps = f.integer('network.timeSteps', 1);
  if (f.get('network.features') !== 1) f.bad('network.features', '1', f.get('network.features'));
  if (f.get('network.outputs') !== 1) f.bad('network.outputs', '1', f.get('network.outputs'));
  const dropout = f.finite('network.dropout');
  if (dropout < 0 || dropout >= 1) f.bad('network.dropout', 'a number from 0 to below 1', dropout);
  f.boolean('network.stateful');
  f.integer('network.batchSize', 1);

  f.integer('pipeline.diff', 0);
  const lags = f.integer('pipeline.lags', 1);
  if (lags !== timeSteps) f.bad('pipeline.lags', `network.timeSteps (${timeSteps})`, lags);
  // One scaler column per lag, and one for the target.
  const columns = lags + 1;
  const kind = f.oneOf('pipeline.scaler.kind', ['minmax', 'standard', 'none'] as const);
  if (kind === 'minmax') {
    const [a, b] = f.array('pipeline.scaler.range', 2, 'finite number', finiteNumber) as [number, number];
    if (!(a < b)) f.bad('pipeline.scaler.range', 'increasing', [a, b]);
    const min = f.array('pipeline.scaler.min', columns, 'finite number', finiteNumber) as number[];
    const max = f.array('pipeline.scaler.max', columns, 'finite number', finiteNumber) as number[];
    const c = min.findIndex((lo, i) => !(lo <= max[i]!));
    if (c >= 0) f.bad(`pipeline.scaler.max[${c}]`, `at least pipeline.scaler.min[${c}] (${min[c]})`, max[c]);
  } else if (kind === 'standard') {
    f.array('pipeline.scaler.mean', columns, 'finite number', finiteNumber);
    f.array('pipeline.scaler.std', columns, 'finite non-negative number', (x) => finiteNumber(x) && (x as number) >= 0);
  } else if (f.get('pipeline.scaler.columns') !== columns) {
    f.bad('pipeline.scaler.columns', String(columns), f.get('pipeline.scaler.columns'));
  }

  f.oneOf('training.forecastReset', ['never', 'step'] as const);

  const values = f.array('history.values', undefined, 'finite number', finiteNumber);
  f.array('history.times', values.length, 'string', (x) => typeof x === 'string');
  return m;
}
