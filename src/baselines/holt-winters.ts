// Holt-Winters exponential smoothing with a damped additive trend and an additive, multiplicative
// or no season, in the error-correction form statsmodels' ExponentialSmoothing uses (at time t,
// with level l, trend b and the season s from m steps earlier, before y_t is seen):
//   forecast f = l + φ·b;  prediction ŷ = f + s (additive), f·s (multiplicative), f (none)
//   l' = α·(y − s) + (1 − α)·f        (y / s when multiplicative, y without a season)
//   b' = β·(l' − l) + (1 − β)·φ·b
//   s' = γ·(y − f) + (1 − γ)·s         (γ·(y / f) + (1 − γ)·s when multiplicative)
//   h steps ahead: l + (φ + … + φ^h)·b, plus (or times) the season of that step.
// Initial states start from statsmodels' "simple" initialisation: the level is the mean of the
// first season and the trend the change of the mean from the first season to the second, over m
// (with no season: y0 and y1 − y0); the season is the first season's values less (or over) the
// level. α, β, γ, φ and corrections to the initial level and trend minimise the sum of squared
// one-step errors (Nelder-Mead from a fixed start, so the fit is deterministic), within
// 0 < α < 1, 0 < β < 1, 0 < γ < 1 − α and 0.8 ≤ φ ≤ 0.98 (the bounds of Hyndman and
// Athanasopoulos, Forecasting: Principles and Practice, for this component form). The seasonal
// form is chosen by the small-sample AIC among those the data allow.
import { nelderMead } from '../stats/nelder-mead.js';
import { checkHistory, checkHorizon, type Baseline } from './baseline.js';

export type SeasonalForm = 'none' | 'additive' | 'multiplicative';

export interface SmoothingParameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface HoltWintersModel {
  seasonal: SeasonalForm;
  /** Season length; 1 when seasonal is 'none'. */
  m: number;
  params: SmoothingParameters;
  /** Sum of squared one-step errors over the history. */
  sse: number;
  /** Small-sample Akaike criterion: n·ln(SSE/n) + 2k + 2k(k+1)/(n − k − 1), k smoothing parameters and initial states. */
  aicc: number;
  /** States after the last observation. */
  level: number;
  trend: number;
  /** The last m seasonal states, by time modulo m (empty when seasonal is 'none'). */
  season: number[];
  /** Observations the model was fitted on. */
  n: number;
}

/**
 * The recursion over y from the simple initial states (plus the offsets): returns the SSE, leaves
 * the final seasonal states in `season` (m values, overwritten) and, when `out` is given, the
 * final level and trend in it. Allocates nothing: the fit evaluates it thousands of times per
 * origin.
 */
function recurse(y: ArrayLike<number>, seasonal: SeasonalForm, m: number, alpha: number, beta: number, gamma: number, phi: number, levelOffset: number, trendOffset: number, season: Float64Array, out?: Float64Array): number {
  const n = y.length;
  let level: number;
  let trend: number;
  if (seasonal === 'none') {
    level = y[0]!;
    trend = y[1]! - y[0]!;
  } else {
    let first = 0;
    let second = 0;
    for (let i = 0; i < m; i++) {
      first += y[i]!;
      second += y[m + i]!;
    }
    first /= m;
    second /= m;
    level = first;
    trend = (second - first) / m;
    for (let i = 0; i < m; i++) season[i] = seasonal === 'additive' ? y[i]! - level : y[i]! / level;
  }
  level += levelOffset;
  trend += trendOffset;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const f = level + phi * trend;
    const yt = y[t]!;
    let predicted = f;
    let levelNext: number;
    if (seasonal === 'none') {
      levelNext = alpha * yt + (1 - alpha) * f;
    } else {
      const s = season[t % m]!;
      if (seasonal === 'additive') {
        predicted = f + s;
        levelNext = alpha * (yt - s) + (1 - alpha) * f;
        season[t % m] = gamma * (yt - f) + (1 - gamma) * s;
      } else {
        predicted = f * s;
        levelNext = alpha * (yt / s) + (1 - alpha) * f;
        season[t % m] = gamma * (yt / f) + (1 - gamma) * s;
      }
    }
    const e = yt - predicted;
    sse += e * e;
    trend = beta * (levelNext - level) + (1 - beta) * phi * trend;
    level = levelNext;
  }
  if (out) {
    out[0] = level;
    out[1] = trend;
  }
  return sse;
}

/** Runs the recursion over y from the simple initial states; returns the SSE and the final states. */
export function smooth(y: ArrayLike<number>, seasonal: SeasonalForm, m: number, p: SmoothingParameters, initial: { level: number; trend: number } = { level: 0, trend: 0 }): Omit<HoltWintersModel, 'aicc'> {
  const season = new Float64Array(seasonal === 'none' ? 0 : m);
  const states = new Float64Array(2);
  const sse = recurse(y, seasonal, m, p.alpha, p.beta, p.gamma, p.phi, initial.level, initial.trend, season, states);
  return { seasonal, m: seasonal === 'none' ? 1 : m, params: p, sse, level: states[0]!, trend: states[1]!, season: Array.from(season), n: y.length };
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));
const PHI_MIN = 0.8;
const PHI_SPAN = 0.18;

