// Which baselines a run shows: `--baselines naive` (the default) is persistence, seasonal naive
// (with a season) and the training mean; `classical` adds Holt-Winters; `none` shows none.
import type { Baseline, BaselineSet } from './baseline.js';
import { holtWinters } from './holt-winters.js';
import { trainingMean } from './mean.js';
import { persistence } from './persistence.js';
import { seasonalNaive } from './seasonal-naive.js';

export function createBaselines(set: BaselineSet, season: number | null): Baseline[] {
  if (set === 'none') return [];
  const naive = [persistence(), ...(season !== null ? [seasonalNaive(season)] : []), trainingMean()];
  return set === 'classical' ? [...naive, holtWinters(season)] : naive;
}
