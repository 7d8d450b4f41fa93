// Per-experiment statistics of the test RMSE and significance against a baseline experiment.
import { describe, type Describe } from '../stats/describe.js';
import { mannWhitneyU, welchTTest, wilcoxonSignedRank } from '../stats/significance.js';

export interface ExperimentSummary extends Describe {
  name: string;
  /** Two-sided p-values against the baseline; null for the baseline itself or when undefined. */
  p_welch: number | null;
  p_mannwhitney: number | null;
  p_wilcoxon: number | null;
}

const orNull = (p: number) => (Number.isFinite(p) ? p : null);

/**
 * Summarises each experiment's values. `paired` says the i-th values of every experiment come
 * from the same seed, which is what makes the Wilcoxon signed-rank test apply.
 */
export function summarise(groups: { name: string; values: (number | null)[] }[], baseline: string, paired: boolean): ExperimentSummary[] {
  const base = groups.find((g) => g.name === baseline);
  if (!base) throw new RangeError(`baseline "${baseline}" is not one of the experiments: ${groups.map((g) => g.name).join(', ')}`);
  const finite = (vs: (number | null)[]) => vs.filter((v): v is number => v !== null && Number.isFinite(v));
  const baseValues = finite(base.values);
  return groups.map((g) => {
    const values = finite(g.values);
    if (values.length === 0) {
      return { name: g.name, count: 0, mean: NaN, std: NaN, min: NaN, q25: NaN, median: NaN, q75: NaN, max: NaN, p_welch: null, p_mannwhitney: null, p_wilcoxon: null };
    }
    const d = describe(values);
    if (g === base || baseValues.length === 0) return { name: g.name, ...d, p_welch: null, p_mannwhitney: null, p_wilcoxon: null };
    // Pairs where both runs finished, matched by repeat.
    const pairs = paired && g.values.length === base.values.length
      ? g.values.map((v, i) => [v, base.values[i]] as const).filter(([a, b]) => a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b))
      : [];
    return {
      name: g.name,
      ...d,
      p_welch: orNull(welchTTest(values, baseValues).p),
      p_mannwhitney: orNull(mannWhitneyU(values, baseValues).p),
      p_wilcoxon: pairs.length > 0 ? orNull(wilcoxonSignedRank(pairs.map((p) => p[0]!), pairs.map((p) => p[1]!)).p) : null,
    };
  });
}
