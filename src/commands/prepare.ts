// rnnfc prepare: what the network will see: the columns and their roles, the time axis, the fitted
// encodings and scalers, the sample shape, the split, and the framed, scaled samples.
import { loadTable } from '../data/load.js';
import { describeFormat } from '../data/time-format.js';
import { describePeriod, type Gap } from '../data/time-index.js';
import { buildDataset, rowLabel } from '../pipeline/dataset.js';
import { sampleInputs } from '../pipeline/windows.js';
import type { FeatureEncoding, Role, RunSettings, TargetEncoding, Windows } from '../core/types.js';

export interface PrepareOptions {
  file: string;
  settings: RunSettings;
}

export interface PreparedRow {
  /** Time of the sample's first target row. */
  time: string;
  set: 'train' | 'test';
  /** Scaled inputs, [steps, features] flattened, oldest step first. */
  inputs: number[];
  /** Scaled targets, one per horizon step. */
  targets: number[];
}

export interface PreparedColumn {
  name: string;
  roles: Role[];
  type: 'number' | 'category';
}

/** The time column's axis as prepare reports it. */
export interface PreparedTime {
  /** How the labels are written: "YYYY-MM", "DD/MM/YYYY". */
  format: string;
  /** "1 day", "1 month"; null when no step makes up more than half of all steps. */
  period: string | null;
  /** Whole periods missing between consecutive rows, which are treated as consecutive all the same. */
  gaps: Gap[];
  /** Steps that are not a whole number of periods. */
  irregularSteps: number;
}

export interface PrepareResult {
  file: string;
  /** The target column. */
  column: string;
  timeColumn: string | null;
  time: PreparedTime | null;
  /** What names each sample row: its time, or the id of its sequence for whole sequences. */
  rowHeading: 'time' | 'sequence';
  columns: PreparedColumn[];
  diff: number;
  lags: number;
  horizon: number;
  features: FeatureEncoding[];
  target: TargetEncoding;
  /** Names of the network's inputs (`temp`, `wnd_dir=SE`), in order. */
  inputNames: string[];
  shape: { samples: number; steps: number; features: number; outputs: number };
  counts: { observations: number; differences: number; rows: number; train: number; test: number; dropped: number };
  rows: PreparedRow[];
  /** A classifier's labels: the classes in order, how each is encoded as a target, how many training targets each has. */
  classification?: PreparedClasses;
  /** Said once on stderr (why classification was chosen, one-hot rows with no class). */
  notes?: string[];
  warnings: string[];
}

export interface PreparedClasses {
  classes: string[];
  labels: 'per-sample' | 'per-step';
  head: 'sigmoid' | 'softmax';
  targetColumns: string[];
  /** Training targets of each class, in class order. */
  trainCounts: number[];
}

export async function prepare(options: PrepareOptions): Promise<PrepareResult> {
  const { table } = await loadTable(options.file, options.settings);
  const d = buildDataset(table, options.settings.pipeline, { labels: options.settings.labels });
  const { lags, diff, horizon } = d.options;
  const targetsPerSample = d.train.y.length / Math.max(1, d.train.samples) || d.train.outputs;
  // one loop into one array: a million rows are too many to map into two arrays and spread
  const rows: PreparedRow[] = [];
  const add = (set: 'train' | 'test', w: Windows) => {
    for (let s = 0; s < w.samples; s++) {
      const end = w.end[s]!;
      rows.push({
        // a classifier's label is on row end + horizon
        time: rowLabel(table, horizon === 0 ? end : d.classes ? end + horizon : end + 1),
        set,
        inputs: Array.from(sampleInputs(w, s)),
        targets: Array.from(w.y.subarray(s * targetsPerSample, (s + 1) * targetsPerSample)),
      });
    }
  };
  add('train', d.train);
  add('test', d.test);
  const observations = table.times.length;
  return {
    file: table.file,
    column: table.target,
    timeColumn: table.timeColumn,
    time: table.timeAxis && {
      format: describeFormat(table.timeAxis.format),
      period: table.timeAxis.period && describePeriod(table.timeAxis.period),
      gaps: table.timeAxis.gaps,
      irregularSteps: table.timeAxis.irregularSteps,
    },
    columns: table.columns.map((c) => ({ name: c.name, roles: c.roles, type: c.type })),
    rowHeading: table.sequences ? 'sequence' : 'time',
    diff,
    lags,
    horizon,
    features: d.features,
    target: d.target,
    inputNames: d.encoded.names,
    shape: { samples: d.train.samples + d.test.samples, steps: d.train.steps, features: d.train.features, outputs: d.train.outputs },
    counts: {
      observations,
      differences: observations - d.start,
      rows: d.framed,
      train: d.train.samples,
      test: d.test.samples,
      dropped: d.dropped,
    },
    rows,
    ...(d.task.kind === 'classify'
      ? {
          classification: {
            classes: d.task.classes,
            labels: d.task.labels,
            head: d.task.head,
            targetColumns: d.task.targetColumns,
            trainCounts: d.task.classes.map((_, c) => d.train.labels!.filter((l) => l === c).length),
          },
          notes: table.labels?.notes ?? [],
        }
      : {}),
    warnings: [...table.warnings, ...d.warnings],
  };
}
