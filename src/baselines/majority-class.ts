// The majority class: every label is predicted to be the most frequent training class, with the
// training class frequencies as its probabilities (scikit-learn's DummyClassifier(strategy=
// 'prior')), so its log loss is that of knowing only the class balance. A tie goes to the
// class seen first.
import { checkClasses, checkSteps, type ClassBaseline } from './class-baseline.js';

export function majorityClass(): ClassBaseline {
  let priors: number[] | null = null;
  return {
    name: 'majority',
    description: 'predicting the most frequent training class',
    minimumHistory: 0,
    fit(trainingLabels, classes) {
      checkClasses(classes);
      if (trainingLabels.length === 0) throw new RangeError('the majority baseline needs at least one training label');
      const counts = Array<number>(classes).fill(0);
      for (const label of trainingLabels) {
        if (!Number.isInteger(label) || label < 0 || label >= classes) throw new RangeError(`labels must be class indices from 0 to ${classes - 1}, got ${label}`);
        counts[label]!++;
      }
      priors = counts.map((c) => c / trainingLabels.length);
    },
    predict(_history, h) {
      checkSteps(h);
      if (priors === null) throw new RangeError('the majority baseline must be fitted before it predicts');
      return Array.from({ length: h }, () => [...priors!]);
    },
  };
}
