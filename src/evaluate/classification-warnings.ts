// The pitfalls a classification result can show by itself, each a one-line warning: accuracy at
// chance level (the network has learnt nothing that tells the classes apart), predictions that
// are all one class (the "always the majority" network), and a model that does not beat the
// best baseline (as the regression no-skill warning).
import type { ClassificationMetrics } from './classification-metrics.js';

/** Balanced accuracy within this much of chance (1 / classes present) counts as chance level. */
export const CHANCE_MARGIN = 0.05;

export interface ClassBaselineSummary {
  name: string;
  description: string;
  accuracy: number;
}

export function classificationWarnings(metrics: ClassificationMetrics, classes: readonly string[], best: ClassBaselineSummary | null): string[] {
  const warnings: string[] = [];
  const { confusion } = metrics;
  const actualClasses = confusion.filter((row) => row.some((n) => n > 0)).length;
  const predictedClasses = confusion[0]!.map((_, c) => confusion.reduce((s, row) => s + row[c]!, 0)).map((n, c) => ({ n, c })).filter((p) => p.n > 0);
  if (actualClasses > 1 && predictedClasses.length === 1) {
    warnings.push(
      `every test prediction is class "${classes[predictedClasses[0]!.c]}": the model always predicts one class; ` +
        'try --class-weight balanced if the classes are imbalanced, another --seed, more --epochs or another --lr',
    );
  }
  const chance = 1 / actualClasses;
  if (actualClasses > 1 && metrics.balancedAccuracy <= chance + CHANCE_MARGIN) {
    warnings.push(
      `the balanced accuracy ${metrics.balancedAccuracy.toFixed(3)} is at chance level (${chance.toFixed(3)} for ${actualClasses} classes): ` +
        'the model does not tell the classes apart; check that the features carry the label, and try more --epochs or another --lr',
    );
  }
  if (best && metrics.accuracy <= best.accuracy) {
    warnings.push(
      `the model has no skill: its accuracy ${metrics.accuracy.toFixed(3)} is not above the ${best.name} baseline's ${best.accuracy.toFixed(3)} (${best.description})`,
    );
  }
  return warnings;
}
