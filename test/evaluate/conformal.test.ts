import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrationNeeded, conformalHalfWidth, coverageFarBelow, predictionIntervals } from '../../src/evaluate/conformal.js';
import { seededRandom } from '../../src/util/random.js';

test('the half-width is the ceil((n+1)·level)-th smallest absolute error', () => {
  const errors = [5, 1, 4, 2, 3];
  assert.equal(conformalHalfWidth(errors, 0.5), 3); // ceil(6 * 0.5) = 3rd
  assert.equal(conformalHalfWidth(errors, 0.8), 5); // ceil(6 * 0.8) = 5th
  assert.equal(conformalHalfWidth([1, 2, 3, 4], 0.8), 4); // ceil(5 * 0.8) = 4, not 5 by rounding error
});

test('too few calibration errors for a level is a RangeError naming the number needed', () => {
  assert.equal(calibrationNeeded(0.8), 4);
  assert.equal(calibrationNeeded(0.9), 9);
  assert.equal(calibrationNeeded(0.95), 19);
  assert.throws(() => conformalHalfWidth([1, 2, 3], 0.8), { name: 'RangeError', message: 'a 80% interval needs at least 4 calibration forecasts, got 3' });
  assert.throws(() => conformalHalfWidth([1], 1), RangeError);
});

/** Standard normal draws (Box-Muller) from a seeded generator. */
function normals(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

test('coverage on data with known Gaussian noise is within sampling error of the level (seeded)', () => {
  // a forecaster off by N(0, 2) noise: 1000 calibration forecasts, 4000 test forecasts
  const noise = normals(5000, 42).map((z) => 2 * z);
  const at = (i: number) => ({ time: String(i), actual: 100 + noise[i]!, predicted: 100 });
  const calibration = Array.from({ length: 1000 }, (_, i) => at(i));
  const test = Array.from({ length: 4000 }, (_, i) => at(1000 + i));
  const [i80, i95] = predictionIntervals(calibration, [0.8, 0.95], test);
  // True half-widths: 2 x 1.2816 and 2 x 1.96. Standard errors, for 1000 calibration errors: of
  // the sample quantile sqrt(l(1-l)/n) / density, 0.072 and 0.118; of the coverage, from the
  // quantile sqrt(l(1-l)/1000) and from the 4000 test values sqrt(l(1-l)/4000), together 0.014
  // and 0.0077. Each bound is three of them.
  assert.ok(Math.abs(i80!.halfWidth - 2.563) < 0.22, `80% half-width ${i80!.halfWidth}`);
  assert.ok(Math.abs(i95!.halfWidth - 3.92) < 0.36, `95% half-width ${i95!.halfWidth}`);
  assert.ok(Math.abs(i80!.coverage - 0.8) < 0.042, `80% covers ${i80!.coverage}`);
  assert.ok(Math.abs(i95!.coverage - 0.95) < 0.023, `95% covers ${i95!.coverage}`);
  // and the test is not vacuous: a quarter of the width covers far less
  const narrow = predictionIntervals(calibration.map((p) => ({ ...p, actual: 100 + (p.actual - 100) / 4 })), [0.8], test)[0]!;
  assert.ok(narrow.coverage < 0.4, `narrow covers ${narrow.coverage}`);
});

test('coverage far below the level: more than two binomial standard errors under it', () => {
  assert.equal(coverageFarBelow(0.55, 0.8, 20), true);
  assert.equal(coverageFarBelow(0.7, 0.8, 20), false);
  assert.equal(coverageFarBelow(0.9, 0.8, 20), false);
  assert.equal(coverageFarBelow(NaN, 0.8, 0), false);
});
