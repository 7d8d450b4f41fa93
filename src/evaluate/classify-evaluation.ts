// A classifier on its test samples: the network's class probabilities for every test target (one
// per sample, or one per step), scored with the classification metrics beside the majority-class
// and persistence-label baselines on exactly the same targets. The persistence label applies to
// windows over one time-ordered stream, not to independent whole sequences.
import type { Stepper } from '../engines/types.js';
import type { Windows } from '../core/types.js';
import type { Dataset } from '../pipeline/dataset.js';
import { sampleInputs } from '../pipeline/windows.js';
import { classProbabilities, labelRows } from '../pipeline/class-targets.js';
import { classificationMetrics, mostProbable, type ClassificationMetrics } from './classification-metrics.js';
import { startWalk, type WalkForwardOptions } from './walk-forward.js';
import { logLoss } from './log-loss.js';
import { majorityClass } from '../baselines/majority-class.js';
import { persistenceLabel } from '../baselines/persistence-label.js';
import { bestClassBaseline, evaluateClassBaselines, type ClassBaselineResult } from '../baselines/evaluate-class-baselines.js';
import { classificationWarnings } from './classification-warnings.js';

export interface ClassEvaluation {
  classes: string[];
  metrics: ClassificationMetrics;
  /** The table row of each test target, in order (a sample's, or each step's). */
  rows: number[];
  actual: number[];
  probabilities: number[][];
  predicted: number[];
  baselines: ClassBaselineResult[];
  skippedBaselines: string[];
  /** The best baseline by accuracy, and the network's skill against it (1 - error rate / its error rate). */
  best: ClassBaselineResult | null;
  skill: number | null;
  warnings: string[];
}

/** The class probabilities of every target of the samples `w`, walked in order from the stepper's current state. */
export function classProbabilitiesOf(stepper: Stepper, d: Dataset, w: Windows, options: WalkForwardOptions): number[][] {
  const classes = d.classes!.classes.length;
  const outputs = d.classes!.outputs;
  const out: number[][] = [];
  for (let s = 0; s < w.samples; s++) {
    const y = stepper.predict(sampleInputs(w, s));
    if (options.forecastReset === 'step') stepper.resetStates();
    for (let k = 0; k * outputs < y.length; k++) out.push(classProbabilities(y.subarray(k * outputs, (k + 1) * outputs), classes));
  }
  return out;
}

/** The cross-entropy of the validation samples' probabilities (the loss early stopping watches). */
export function classValidationLoss(stepper: Stepper, d: Dataset, options: WalkForwardOptions): number {
  startWalk(stepper, d, options);
  const probabilities = classProbabilitiesOf(stepper, d, d.validation, options);
  return logLoss(Array.from(d.validation.labels!), probabilities, d.classes!.classes.length);
}

export function evaluateClassifier(stepper: Stepper, d: Dataset, options: WalkForwardOptions): ClassEvaluation {
  const classes = d.classes!;
  const k = classes.classes.length;
  startWalk(stepper, d, options);
  // the test walk goes through the validation samples first, as the regression walk-forward does
  if (d.validation.samples > 0) classProbabilitiesOf(stepper, d, d.validation, options);
  const probabilities = classProbabilitiesOf(stepper, d, d.test, options);
  const actual = Array.from(d.test.labels!);
  const { horizon } = d.options;
  const rows = Array.from(d.test.end).flatMap((e) => labelRows(e, d.test.steps, horizon, classes.labels));
  const metrics = classificationMetrics(actual, probabilities, k);

  const { results, skipped } = classBaselinesOf(d);
  const best = bestClassBaseline(results);
  const skill = best === null ? null : best.accuracy >= 1 ? null : 1 - (1 - metrics.accuracy) / (1 - best.accuracy);
  const warnings = classificationWarnings(metrics, classes.classes, best);
  return {
    classes: classes.classes,
    metrics,
    rows,
    actual,
    probabilities,
    predicted: probabilities.map(mostProbable),
    baselines: results,
    skippedBaselines: skipped,
    best,
    skill,
    warnings,
  };
}

/**
 * The majority class and, for windows on one labelled stream, the persistence label, on exactly
 * the test targets of `d`: each predicts a test target from the true labels of the rows before it.
 */
export function classBaselinesOf(d: Dataset): { results: ClassBaselineResult[]; skipped: string[] } {
  const classes = d.classes!;
  const k = classes.classes.length;
  const { horizon } = d.options;
  const actual = Array.from(d.test.labels!);
  const rows = Array.from(d.test.end).flatMap((e) => labelRows(e, d.test.steps, horizon, classes.labels));
  if (d.task.framing.kind === 'sequence') {
    // independent sequences: the previous row belongs to another sample, so only the majority class applies
    const trainingLabels = d.train.labels ? Array.from(d.train.labels) : [];
    const { results, skipped } = evaluateClassBaselines([majorityClass()], actual, actual.map((_, i) => i), trainingLabels, k);
    return { results, skipped: [...skipped, 'persistence (whole sequences are independent samples, not one stream)'] };
  }
  // the labelled stream: every row's label in order (rows no sample reads hold -1 and are never a predecessor of a test row)
  const trainRows = Array.from(d.train.end).flatMap((e) => labelRows(e, d.train.steps, horizon, classes.labels));
  const stream = Array.from(classes.rowLabels, (c) => Math.max(0, c));
  return evaluateClassBaselines([majorityClass(), persistenceLabel()], stream, rows, trainRows.map((r) => classes.rowLabels[r]!), k);
}