/** Unconstrained u to parameters inside the bounds. */
function parameters(u: readonly number[], seasonal: boolean): SmoothingParameters {
  return { alpha: sigmoid(u[0]!), beta: sigmoid(u[1]!), phi: PHI_MIN + PHI_SPAN * sigmoid(u[2]!), gamma: seasonal ? (1 - sigmoid(u[0]!)) * sigmoid(u[3]!) : 0 };
}

/** α 0.5, β 0.1, φ 0.9, γ 0.1 of what 1 − α leaves: a middle start. */
const START = [0, logit(0.1), logit((0.9 - PHI_MIN) / PHI_SPAN), logit(0.1)];

/** Fits one seasonal form to y by least squares. */
export function fitHoltWinters(y: ArrayLike<number>, seasonal: SeasonalForm, m: number): HoltWintersModel {
  const needed = seasonal === 'none' ? 2 : 2 * m;
  if (y.length < needed) throw new RangeError(`Holt-Winters (${seasonal} season) needs at least ${needed} observations, got ${y.length}`);
  const dims = seasonal === 'none' ? 3 : 4;
  const start = [...START.slice(0, dims), 0, 0];
  // the initial level and trend are fitted too, as offsets from the simple ones in units of the
  // typical step of the series
  const unit = typicalStep(y);
  const initial = (u: readonly number[]) => ({ level: (u[dims] ?? 0) * unit, trend: ((u[dims + 1] ?? 0) * unit) / 10 });
  // The objective: smooth's SSE for parameters(u) and initial(u), without their objects.
  const season = new Float64Array(m);
  const sse = (u: ArrayLike<number>) => {
    const alpha = sigmoid(u[0]!);
    const gamma = dims === 4 ? (1 - sigmoid(u[0]!)) * sigmoid(u[3]!) : 0;
    const phi = PHI_MIN + PHI_SPAN * sigmoid(u[2]!);
    return recurse(y, seasonal, m, alpha, sigmoid(u[1]!), gamma, phi, (u[dims] ?? 0) * unit, ((u[dims + 1] ?? 0) * unit) / 10, season);
  };
  const { x } = nelderMead(sse, start, { step: 1, maxIterations: 300 * (dims + 2) });
  const fitted = smooth(y, seasonal, m, parameters(x, dims === 4), initial(x));
  const n = y.length;
  const k = dims + 2 + (seasonal === 'none' ? 0 : m);
  const aicc = n - k - 1 > 0 && fitted.sse > 0 ? n * Math.log(fitted.sse / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return { ...fitted, aicc };
}

/** The mean absolute change from one observation to the next (1 for a constant series). */
function typicalStep(y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 1; i < y.length; i++) sum += Math.abs(y[i]! - y[i - 1]!);
  const step = sum / (y.length - 1);
  return step > 0 && Number.isFinite(step) ? step : 1;
}

/** The seasonal forms y allows: a season needs two full seasons, a multiplicative one positive values. */
export function candidateForms(y: ArrayLike<number>, m: number | null): SeasonalForm[] {
  const forms: SeasonalForm[] = ['none'];
  if (m !== null && m >= 2 && y.length >= 2 * m) {
    forms.push('additive');
    let positive = true;
    for (let i = 0; i < y.length; i++) if (!(y[i]! > 0)) positive = false;
    if (positive) forms.push('multiplicative');
  }
  return forms;
}

/** Fits every form y allows and keeps the one with the smallest AICc (the first on a tie). */
export function selectHoltWinters(y: ArrayLike<number>, m: number | null): HoltWintersModel {
  let best: HoltWintersModel | null = null;
  for (const form of candidateForms(y, m)) {
    const model = fitHoltWinters(y, form, m ?? 1);
    if (best === null || model.aicc < best.aicc) best = model;
  }
  return best!;
}

export function forecastHoltWinters(model: HoltWintersModel, h: number): number[] {
  const { level, trend, season, seasonal, m, n } = model;
  const { phi } = model.params;
  const out: number[] = [];
  let damped = 0;
  let power = 1;
  for (let k = 1; k <= h; k++) {
    power *= phi;
    damped += power;
    const f = level + damped * trend;
    if (seasonal === 'none') out.push(f);
    else {
      const s = season[(n + k - 1) % m]!;
      out.push(seasonal === 'additive' ? f + s : f * s);
    }
  }
  return out;
}

/** Holt-Winters refitted on the whole history at every forecast origin. */
export function holtWinters(m: number | null): Baseline {
  const self: Baseline = {
    name: 'holt-winters',
    description: `Holt-Winters exponential smoothing (damped trend${m ? `, season ${m} chosen by AICc` : ''}) refitted at each origin`,
    minimumHistory: 3,
    fit() {},
    predict(history, h) {
      checkHorizon(h);
      checkHistory(self, history);
      return forecastHoltWinters(selectHoltWinters(history, m), h);
    },
  };
  return self;
}
