// Every option of `rnnfc train`, declared once: the CLI builds its flags and help from this
// table, and `rnnfc compare` validates experiment files against the same names and parsers.
import { UsageError } from '../errors.js';
import type { BaselineSet, CellType, ClassWeight, LabelsPer, TaskChoice, EarlyStopping, LrPlateau, LossName, OptimizerName, ResetPolicy, BackendChoice, ForecastReset, EngineChoice, RunSettings, ScaleKind, SeasonOption, TestSize, TransformKind } from '../core/types.js';
import type { NetworkSpec } from '../engines/types.js';
import { choice, flag, integer, number, text } from './parse-values.js';

export type { EngineChoice, RunSettings } from '../core/types.js';

export const DEFAULT_SETTINGS: RunSettings = {
  labels: 'per-sample',
  classWeight: 'none',
  missing: 'error',
  pipeline: { diff: 1, lags: 1, horizon: 1, test: { kind: 'count', n: 12 }, scale: 'minmax', range: [-1, 1], layout: 'long' },
  cell: 'lstm',
  units: [1],
  dropout: 0,
  stateful: false,
  reset: 'epoch',
  shuffle: false,
  batchSize: 1,
  epochs: 1000,
  lr: 0.001,
  optimizer: 'adam',
  loss: 'mse',
  seed: 1,
  forecastReset: 'never',
  prime: false,
  engine: 'auto',
  backend: 'auto',
  season: { kind: 'auto' },
  baselines: 'auto',
};

type Raw = string | number | boolean;

export interface OptionDef {
  /** Long name as typed on the command line, without dashes. */
  name: string;
  /** `<value>` placeholder, or null for a switch. */
  arg: string | null;
  description: string;
  /** Shown in help. */
  defaultText?: string;
  apply(settings: RunSettings, value: Raw): void;
}

function testSize(value: Raw, option = 'test'): TestSize {
  const s = String(value).trim();
  const m = /^(\d+(?:\.\d+)?)%$/.exec(s);
  if (m) {
    const f = Number(m[1]) / 100;
    if (f > 0 && f < 1) return { kind: 'fraction', f };
  } else {
    const n = Number(s);
    if (s !== '' && Number.isInteger(n) && n >= 1) return { kind: 'count', n };
  }
  throw new UsageError(`--${option} must be a positive number of rows or a percentage between 0% and 100% (exclusive), got ${s}`);
}

function lrPlateau(value: Raw): LrPlateau {
  const parts = String(value).split(',').map((p) => p.trim());
  const factor = parts[0] === '' ? NaN : Number(parts[0]);
  const patience = parts[1] === undefined || parts[1] === '' ? NaN : Number(parts[1]);
  if (parts.length !== 2 || !(factor > 0 && factor < 1) || !Number.isInteger(patience) || patience < 1) {
    throw new UsageError(`--lr-plateau must be FACTOR,PATIENCE: a factor between 0 and 1 (exclusive) and a positive number of epochs (e.g. 0.5,10), got ${String(value)}`);
  }
  return { factor, patience };
}

function season(value: Raw): SeasonOption {
  const s = String(value).trim();
  if (s === 'auto') return { kind: 'auto' };
  if (s === 'none') return { kind: 'none' };
  const m = Number(s);
  if (s !== '' && Number.isInteger(m) && m >= 2) return { kind: 'fixed', m };
  throw new UsageError(`--season must be a season length of at least 2, none or auto, got ${s === '' ? '""' : s}`);
}

const TRANSFORMS = ['diff', 'pct', 'log', 'none'] as const;

/** --transform diff, or per column: --transform pollution=diff,temp=none (a bare kind sets the rest). */
function transformSpec(value: Raw): { all?: TransformKind; columns: Record<string, TransformKind> } {
  const out: { all?: TransformKind; columns: Record<string, TransformKind> } = { columns: {} };
  for (const part of String(value).split(',').map((p) => p.trim())) {
    const eq = part.lastIndexOf('=');
    const kind = (eq < 0 ? part : part.slice(eq + 1).trim()) as TransformKind;
    const column = eq < 0 ? null : part.slice(0, eq).trim();
    if (!TRANSFORMS.includes(kind) || column === '') {
      throw new UsageError(`--transform must be one of ${TRANSFORMS.join(', ')}, or column=kind pairs (e.g. pollution=diff,temp=none), got ${JSON.stringify(String(value))}`);
    }
    if (column === null) out.all = kind;
    else out.columns[column] = kind;
  }
  return out;
}

function unitsList(value: Raw): number[] {
  const parts = String(value).split(',');
  return parts.map((p) => integer('units', p.trim(), 1));
}

/**
 * The network computes in 32-bit floats: a target range near the largest double overflows to
 * Infinity (NaN losses, "diverged"), and one of 1e-300 underflows to zeros (nothing to learn).
 */
