// Seasonal naive: each future value is the one observed a season (m steps) earlier; beyond one
// season ahead the last observed season repeats.
import { checkHistory, checkHorizon, type Baseline } from './baseline.js';

export function seasonalNaive(m: number): Baseline {
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`the season must be an integer of at least 2, got ${m}`);
  const self: Baseline = {
    name: 'seasonal-naive',
    description: `forecasting each value by the one ${m} steps earlier`,
    minimumHistory: m,
    fit() {},
    predict(history, h) {
      checkHorizon(h);
      checkHistory(self, history);
      const n = history.length;
      // step k (1-based) reads the value m steps before it, within the last observed season
      return Array.from({ length: h }, (_, i) => history[n - m + (i % m)]!);
    },
  };
  return self;
}
