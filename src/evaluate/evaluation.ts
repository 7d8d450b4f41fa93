// Scores the network's walk-forward forecasts beside the baselines', on the same origins and
// steps: metrics over all steps and per horizon step, the best baseline and the skill against it.
// The baselines (src/baselines/) forecast through the same walk-forward loop as the network.
import type { BaselineSet } from '../core/types.js';
import type { Dataset } from '../pipeline/dataset.js';
import type { Baseline, BaselineName } from '../baselines/baseline.js';
import { createBaselines } from '../baselines/create-baselines.js';
import { persistence } from '../baselines/persistence.js';
import { trainingMean } from '../baselines/mean.js';
import { horizonMetrics, naiveMae, skill, type StepMetrics } from './metrics.js';
import { baselineForecasts, type Forecasts } from './walk-forward.js';

export interface Scored {
  forecasts: Forecasts;
  all: StepMetrics;
  byStep: StepMetrics[];
}

export interface BaselineResult extends Scored {
  name: BaselineName;
  /** What it forecasts, in a few words ("forecasting each value by the previous one"). */
  description: string;
  /** Wall time of fitting and forecasting (refitting at every origin, for Holt-Winters). */
  seconds: number;
}

export interface BaselineEvaluation {
  results: BaselineResult[];
  /** Baselines left out, and why (a season longer than the history before the first origin). */
  skipped: string[];
  /** Persistence on the same origins, whether or not it is among the results: the reference of `skill` (null with horizon 0). */
  persistence: BaselineResult | null;
}

export interface Evaluation extends Scored {
  baselines: BaselineResult[];
  skippedBaselines: string[];
  /** Persistence on the same origins; null where it does not apply (horizon 0, whole sequences). */
  persistence: BaselineResult | null;
  /** The baseline with the lowest RMSE over all steps; null when none was evaluated. */
  bestBaseline: BaselineResult | null;
  /** 1 - RMSE / the best baseline's RMSE: above 0 the model beats every baseline. */
  skill: number;
  /** Test actuals equal to 0, which MAPE leaves out. */
  zeroActuals: number;
  /** The in-sample naive forecast's MAE that MASE divides by. */
  naiveMae: number;
}

/**
 * The baselines of `set` that apply to the dataset's task, decided here once: forecasts of the
 * next values from the past for windows with a horizon; the training mean alone where the target
 * is a measurement of the window's own last row (horizon 0) or of a whole sequence.
 */
export function baselinesFor(d: Dataset, set: BaselineSet, season: number | null): Baseline[] {
  if (set === 'none') return [];
  if (d.options.horizon === 0) return [trainingMean()];
  return createBaselines(set, season, d.test.samples);
}

/** The training targets on the original scale, in time order (what the mean averages). */
export function trainingTargets(d: Dataset): number[] {
  const { end, samples } = d.train;
  if (d.options.horizon === 0) return Array.from(end.subarray(0, samples), (r) => d.values[r]!);
  const out: number[] = [];
  for (let r = end[0]! + 1; r <= end[samples - 1]! + d.options.horizon; r++) out.push(d.values[r]!);
  return out;
}

function scale(d: Dataset): number {
  // the naive forecast of a series; whole sequences are no series to forecast
  return d.task.framing.kind === 'sequence' ? NaN : naiveMae(d.values, d.fitRows.from, d.fitRows.to);
}

function score(d: Dataset, f: Forecasts): Scored {
  return { forecasts: f, ...horizonMetrics(f.actual, f.predicted, f.steps, scale(d)) };
}

function runBaseline(d: Dataset, baseline: Baseline): BaselineResult {
  const started = performance.now();
  baseline.fit(trainingTargets(d));
  const forecasts = baselineForecasts(baseline, d);
  const seconds = (performance.now() - started) / 1000;
  return { name: baseline.name, description: baseline.description, seconds, ...score(d, forecasts) };
}

/** Every baseline forecasts the test origins of `d`; one whose history is too short is left out, saying why. */
export function evaluateBaselines(d: Dataset, baselines: readonly Baseline[]): BaselineEvaluation {
  const results: BaselineResult[] = [];
  const skipped: string[] = [];
  // the observations before the first origin's first target
  const history = d.test.samples === 0 ? 0 : d.options.horizon === 0 ? d.test.end[0]! : d.test.end[0]! + 1;
  for (const baseline of baselines) {
    if (history < baseline.minimumHistory) {
      skipped.push(`${baseline.name} (needs ${baseline.minimumHistory} observations before the first test row, found ${history})`);
      continue;
    }
    results.push(runBaseline(d, baseline));
  }
  const own = results.find((r) => r.name === 'persistence') ?? null;
  const reference = own ?? (d.options.horizon === 0 || history < 1 ? null : runBaseline(d, persistence()));
  return { results, skipped, persistence: reference };
}

export function evaluate(d: Dataset, forecasts: Forecasts, baselines: BaselineEvaluation): Evaluation {
  const model = score(d, forecasts);
  const best = bestBaseline(baselines.results);
  let zeroActuals = 0;
  for (const a of forecasts.actual) if (a === 0) zeroActuals++;
  return {
    ...model,
    baselines: baselines.results,
    skippedBaselines: baselines.skipped,
    persistence: baselines.persistence,
    bestBaseline: best,
    skill: best === null ? NaN : skill(model.all.rmse, best.all.rmse),
    zeroActuals,
    naiveMae: scale(d),
  };
}

/** The baseline with the smallest RMSE over all steps (the first on a tie), or null when there is none. */
export function bestBaseline<T extends { all: { rmse: number } }>(results: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of results) if (best === null || r.all.rmse < best.all.rmse) best = r;
  return best;
}

/** A named baseline's result, if it was evaluated. */
export function baselineNamed(e: Evaluation, name: BaselineName): BaselineResult | undefined {
  return e.baselines.find((b) => b.name === name);
}
