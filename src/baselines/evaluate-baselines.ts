// Walk-forward evaluation of the baselines on exactly the network's test targets: at each test
// index, every baseline forecasts one step ahead from all the observations before it.
import { metrics, type Metrics } from '../evaluate/metrics.js';
import type { Baseline, BaselineName } from './baseline.js';

export interface BaselineResult extends Metrics {
  name: BaselineName;
  description: string;
  /** One forecast per test index, in order. */
  predictions: number[];
  /** Wall time of fitting and forecasting (refitting, for Holt-Winters). */
  seconds: number;
}

export interface BaselineEvaluation {
  results: BaselineResult[];
  /** Baselines left out, and why (a season longer than the history before the first test index). */
  skipped: string[];
}

/**
 * values: the whole series (original scale); testIndices: the positions forecast, increasing;
 * trainingTargets: the training targets on the original scale (what `mean` averages).
 */
export function evaluateBaselines(baselines: readonly Baseline[], values: readonly number[], testIndices: readonly number[], trainingTargets: readonly number[]): BaselineEvaluation {
  const series = Float64Array.from(values);
  const actual = testIndices.map((i) => values[i]!);
  const results: BaselineResult[] = [];
  const skipped: string[] = [];
  for (const baseline of baselines) {
    const first = testIndices[0] ?? 0;
    if (first < baseline.minimumHistory) {
      skipped.push(`${baseline.name} (needs ${baseline.minimumHistory} observations before the first test row, found ${first})`);
      continue;
    }
    const started = performance.now();
    baseline.fit(trainingTargets);
    // subarray: a view of the history up to the origin, not a copy
    const predictions = testIndices.map((i) => baseline.predict(series.subarray(0, i), 1)[0]!);
    const seconds = (performance.now() - started) / 1000;
    results.push({ name: baseline.name, description: baseline.description, ...metrics(actual, predictions), predictions, seconds });
  }
  return { results, skipped };
}

/** The baseline with the smallest RMSE (the first on a tie), or null when there is none. */
export function bestBaseline(results: readonly BaselineResult[]): BaselineResult | null {
  let best: BaselineResult | null = null;
  for (const r of results) if (best === null || r.rmse < best.rmse) best = r;
  return best;
}
