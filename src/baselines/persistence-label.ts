// The persistence label: every label is predicted to be the last true label observed (what an
// operator watching the stream already knows), with certainty. Only meaningful on a
// time-ordered stream of windows, not on independent sequences.
import { checkClasses, checkSteps, type ClassBaseline } from './class-baseline.js';

export function persistenceLabel(): ClassBaseline {
  let classes = 0;
  const self: ClassBaseline = {
    name: 'persistence',
    description: "predicting each label by the previous row's label",
    minimumHistory: 1,
    fit(_trainingLabels, k) {
      checkClasses(k);
      classes = k;
    },
    predict(history, h) {
      checkSteps(h);
      if (classes === 0) throw new RangeError('the persistence baseline must be fitted before it predicts');
      if (history.length < 1) throw new RangeError(`persistence needs at least 1 label of history, got ${history.length}`);
      const last = history[history.length - 1]!;
      const row = Array<number>(classes).fill(0);
      row[last] = 1;
      return Array.from({ length: h }, () => [...row]);
    },
  };
  return self;
}
