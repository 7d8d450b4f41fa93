// Scores the network's walk-forward forecasts beside the baselines', on the same origins and
// steps: metrics over all steps and per horizon step, the best baseline and the skill against it.
import type { Dataset } from '../pipeline/dataset.js';
import { constantMean, persistence, seasonalNaive, type Predictor } from './baselines.js';
import { horizonMetrics, naiveMae, skill, type StepMetrics } from './metrics.js';
import { baselineForecasts, type Forecasts } from './walk-forward.js';

export interface Scored {
  forecasts: Forecasts;
  all: StepMetrics;
  byStep: StepMetrics[];
}

export interface BaselineResult extends Scored {
  name: string;
}

export interface Evaluation extends Scored {
  baselines: BaselineResult[];
  /** The baseline with the lowest RMSE over all steps; null when none applies. */
  bestBaseline: BaselineResult | null;
  /** 1 - RMSE / the best baseline's RMSE: above 0 the model beats every baseline. */
  skill: number;
  /** Test actuals equal to 0, which MAPE leaves out. */
  zeroActuals: number;
  /** The in-sample naive forecast's MAE that MASE divides by. */
  naiveMae: number;
}

/** The baselines that apply to the dataset's task, decided here once. */
export function baselinesFor(d: Dataset): Predictor[] {
  const { horizon, season } = d.options;
  if (horizon === 0) {
    let sum = 0;
    for (let s = 0; s < d.train.samples; s++) sum += d.values[d.train.end[s]!]!;
    return [constantMean(sum / d.train.samples)];
  }
  return [persistence(), ...(season !== undefined ? [seasonalNaive(season)] : [])];
}

export function evaluate(d: Dataset, forecasts: Forecasts): Evaluation {
  // the naive forecast of a series; whole sequences are no series to forecast
  const scale = d.task.framing.kind === 'sequence' ? NaN : naiveMae(d.values, d.fitRows.from, d.fitRows.to);
  const score = (f: Forecasts): Scored => ({ forecasts: f, ...horizonMetrics(f.actual, f.predicted, f.steps, scale) });
  const model = score(forecasts);
  const baselines = baselinesFor(d).map((p) => ({ name: p.name, ...score(baselineForecasts(p, d)) }));
  let best: BaselineResult | null = null;
  for (const b of baselines) if (best === null || b.all.rmse < best.all.rmse) best = b;
  let zeroActuals = 0;
  for (const a of forecasts.actual) if (a === 0) zeroActuals++;
  return {
    ...model,
    baselines,
    bestBaseline: best,
    skill: best === null ? NaN : skill(model.all.rmse, best.all.rmse),
    zeroActuals,
    naiveMae: scale,
  };
}

/** A named baseline's result, if it applies. */
export function baselineNamed(e: Evaluation, name: string): BaselineResult | undefined {
  return e.baselines.find((b) => b.name === name);
}