const RANGE_LIMIT = 1000;
const RANGE_MIN_SPAN = 0.001;

function range(value: Raw): [number, number] {
  const parts = String(value).split(',').map((p) => (p.trim() === '' ? NaN : Number(p.trim())));
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[0]! < parts[1]!)) {
    throw new UsageError(`--range must be two increasing numbers a,b (e.g. -1,1), got ${String(value)}`);
  }
  const [a, b] = parts as [number, number];
  if (a < -RANGE_LIMIT || b > RANGE_LIMIT || b - a < RANGE_MIN_SPAN) {
    throw new UsageError(
      `--range must lie within -${RANGE_LIMIT},${RANGE_LIMIT} and span at least ${RANGE_MIN_SPAN} (the network computes in 32-bit floats), got ${String(value)}`,
    );
  }
  return [a, b];
}

export const TRAIN_OPTIONS: OptionDef[] = [
  { name: 'target', arg: '<name|index>', description: 'the column to predict (default: the last numeric column)', apply: (s, v) => (s.target = text('target', v)) },
  { name: 'column', arg: '<name|index>', description: 'the same as --target', apply: (s, v) => (s.target = text('column', v)) },
  { name: 'features', arg: '<cols>', description: 'input columns: names, 1-based indexes, ranges (2-9) or all (default: the target alone)', apply: (s, v) => (s.features = text('features', v)) },
  { name: 'time-column', arg: '<name|index>', description: 'time column (default: the first column when it holds periods or dates)', apply: (s, v) => (s.timeColumn = text('time-column', v)) },
  { name: 'missing', arg: '<policy>', description: 'missing values: error, drop, ffill or interpolate', defaultText: 'error', apply: (s, v) => (s.missing = choice('missing', v, ['error', 'drop', 'ffill', 'interpolate'] as const)) },
  { name: 'task', arg: '<kind>', description: 'classify or regress (default: regress, classify when the target is not numeric)', apply: (s, v) => (s.task = choice<TaskChoice>('task', v, ['classify', 'regress'])) },
  { name: 'labels', arg: '<where>', description: 'classification: one label per sample (per-sample) or one on every time step (per-step)', defaultText: 'per-sample', apply: (s, v) => (s.labels = choice<LabelsPer>('labels', v, ['per-sample', 'per-step'])) },
  { name: 'class-weight', arg: '<kind>', description: 'classification: none, or balanced (each class weighs the same in the loss)', defaultText: 'none', apply: (s, v) => (s.classWeight = choice<ClassWeight>('class-weight', v, ['none', 'balanced'])) },
  { name: 'diff', arg: '<k>', description: 'difference at lag k (0 for none); the lag of --transform diff', defaultText: '1', apply: (s, v) => (s.pipeline.diff = integer('diff', v, 0)) },
  { name: 'lags', arg: '<n>', description: 'time steps per sample: rows of every feature in', defaultText: '1', apply: (s, v) => { s.pipeline.lags = integer('lags', v, 1); s.pipeline.lagsGiven = true; } },
  { name: 'horizon', arg: '<h>', description: 'target values per sample: the next h (0: the last input row\'s own)', defaultText: '1', apply: (s, v) => (s.pipeline.horizon = integer('horizon', v, 0)) },
  { name: 'transform', arg: '<kind|col=kind,...>', description: 'diff, pct, log or none, for every numeric column or per column (default: diff at --diff)', apply: (s, v) => (s.pipeline.transform = transformSpec(v)) },
  { name: 'test', arg: '<n|p%>', description: 'test samples at the end: a count or a percentage', defaultText: '12', apply: (s, v) => (s.pipeline.test = testSize(v)) },
  { name: 'validation', arg: '<n|p%>', description: 'hold out the last training samples before the test: a count or a percentage of the training samples', apply: (s, v) => (s.pipeline.validation = testSize(v, 'validation')) },
  { name: 'test-file', arg: '<file>', description: 'evaluate on the samples of this file (same columns) instead of the last --test samples', apply: (s, v) => (s.testFile = text('test-file', v)) },
  { name: 'sequence-column', arg: '<name|index>', description: 'whole sequences as samples: consecutive rows with the same value form one, its target on its last row', apply: (s, v) => (s.pipeline.sequenceColumn = text('sequence-column', v)) },
  { name: 'layout', arg: '<long|wide>', description: 'wide: each row one sample whose numeric columns other than the target are its time steps', defaultText: 'long', apply: (s, v) => (s.pipeline.layout = choice('layout', v, ['long', 'wide'] as const)) },
  { name: 'train-size', arg: '<n>', description: 'keep only the last n training samples', apply: (s, v) => (s.pipeline.trainSize = integer('train-size', v, 1)) },
  { name: 'scale', arg: '<kind>', description: 'scaling fitted on training rows: minmax, standard or none', defaultText: 'minmax', apply: (s, v) => (s.pipeline.scale = choice<ScaleKind>('scale', v, ['minmax', 'standard', 'none'])) },
  { name: 'range', arg: '<a,b>', description: 'the range minmax scales every numeric column to', defaultText: '-1,1 for the target alone, 0,1 with other input columns', apply: (s, v) => { s.pipeline.range = range(v); s.pipeline.rangeGiven = true; } },
  { name: 'cell', arg: '<type>', description: 'recurrent cell: lstm, gru or rnn', defaultText: 'lstm', apply: (s, v) => (s.cell = choice<CellType>('cell', v, ['lstm', 'gru', 'rnn'])) },
  { name: 'units', arg: '<n[,n...]>', description: 'units per layer; a list stacks layers (e.g. 32,16)', defaultText: '1', apply: (s, v) => (s.units = unitsList(v)) },
  { name: 'dropout', arg: '<p>', description: 'dropout rate on the inputs of each recurrent layer', defaultText: '0', apply: (s, v) => (s.dropout = number('dropout', v, { min: 0, maxExclusive: 1 })) },
  { name: 'stateful', arg: null, description: 'carry the state across batches (fixed batch size, rows in time order)', apply: (s, v) => (s.stateful = flag('stateful', v)) },
  { name: 'reset', arg: '<when>', description: 'when a stateful network is reset while training: epoch, batch or never', defaultText: 'epoch', apply: (s, v) => (s.reset = choice<ResetPolicy>('reset', v, ['epoch', 'batch', 'never'])) },
  { name: 'shuffle', arg: null, description: 'shuffle training rows every epoch (stateless only)', apply: (s, v) => (s.shuffle = flag('shuffle', v)) },
  { name: 'batch-size', arg: '<n>', description: 'rows per batch', defaultText: '1', apply: (s, v) => (s.batchSize = integer('batch-size', v, 1)) },
  { name: 'epochs', arg: '<n>', description: 'training epochs', defaultText: '1000', apply: (s, v) => (s.epochs = integer('epochs', v, 1)) },
  { name: 'lr', arg: '<rate>', description: 'learning rate', defaultText: '0.001', apply: (s, v) => (s.lr = number('lr', v, { minExclusive: 0 })) },
  { name: 'optimizer', arg: '<name>', description: 'adam, sgd or rmsprop', defaultText: 'adam', apply: (s, v) => (s.optimizer = choice<OptimizerName>('optimizer', v, ['adam', 'sgd', 'rmsprop'])) },
  { name: 'loss', arg: '<name>', description: 'mse or mae', defaultText: 'mse', apply: (s, v) => (s.loss = choice<LossName>('loss', v, ['mse', 'mae'])) },
  { name: 'seed', arg: '<n>', description: 'random seed: the same seed gives the same numbers', defaultText: '1', apply: (s, v) => (s.seed = integer('seed', v, 0)) },
  { name: 'early-stopping', arg: '<patience>', description: 'stop after this many epochs without a better validation loss and keep the best epoch (needs --validation)', apply: (s, v) => (s.earlyStopping = { patience: integer('early-stopping', v, 1) }) },
  { name: 'lr-plateau', arg: '<factor,patience>', description: 'multiply the learning rate by factor after patience epochs without a better validation loss (needs --validation)', apply: (s, v) => (s.lrPlateau = lrPlateau(v)) },
  { name: 'forecast-reset', arg: '<when>', description: 'reset the state after each test forecast: never or step', defaultText: 'never', apply: (s, v) => (s.forecastReset = choice<ForecastReset>('forecast-reset', v, ['never', 'step'])) },
  { name: 'prime', arg: null, description: 'run the training rows through the model before the test', apply: (s, v) => (s.prime = flag('prime', v)) },
  { name: 'season', arg: '<m|none|auto>', description: "season length of the baselines (auto: 12 monthly, 4 quarterly, 7 daily, 24 hourly, from the time column)", defaultText: 'auto', apply: (s, v) => (s.season = season(v)) },
  { name: 'baselines', arg: '<set>', description: 'baselines beside the network: naive (persistence, seasonal naive, mean), classical (adds Holt-Winters, refitted at each test origin), none, or auto (classical up to 200 test origins, naive beyond)', defaultText: 'auto', apply: (s, v) => (s.baselines = choice<BaselineSet>('baselines', v, ['auto', 'naive', 'classical', 'none'])) },
  { name: 'engine', arg: '<name>', description: 'auto, fused (our CPU kernels) or tfjs', defaultText: 'auto', apply: (s, v) => (s.engine = choice<EngineChoice>('engine', v, ['auto', 'fused', 'tfjs'])) },
  { name: 'backend', arg: '<name>', description: 'tfjs backend: auto, tensorflow, wasm or cpu', defaultText: 'auto', apply: (s, v) => (s.backend = choice<BackendChoice>('backend', v, ['auto', 'tensorflow', 'wasm', 'cpu'])) },
];

