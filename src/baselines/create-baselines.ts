// Which baselines a run shows: `--baselines naive` is persistence, seasonal naive (with a season)
// and the training mean; `classical` adds Holt-Winters; `none` shows none; `auto` (the default)
// is classical for test sets of up to CLASSICAL_AUTO_ORIGINS origins and naive beyond.
import { CLASSICAL_AUTO_ORIGINS, type Baseline, type BaselineSet } from './baseline.js';
import { holtWinters } from './holt-winters.js';
import { trainingMean } from './mean.js';
import { persistence } from './persistence.js';
import { seasonalNaive } from './seasonal-naive.js';

export function createBaselines(set: BaselineSet, season: number | null, testOrigins: number): Baseline[] {
  if (set === 'auto') return createBaselines(testOrigins <= CLASSICAL_AUTO_ORIGINS ? 'classical' : 'naive', season, testOrigins);
  if (set === 'none') return [];
  const naive = [persistence(), ...(season !== null ? [seasonalNaive(season)] : []), trainingMean()];
  return set === 'classical' ? [...naive, holtWinters(season)] : naive;
}
