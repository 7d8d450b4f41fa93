// The core types of the data path, from the table a CSV becomes to the windows the network
// sees and the settings of a run. A leaf module: it imports nothing, and everything else imports
// it (load -> table -> windows -> engine -> evaluation -> report). The one exception is the
// time axis type, imported as a type only from the module that reads time labels.
import type { TimeAxis } from '../data/time-index.js';

// ---------------------------------------------------------------------------------------------
// Small choices shared by options, engines and the model record.

export type CellType = 'lstm' | 'gru' | 'rnn';
export type OptimizerName = 'adam' | 'sgd' | 'rmsprop';
/** Regression losses (mse, mae) and the classification losses the head kind calls for. */
export type LossName = 'mse' | 'mae' | 'binary-crossentropy' | 'categorical-crossentropy';
/** The Dense head's activation: linear for regression, sigmoid for two classes, softmax for more. */
export type HeadKind = 'linear' | 'sigmoid' | 'softmax';
export type EngineChoice = 'auto' | 'fused' | 'tfjs';
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
/** When a stateful network's state is zeroed while training. */
export type ResetPolicy = 'epoch' | 'batch' | 'never';
/** Reset the state after every test forecast, or never. */
export type ForecastReset = 'never' | 'step';
/** What to do with empty values in the columns a run reads. */
export type MissingPolicy = 'error' | 'drop' | 'ffill' | 'interpolate';
export type ScaleKind = 'minmax' | 'standard' | 'none';

export interface EarlyStopping {
  /** Stop after this many epochs in a row without a new best validation loss. */
  patience: number;
}

export interface LrPlateau {
  /** The learning rate is multiplied by this (0 < factor < 1)... */
  factor: number;
  /** ...after this many epochs in a row without a new best validation loss. */
  patience: number;
}

/** --season: from the time column's period (auto), none, or a given length in rows. */
export type SeasonOption = { kind: 'auto' } | { kind: 'none' } | { kind: 'fixed'; m: number };

/** auto: classical where the test has at most CLASSICAL_AUTO_ORIGINS origins (each refits it), naive beyond. */
export type BaselineSet = 'auto' | 'naive' | 'classical' | 'none';

/** How the test set is sized: `--test 12` or `--test 20%` (counted in samples). */
export type TestSize = { kind: 'count'; n: number } | { kind: 'fraction'; f: number };

// ---------------------------------------------------------------------------------------------
// The table: the columns a run reads, typed, each with its roles.

/** What a column is for. A column may have two roles (the target is often a feature too). */
export type Role = 'target' | 'feature' | 'time' | 'sequence';

export type ColumnValues =
  | { type: 'number'; values: Float64Array }
  /** Non-numeric values (wind direction "SE", "NW"): a feature is one-hot encoded. */
  | { type: 'category'; values: string[] };

export type TableColumn = ColumnValues & {
  name: string;
  /** 0-based position in the file. */
  index: number;
  roles: Role[];
};

export interface Table {
  /** As given ('-' shown as 'stdin'). */
  file: string;
  /** The columns the run reads (target and features), in the order of `features` then the target. */
  columns: TableColumn[];
  /** The target column's name. */
  target: string;
  /** Feature column names in the order the network sees them. */
  features: string[];
  timeColumn: string | null;
  /** The time column's format, period and gaps (over the rows kept); null without a time column or with sequences. */
  timeAxis: TimeAxis | null;
  /** Time label of each row ("1", "2", ... without a time column). */
  times: string[];
  /** 1-based line of each row in the file, for messages. */
  lines: number[];
  /**
   * Whole sequences as samples: the sequence id of each row (consecutive rows with the same id
   * form one sample). Absent for a table framed into windows.
   */
  sequences?: string[];
  /** The name of the column that holds the sequence ids (long layout); absent otherwise. */
  sequenceColumn?: string;
  /** The wide layout's time-step columns, in order (each row one sample). */
  stepColumns?: string[];
  /** The first row of the --test-file rows, appended after the training file's; absent without one. */
  testFrom?: number;
  /** The --test-file as given, for messages about its rows; absent without one. */
  testFile?: string;
  /**
   * Classification: the target column holds each row's class label (a category column), read
   * from these columns: one column of names or integers, or the 0/1 columns of a one-hot target
   * (the target is then named by them joined with ","). Absent for regression.
   */
  labels?: TableLabels;
  warnings: string[];
}

