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

/** Parses rnnfc.json and checks the fields forecasting relies on. */
export function validateMetadata(text: string, dir: string): ModelMetadata {
  let m: ModelMetadata;
  try {
    m = JSON.parse(text);
  } catch (e) {
    fail(dir, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof m !== 'object' || m === null || m.format !== METADATA_FORMAT) fail(dir, 'not an rnnfc model description');
  if (m.formatVersion !== METADATA_VERSION) {
    fail(dir, `format version ${String(m.formatVersion)} is not supported by this rnnfc (supports ${METADATA_VERSION}); retrain the model`);
  }
  const n = m.network;
  if (!n || !['lstm', 'gru', 'rnn'].includes(n.cell) || !Array.isArray(n.units) || n.units.length === 0 || !n.units.every((u) => Number.isInteger(u) && u > 0)) {
    fail(dir, 'network description is missing or invalid');
  }
  if (!Number.isInteger(n.timeSteps) || n.timeSteps < 1 || n.features !== 1 || n.outputs !== 1) fail(dir, 'network shape is invalid');
  const p = m.pipeline;
  if (!p || !Number.isInteger(p.diff) || p.diff < 0 || p.lags !== n.timeSteps || !p.scaler) fail(dir, 'pipeline description is missing or invalid');
  const h = m.history;
  if (!h || !Array.isArray(h.values) || !Array.isArray(h.times) || h.values.length !== h.times.length || !h.values.every(Number.isFinite)) {
    fail(dir, 'history is missing or invalid');
  }
  if (!m.training || !['never', 'step'].includes(m.training.forecastReset)) fail(dir, 'training description is missing or invalid');
  return m;
}
