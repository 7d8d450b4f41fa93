// The classification baselines on exactly the network's test labels: at each test position,
// every baseline predicts the label there from the true labels before it.
import { classificationMetrics, mostProbable, type ClassificationMetrics } from '../evaluate/classification-metrics.js';
import type { ClassBaseline, ClassBaselineName } from './class-baseline.js';

export interface ClassBaselineResult extends ClassificationMetrics {
  name: ClassBaselineName;
  description: string;
  /** The predicted class at each test position, in order. */
  predictions: number[];
}

export interface ClassBaselineEvaluation {
  results: ClassBaselineResult[];
  /** Baselines left out, and why. */
  skipped: string[];
}

/**
 * labels: the whole labelled stream (class indices, time order); testIndices: the positions
 * predicted, increasing; trainingLabels: what the baselines are fitted on.
 */
export function evaluateClassBaselines(
  baselines: readonly ClassBaseline[],
  labels: readonly number[],
  testIndices: readonly number[],
  trainingLabels: readonly number[],
  classes: number,
): ClassBaselineEvaluation {
  const stream = Int32Array.from(labels);
  const actual = testIndices.map((i) => labels[i]!);
  const results: ClassBaselineResult[] = [];
  const skipped: string[] = [];
  for (const baseline of baselines) {
    const first = testIndices[0] ?? 0;
    if (first < baseline.minimumHistory) {
      skipped.push(`${baseline.name} (needs ${baseline.minimumHistory} label${baseline.minimumHistory === 1 ? '' : 's'} before the first test row, found ${first})`);
      continue;
    }
    baseline.fit(trainingLabels, classes);
    const probabilities = testIndices.map((i) => baseline.predict(stream.subarray(0, i), 1)[0]!);
    results.push({
      name: baseline.name,
      description: baseline.description,
      ...classificationMetrics(actual, probabilities, classes),
      predictions: probabilities.map(mostProbable),
    });
  }
  return { results, skipped };
}

/** The measures a baseline can be ranked by: higher is better except for log loss. */
export type ClassMetricName = 'accuracy' | 'balancedAccuracy' | 'f1Macro' | 'logLoss';

/**
 * The best baseline by `metric` (the first on a tie), or null when there is none. Accuracy by
 * default: a certain persistence label pays a large log loss for every change of label even
 * when it is right far more often than the majority class.
 */
export function bestClassBaseline(results: readonly ClassBaselineResult[], metric: ClassMetricName = 'accuracy'): ClassBaselineResult | null {
  const better = (a: number, b: number) => (metric === 'logLoss' ? a < b : a > b);
  let best: ClassBaselineResult | null = null;
  for (const r of results) if (best === null || better(r[metric], best[metric])) best = r;
  return best;
}
