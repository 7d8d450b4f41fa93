// The classification side of `rnnfc train`: what a classifier run reports (its metrics, the
// baselines beside them, the confusion matrix), the per-target predictions it writes, and the
// model record it saves.
import type { LabelsPer, RunSettings, Table } from '../core/types.js';
import type { ClassifierOutcome } from '../run/run-classifier.js';
import type { ModelMetadata } from '../model-dir/metadata.js';
import type { ClassificationMetrics } from '../evaluate/classification-metrics.js';
import { modelRecord } from './model-record.js';
import { rowLabel } from '../pipeline/dataset.js';
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

/** A classifier run's report: its test metrics (ClassificationMetrics), the baselines beside them and its predictions. */
export interface ClassificationSummary extends ClassificationMetrics {
  classes: string[];
  labels: LabelsPer;
  head: 'sigmoid' | 'softmax';
  loss: string;
  targetColumns: string[];
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
    ...e.metrics,
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
export function classifierMetadata(run: ClassifierOutcome, s: RunSettings, table: Table, sha256: string): ModelMetadata {
  const task = run.dataset.task;
  if (task.kind !== 'classify') throw new RangeError('not a classifier run');
  const m = run.evaluation.metrics;
  return modelRecord(run, s, table, sha256, {
    task: { kind: 'classify', classes: task.classes, labels: task.labels, head: task.head, targetColumns: task.targetColumns },
    loss: task.head === 'sigmoid' ? 'binary-crossentropy' : 'categorical-crossentropy',
    metrics: { accuracy: m.accuracy, balanced_accuracy: m.balancedAccuracy, f1_macro: m.f1Macro, log_loss: m.logLoss, roc_auc: m.rocAuc },
    // each row's class index (-1 where the row's label was never read)
    targetHistory: run.dataset.classes!.rowLabels,
  });
}
