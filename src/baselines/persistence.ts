// Persistence (the naive forecast): every future value is the last one observed.
import { checkHistory, checkHorizon, type Baseline } from './baseline.js';

export function persistence(): Baseline {
  const self: Baseline = {
    name: 'persistence',
    description: 'forecasting each value by the previous one',
    minimumHistory: 1,
    fit() {},
    predict(history, h) {
      checkHorizon(h);
      checkHistory(self, history);
      return Array<number>(h).fill(history[history.length - 1]!);
    },
  };
  return self;
}