export const TRAIN_OPTION_NAMES = TRAIN_OPTIONS.map((o) => o.name);

export function cloneSettings(s: RunSettings): RunSettings {
  const transform = s.pipeline.transform && { ...s.pipeline.transform, columns: { ...s.pipeline.transform.columns } };
  return {
    ...s,
    units: [...s.units],
    pipeline: { ...s.pipeline, range: [...s.pipeline.range] as [number, number], ...(transform ? { transform } : {}) },
    season: { ...s.season },
    ...(s.earlyStopping ? { earlyStopping: { ...s.earlyStopping } } : {}),
    ...(s.lrPlateau ? { lrPlateau: { ...s.lrPlateau } } : {}),
  };
}

/**
 * Settings from option values keyed by long name (`{"batch-size": "12", stateful: true}`).
 * Unknown names are a UsageError listing the valid ones; `context` prefixes messages.
 */
export function settingsFrom(values: Record<string, Raw | undefined>, base: RunSettings = DEFAULT_SETTINGS, context = ''): RunSettings {
  const settings = cloneSettings(base);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const def = TRAIN_OPTIONS.find((o) => o.name === name);
    if (!def) throw new UsageError(`${context}unknown option "${name}"; valid options are: ${TRAIN_OPTION_NAMES.join(', ')}`);
    try {
      def.apply(settings, value);
    } catch (e) {
      if (e instanceof UsageError && context) throw new UsageError(context + e.message);
      throw e;
    }
  }
  checkConsistency(settings, context);
  return settings;
}

