// The training mean: every future value is the mean of the training targets. The baseline of
// a model that has learnt nothing from the inputs.
import { checkHorizon, type Baseline } from './baseline.js';

export function trainingMean(): Baseline {
  let mean: number | null = null;
  return {
    name: 'mean',
    description: 'forecasting every value by the training mean',
    minimumHistory: 0,
    fit(trainingTargets) {
      if (trainingTargets.length === 0) throw new RangeError('the mean baseline needs at least one training target');
      // summed relative to the first value, so that large, close values keep their precision
      const first = trainingTargets[0]!;
      let sum = 0;
      for (const v of trainingTargets) sum += v - first;
      mean = first + sum / trainingTargets.length;
    },
    predict(_history, h) {
      checkHorizon(h);
      if (mean === null) throw new RangeError('the mean baseline must be fitted before it predicts');
      return Array<number>(h).fill(mean);
    },
  };
}