export interface TableLabels {
  columns: string[];
  /** One-hot rows with no column set, labelled `none`. */
  noneRows: number;
  /** Said once on stderr: why classification was chosen, how many rows have no class. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Encodings: how a column becomes network inputs and outputs. Fitted on training rows only,
// saved with the model.

/** A transform applied before framing; each has an exact inverse. */
export type Transform =
  | { kind: 'none' }
  /** x[t] - x[t - lag] */
  | { kind: 'diff'; lag: number }
  /** x[t] / x[t - 1] - 1 */
  | { kind: 'pct' }
  /** ln x[t] */
  | { kind: 'log' };

export type TransformKind = Transform['kind'];

/** Fitted scaling of one or more columns (each column its own parameters). */
export type ScalerParams =
  | { kind: 'minmax'; range: [number, number]; min: number[]; max: number[] }
  | { kind: 'standard'; mean: number[]; std: number[] }
  | { kind: 'none'; columns: number };

export type FeatureEncoding =
  /** One input: the column transformed, then scaled with its own one-column scaler. */
  | { column: string; kind: 'numeric'; transform: Transform; scaler: ScalerParams }
  /** One input per category seen in the training rows; a category seen later is all zeros. */
  | { column: string; kind: 'one-hot'; categories: string[] };

export interface TargetEncoding {
  column: string;
  transform: Transform;
  /** One column; the same parameters as the target's feature encoding when it is a feature. */
  scaler: ScalerParams;
}

// ---------------------------------------------------------------------------------------------
// The task: how samples are cut from the table and what is predicted. Regression today; a
// classification kind (class labels, one per sample or one per step) fits beside it.

export type Framing =
  /** `lags` rows of every feature in; the next `horizon` target values out (0: the last row's own). */
  | { kind: 'window'; lags: number; horizon: number }
  /** Whole sequences as samples: consecutive rows sharing an id (long) or one row each (wide). */
  | { kind: 'sequence'; layout: 'long' | 'wide'; lags: number | null };

/** Where a classification's labels are: one per sample, or one on every time step of every sample. */
export type LabelsPer = 'per-sample' | 'per-step';

/**
 * What a classifier predicts: one of `classes`, ordered as first seen in the training rows. Its
 * head is a sigmoid over one output (the probability of classes[1]) for two classes, a softmax
 * over one output per class (in the order of `classes`) for more. `targetColumns` holds the
 * label column, or the 0/1 columns of a one-hot target (a row with none set is class `none`).
 */
export interface ClassLabels {
  classes: string[];
  labels: LabelsPer;
  head: 'sigmoid' | 'softmax';
  targetColumns: string[];
}

export type Task = { kind: 'regression'; framing: Framing } | ({ kind: 'classify'; framing: Framing } & ClassLabels);

/** --task: classify or regress (regress unless the target column is not numeric). */
export type TaskChoice = 'classify' | 'regress';

/**
 * Samples as the network sees them, flat and row-major: x [samples, steps, features],
 * y [samples, outputs].
 */
export interface Windows {
  samples: number;
  steps: number;
  features: number;
  outputs: number;
  x: Float32Array;
  y: Float32Array;
  /**
   * Per sample, the table row of the last input step. A window's targets are rows
   * end + 1 .. end + horizon (horizon 0: the row itself).
   */
  end: Int32Array;
  /**
   * Classification: the class index of each target, [samples] or [samples, steps] for per-step
   * labels. y then holds the same labels as the loss reads them: the index itself (0/1) under a
   * sigmoid head, one-hot rows under a softmax.
   */
  labels?: Int32Array;
}

// ---------------------------------------------------------------------------------------------
// The settings of one training run (not where its results go).

export interface PipelineOptions {
  /** Lag of `diff` (0: no transform unless --transform says otherwise). */
  diff: number;
  lags: number;
  horizon: number;
  test: TestSize;
  /** Samples held out for validation: the last training samples before the test set. */
  validation?: TestSize;
  /** Keep only the last n training samples. */
  trainSize?: number;
  scale: ScaleKind;
  range: [number, number];
  /** --transform: one kind for every numeric column, and/or kinds per column name. */
  transform?: { all?: TransformKind; columns: Record<string, TransformKind> };
  /** Whole sequences as samples: the id column (long layout). */
  sequenceColumn?: string;
  /** `wide`: each row one sample, its numeric columns other than the target its time steps. */
  layout: 'long' | 'wide';
  /** Whether --range was given (else it depends on the inputs: see pipeline/dataset.ts scaleRange). */
  rangeGiven?: boolean;
  /** Whether --lags was given (whole sequences then use the last `lags` rows of each). */
  lagsGiven?: boolean;
}

export type ClassWeight = 'none' | 'balanced';

export interface RunSettings {
  /** --task: classify or regress; absent: regress, unless the target column is not numeric. */
  task?: TaskChoice;
  /** --labels: one label per sample, or one on every time step (classification). */
  labels: LabelsPer;
  /** --class-weight: weigh each class's targets so that every class counts the same (classification). */
  classWeight: ClassWeight;
  /** --target (alias --column): a name or a 1-based index. Default: the last numeric column. */
  target?: string;
  /** --features as given: names, 1-based indexes, ranges (2-9) or `all`. Default: the target. */
  features?: string;
  timeColumn?: string;
  missing: MissingPolicy;
  /** --test-file: a second file with the same columns whose samples are the test set. */
  testFile?: string;
  pipeline: PipelineOptions;
  cell: CellType;
  units: number[];
  dropout: number;
  stateful: boolean;
  reset: ResetPolicy;
  shuffle: boolean;
  batchSize: number;
  epochs: number;
  lr: number;
  optimizer: OptimizerName;
  loss: LossName;
  seed: number;
  forecastReset: ForecastReset;
  prime: boolean;
  /** Stop when the validation loss stops improving (needs pipeline.validation). */
  earlyStopping?: EarlyStopping;
  /** Lower the learning rate when the validation loss stops improving (needs pipeline.validation). */
  lrPlateau?: LrPlateau;
  engine: EngineChoice;
  backend: BackendChoice;
  /** The season of the baselines: from the time column's period, none, or a given length. */
  season: SeasonOption;
  /** Which baselines are evaluated beside the network. */
  baselines: BaselineSet;
}