/** Rules between options. */
export function checkConsistency(s: RunSettings, context = ''): void {
  if (s.pipeline.sequenceColumn !== undefined && s.pipeline.layout === 'wide') {
    throw new UsageError(`${context}--sequence-column and --layout wide are two layouts of whole sequences; give one`);
  }
  if (s.task === 'regress') {
    for (const [option, given] of [[`--labels ${s.labels}`, s.labels !== 'per-sample'], [`--class-weight ${s.classWeight}`, s.classWeight !== 'none']] as const) {
      if (given) throw new UsageError(`${context}${option} applies to classification; it cannot be used with --task regress`);
    }
  }
  if (s.shuffle && s.stateful) {
    throw new UsageError(`${context}--shuffle cannot be used with --stateful: a stateful network carries its state from one row to the next, so rows must stay in time order`);
  }
  // Options about the state carried between rows mean nothing to a stateless network, which
  // starts every row from a zero state: accepting them would run something else than asked.
  const stateOnly: [string, boolean, string][] = [
    ['--prime', s.prime, 'there is no state to prime'],
    ['--forecast-reset step', s.forecastReset === 'step', 'its state is reset after every forecast anyway'],
    [`--reset ${s.reset}`, s.reset !== 'epoch', `its state is reset after every row, whatever --reset says`],
  ];
  for (const [option, given, why] of stateOnly) {
    if (given && !s.stateful) throw new UsageError(`${context}${option} needs --stateful: a stateless network starts every row from a zero state, so ${why}`);
  }
  if (s.engine === 'fused' && s.backend !== 'auto') {
    throw new UsageError(`${context}--backend ${s.backend} applies to the tfjs engine only; use --engine tfjs, or leave --backend out with --engine fused`);
  }
  for (const [name, given] of [['early-stopping', s.earlyStopping], ['lr-plateau', s.lrPlateau]] as const) {
    if (given && !s.pipeline.validation) {
      throw new UsageError(`${context}--${name} needs --validation: it watches the loss on the held-out validation rows`);
    }
  }
}

/** The network a run trains, for samples of `shape` (whole sequences set their own steps). */
export function networkSpec(s: RunSettings, shape: { steps: number; features: number; outputs: number }): NetworkSpec {
  return {
    cell: s.cell,
    units: [...s.units],
    timeSteps: shape.steps,
    features: shape.features,
    outputs: shape.outputs,
    dropout: s.dropout,
    stateful: s.stateful,
    batchSize: s.batchSize,
  };
}

/** `--interval 0.8,0.95`: distinct levels strictly between 0 and 1, in increasing order. */
export function intervalLevels(value: Raw): number[] {
  const parts = String(value).split(',').map((p) => p.trim());
  const levels = parts.map((p) => (p === '' ? NaN : Number(p)));
  if (parts.length === 0 || !levels.every((l) => l > 0 && l < 1)) {
    throw new UsageError(`--interval must be levels between 0 and 1 (exclusive), separated by commas (e.g. 0.8,0.95), got ${String(value)}`);
  }
  return [...new Set(levels)].sort((a, b) => a - b);
}
