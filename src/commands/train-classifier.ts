// The classification side of `rnnfc train`: what a classifier run reports (its metrics, the
// baselines beside them, the confusion matrix), the per-target predictions it writes, and the
// model record it saves.
import type { LabelsPer, RunSettings, Table } from '../core/types.js';
import { describeFormat } from '../data/time-format.js';
import type { ClassifierOutcome } from '../run/run-classifier.js';
import { METADATA_FORMAT, METADATA_VERSION, TRAINING_KEYS, type ModelMetadata } from '../model-dir/metadata.js';
import { rowLabel } from '../pipeline/dataset.js';
import { VERSION } from '../version.js';
import { csv } from '../render/format.js';

export interface ClassBaselineFigures {
  name: string;
  description: string;
  accuracy: number;
  balancedAccuracy: number;
  f1Macro: number;
  logLoss: number;
}

/** One test target's prediction: the sample's last input row, the labelled row, the classes and their probabilities. */
export interface ClassPrediction {
  origin: string;
  time: string;
  actual: string;
  predicted: string;
  probabilities: number[];
}

export interface ClassificationSummary {
  classes: string[];
  labels: LabelsPer;
  head: 'sigmoid' | 'softmax';
  loss: string;
  targetColumns: string[];
  accuracy: number;
  balancedAccuracy: number;
  f1Macro: number;
  logLoss: number;
  /** Two classes only. */
  rocAuc: number | null;
  /** Rows actual, columns predicted, in the order of `classes`. */
  confusion: number[][];
  baselines: ClassBaselineFigures[];
  skippedBaselines: string[];
  /** The baseline with the best accuracy; null when none was evaluated. */
  bestBaseline: string | null;
  /** 1 - error rate / the best baseline's error rate; null without one (or when it makes no error). */
  skill: number | null;
  /** Balanced class weights trained with, in class order; null without --class-weight balanced. */
  classWeights: number[] | null;
  /** One-hot rows with no class set (labelled `none`). */
  noneRows: number;
  /** Test targets scored (samples, or samples x steps per step). */
  targets: number;
  predictions: ClassPrediction[];
}

export function classificationSummary(run: ClassifierOutcome, table: Table): ClassificationSummary {
  const e = run.evaluation;
  const task = run.dataset.task;
  if (task.kind !== 'classify') throw new RangeError('not a classifier run');
  const steps = task.labels === 'per-step' ? run.dataset.test.steps : 1;
  return {
    classes: e.classes,
    labels: task.labels,
    head: task.head,
    loss: task.head === 'sigmoid' ? 'binary-crossentropy' : 'categorical-crossentropy',
    targetColumns: task.targetColumns,
    accuracy: e.metrics.accuracy,
    balancedAccuracy: e.metrics.balancedAccuracy,
    f1Macro: e.metrics.f1Macro,
    logLoss: e.metrics.logLoss,
    rocAuc: e.metrics.rocAuc,
    confusion: e.metrics.confusion,
    baselines: e.baselines.map((b) => ({ name: b.name, description: b.description, accuracy: b.accuracy, balancedAccuracy: b.balancedAccuracy, f1Macro: b.f1Macro, logLoss: b.logLoss })),
    skippedBaselines: e.skippedBaselines,
    bestBaseline: e.best?.name ?? null,
    skill: e.skill,
    classWeights: run.classWeights,
    noneRows: table.labels?.noneRows ?? 0,
    targets: e.actual.length,
    predictions: e.rows.map((row, i) => ({
      origin: rowLabel(table, run.dataset.test.end[Math.floor(i / steps)]!),
      time: rowLabel(table, row),
      actual: e.classes[e.actual[i]!]!,
      predicted: e.classes[e.predicted[i]!]!,
      probabilities: e.probabilities[i]!,
    })),
  };
}

/** The test predictions as CSV: origin, labelled row, actual and predicted class, then p_<class> per class. */
export function classPredictionsCsv(c: ClassificationSummary): string {
  return csv(
    ['origin', 'time', 'actual', 'predicted', ...c.classes.map((name) => `p_${name}`)],
    c.predictions.map((p) => [p.origin, p.time, p.actual, p.predicted, ...p.probabilities]),
  );
}

/** rnnfc.json of a classifier: the task, labels never scaled, each row's class index as its history. */
export function classifierMetadata(run: ClassifierOutcome, s: RunSettings, table: Table, sha256: string, historyKept: number): ModelMetadata {
  const rows = table.times.length;
  const keep = Math.min(rows, historyKept);
  const d = run.dataset;
  const task = d.task;
  if (task.kind !== 'classify') throw new RangeError('not a classifier run');
  const others = table.columns.filter((c) => c.name !== table.target);
  const m = run.evaluation.metrics;
  return {
    format: METADATA_FORMAT,
    formatVersion: METADATA_VERSION,
    rnnfcVersion: VERSION,
    createdAt: new Date().toISOString(),
    data: {
      file: table.file,
      sha256,
      observations: rows,
      timeColumn: table.timeColumn,
      timeFormat: table.timeAxis ? describeFormat(table.timeAxis.format) : null,
      sequenceColumn: table.sequenceColumn ?? null,
      column: table.target,
      features: table.features,
      roles: Object.fromEntries(table.columns.map((c) => [c.name, c.roles])),
    },
    pipeline: {
      diff: s.pipeline.diff,
      lags: d.options.lags,
      horizon: d.options.horizon,
      framing: task.framing,
      test: s.pipeline.test,
      trainSize: s.pipeline.trainSize ?? null,
      validation: s.pipeline.validation ?? null,
      features: d.features,
      target: d.target,
    },
    task: { kind: 'classify', classes: task.classes, labels: task.labels, head: task.head, targetColumns: task.targetColumns },
    network: run.spec,
    training: {
      ...(Object.fromEntries(TRAINING_KEYS.map((k) => [k, s[k]])) as Pick<RunSettings, (typeof TRAINING_KEYS)[number]>),
      loss: task.head === 'sigmoid' ? 'binary-crossentropy' : 'categorical-crossentropy',
      engine: run.engine.name,
      backend: run.engine.backend,
      epochsRun: run.training.epochs,
      keptEpoch: run.training.keptEpoch,
    },
    lossHistory: run.training.history.map((h) => ({ epoch: h.epoch, loss: h.loss, val_loss: h.valLoss, lr: h.lr })),
    metrics: { accuracy: m.accuracy, balanced_accuracy: m.balancedAccuracy, f1_macro: m.f1Macro, log_loss: m.logLoss, roc_auc: m.rocAuc },
    history: {
      times: table.times.slice(-keep),
      // each row's class index (-1 where the row's label was never read)
      values: Array.from(d.classes!.rowLabels.subarray(rows - keep)),
      ...(others.length > 0
        ? { columns: Object.fromEntries(others.map((c) => [c.name, c.type === 'number' ? Array.from(c.values.subarray(rows - keep)) : c.values.slice(-keep)])) }
        : {}),
    },
  };
}
