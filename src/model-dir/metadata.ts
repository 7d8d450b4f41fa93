// rnnfc.json: what a saved model needs besides its weights to forecast without the training CSV.
import { ModelError } from '../errors.js';
import type { EngineName, NetworkSpec } from '../engines/types.js';
import type { FeatureEncoding, Framing, Role, RunSettings, ScalerParams, TargetEncoding, TestSize } from '../core/types.js';
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
    /** The target column. */
    column: string;
    /** Feature columns, in the order the network sees them (version 2). */
    features: string[];
    /** The roles of every column the model reads (version 2). */
    roles: Record<string, Role[]>;
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
  network: NetworkSpec;
  /** Every training option as run, and the engine and backend that ran it. */
  training: Pick<RunSettings, TrainingKey> & { engine: EngineName; backend: string; epochsRun?: number; keptEpoch?: number };
  /** Training and validation loss and learning rate of each epoch run. */
  lossHistory?: { epoch: number; loss: number; val_loss: number | null; lr: number }[];
  /** Split-conformal half-widths, when trained with --interval. */
  intervals?: IntervalSet;
  metrics: { rmse: number; mae: number; mape: number | null; persistence_rmse: number | null; skill: number | null };
  /**
   * The last observations of the data, to forecast from when no CSV is given: the target's
   * values, and every other feature column's (version 2).
   */
  history: { times: string[]; values: number[]; columns?: Record<string, (number | string)[]> };
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
  if (!SUPPORTED_VERSIONS.includes(m.formatVersion)) {
    fail(dir, `format version ${String(m.formatVersion)} is not supported by this rnnfc (supports ${SUPPORTED_VERSIONS.join(' and ')}); retrain the model`);
  }
  const n = m.network;
  if (!n || !['lstm', 'gru', 'rnn'].includes(n.cell) || !Array.isArray(n.units) || n.units.length === 0 || !n.units.every((u) => Number.isInteger(u) && u > 0)) {
    fail(dir, 'network description is missing or invalid');
  }
  if (!Number.isInteger(n.timeSteps) || n.timeSteps < 1 || !Number.isInteger(n.features) || n.features < 1 || !Number.isInteger(n.outputs) || n.outputs < 1) {
    fail(dir, 'network shape is invalid');
  }
  if (m.formatVersion === 1) upgradeVersion1(m, dir);
  const p = m.pipeline;
  if (!p || !Number.isInteger(p.diff) || p.diff < 0 || p.lags !== n.timeSteps || !Number.isInteger(p.horizon) || Math.max(1, p.horizon) !== n.outputs) {
    fail(dir, 'pipeline description is missing or invalid');
  }
  if (!Array.isArray(p.features) || !p.target || typeof p.target.column !== 'string' || !p.target.scaler || !p.target.transform) fail(dir, 'pipeline encodings are missing or invalid');
  const width = p.features.reduce((w, f) => w + (f.kind === 'numeric' ? 1 : Array.isArray(f.categories) ? f.categories.length : NaN), 0);
  if (m.formatVersion === 2 && width !== n.features) fail(dir, `pipeline encodings give ${width} inputs but the network has ${n.features}`);
  const h = m.history;
  if (!h || !Array.isArray(h.values) || !Array.isArray(h.times) || h.values.length !== h.times.length || !h.values.every(Number.isFinite)) {
    fail(dir, 'history is missing or invalid');
  }
  if (h.columns !== undefined && (typeof h.columns !== 'object' || !Object.values(h.columns).every((c) => Array.isArray(c) && c.length === h.values.length))) {
    fail(dir, 'history is missing or invalid');
  }
  if (!m.training || !['never', 'step'].includes(m.training.forecastReset)) fail(dir, 'training description is missing or invalid');
  return m;
}

/**
 * A version 1 record read as version 2: one input, the target differenced at --diff, scaled
 * per lag (kept in pipeline.scaler for the forecast's inputs).
 */
function upgradeVersion1(m: ModelMetadata, dir: string): void {
  const p = m.pipeline;
  if (!p || !p.scaler || !m.data || m.network.features !== 1 || m.network.outputs !== 1) fail(dir, 'pipeline description is missing or invalid');
  const column = m.data.column;
  const transform = p.diff > 0 ? { kind: 'diff' as const, lag: p.diff } : { kind: 'none' as const };
  const targetScaler = oneColumn(p.scaler, p.lags);
  p.horizon = 1;
  p.framing = { kind: 'window', lags: p.lags, horizon: 1 };
  p.features = [{ column, kind: 'numeric', transform, scaler: oneColumn(p.scaler, p.lags - 1) }];
  p.target = { column, transform, scaler: targetScaler };
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
