import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateForms, fitHoltWinters, forecastHoltWinters, holtWinters, selectHoltWinters, smooth } from '../../src/baselines/holt-winters.js';

const close = (got: number, want: number, tol: number, what: string) => assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

// Golden values from statsmodels 0.15.0, ExponentialSmoothing(y, trend='add', damped_trend=True,
// seasonal='add' | 'mul', seasonal_periods=4, initialization_method='known', initial_level=14.25,
// initial_trend=1.875, initial_seasonal=y[:4] - 14.25 (or / 14.25)).fit(smoothing_level=0.3,
// smoothing_trend=0.2, smoothing_seasonal=0.4, damping_trend=0.9, optimized=False): .sse and
// .forecast(5). The initial states are the simple ones smooth() computes: the level is the mean
// of the first season (14.25), the trend the change of the season means over m ((19.25 - 14.25) / 4).
// At h = 4 = m statsmodels 0.15.0 reuses the factor of the season before the last one (its own
// issue 9538); the textbook formula (Hyndman & Athanasopoulos) uses the last one, as we do: the
// additive value there, 41.62291, is l + (φ + φ² + φ³ + φ⁴)·b + s_11 from the states below.
const y = [10, 14, 8, 25, 16, 22, 14, 35, 15, 27, 18, 40];
const params = { alpha: 0.3, beta: 0.2, gamma: 0.4, phi: 0.9 };

test('additive Holt-Winters with fixed parameters matches statsmodels', () => {
  const r = smooth(y, 'additive', 4, params);
  close(r.sse, 132.78125168375183, 1e-9, 'sse');
  const f = forecastHoltWinters({ ...r, aicc: 0 }, 5);
  [21.760885322799364, 30.007876162895148, 21.655591656852202, null, 24.186885378911313].forEach((want, i) => {
    if (want !== null) close(f[i]!, want, 1e-9, `step ${i + 1}`);
  });
  const damped = 0.9 + 0.81 + 0.729 + 0.6561;
  close(f[3]!, r.level + damped * r.trend + r.season[3]!, 1e-9, 'step 4 by the textbook formula');
  close(f[3]!, 41.62291263747704, 1e-9, 'step 4');
});

test('multiplicative Holt-Winters with fixed parameters matches statsmodels', () => {
  const r = smooth(y, 'multiplicative', 4, params);
  close(r.sse, 164.71336270516025, 1e-9, 'sse');
  const f = forecastHoltWinters({ ...r, aicc: 0 }, 5);
  [20.08472706515725, 30.466902779655676, 18.393385675460475, null, 21.683037418876456].forEach((want, i) => {
    if (want !== null) close(f[i]!, want, 1e-9, `step ${i + 1}`);
  });
});

test("Holt's damped trend (no season) with fixed parameters matches statsmodels", () => {
  // statsmodels: ExponentialSmoothing(ns, trend='add', damped_trend=True, initialization_method='known',
  // initial_level=10, initial_trend=2).fit(smoothing_level=0.5, smoothing_trend=0.3, damping_trend=0.85, optimized=False)
  const ns = [10, 12, 15, 13, 17, 20, 19, 23];
  const r = smooth(ns, 'none', 1, { alpha: 0.5, beta: 0.3, gamma: 0, phi: 0.85 });
  close(r.sse, 35.16691573855687, 1e-9, 'sse');
  const f = forecastHoltWinters({ ...r, aicc: 0 }, 3);
  [22.72013412050757, 23.684501820930524, 24.504214366290036].forEach((want, i) => close(f[i]!, want, 1e-9, `step ${i + 1}`));
});

test('fitting picks the seasonal form that generated a clean series, and forecasts it within 1 (the damped trend falls a little behind a straight line)', () => {
  const t = Array.from({ length: 32 }, (_, i) => i);
  const additive = t.map((i) => 50 + 2 * i + [5, -5, 3, -3][i % 4]!);
  const multiplicative = t.map((i) => (50 + 2 * i) * [1.2, 0.8, 1.1, 0.9][i % 4]!);
  const a = selectHoltWinters(additive.slice(0, 28), 4);
  const m = selectHoltWinters(multiplicative.slice(0, 28), 4);
  assert.equal(a.seasonal, 'additive');
  assert.equal(m.seasonal, 'multiplicative');
  forecastHoltWinters(a, 4).forEach((v, k) => close(v, additive[28 + k]!, 1, `additive step ${k + 1}`));
  forecastHoltWinters(m, 4).forEach((v, k) => close(v, multiplicative[28 + k]!, 1, `multiplicative step ${k + 1}`));
  assert.equal(selectHoltWinters(additive, null).seasonal, 'none', 'no season asked for, none fitted');
});

test('the forms the data allows: a season needs two full seasons, a multiplicative one positive values', () => {
  assert.deepEqual(candidateForms([1, 2, 3, 4, 5, 6, 7], 4), ['none']);
  assert.deepEqual(candidateForms([1, 2, 3, 4, 5, 6, 7, 8], 4), ['none', 'additive', 'multiplicative']);
  assert.deepEqual(candidateForms([1, 2, 3, 0, 5, 6, 7, 8], 4), ['none', 'additive']);
  assert.deepEqual(candidateForms([1, 2, 3, 4, 5, 6, 7, 8], null), ['none']);
  assert.throws(() => fitHoltWinters([1, 2, 3], 'additive', 4), { name: 'RangeError', message: 'Holt-Winters (additive season) needs at least 8 observations, got 3' });
});

test('the fit is deterministic and stays within the parameter bounds', () => {
  const series = [266, 146, 183, 119, 180, 169, 232, 225, 193, 123, 337, 186, 194, 150, 210, 273, 191, 287, 226, 304];
  const first = fitHoltWinters(series, 'none', 1);
  assert.deepEqual(fitHoltWinters(series, 'none', 1), first);
  const { alpha, beta, phi } = first.params;
  assert.ok(alpha > 0 && alpha < 1 && beta > 0 && beta < 1 && phi >= 0.8 && phi <= 0.98, JSON.stringify(first.params));
  assert.ok(Number.isFinite(first.aicc));
});

test('the baseline predicts from the history it is given, whatever came before', () => {
  const hw = holtWinters(null);
  const series = [10, 12, 15, 13, 17, 20, 19, 23, 22, 26];
  const direct = forecastHoltWinters(selectHoltWinters(series.slice(0, 8), null), 2);
  hw.predict(series, 1); // a longer history first: nothing is kept from it
  assert.deepEqual(hw.predict(Float64Array.from(series).subarray(0, 8), 2), direct);
  assert.throws(() => hw.predict([1, 2], 1), { name: 'RangeError', message: 'holt-winters needs at least 3 observations of history, got 2' });
});
