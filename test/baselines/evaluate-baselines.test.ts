import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Baseline } from '../../src/baselines/baseline.js';
import { createBaselines } from '../../src/baselines/create-baselines.js';
import { bestBaseline, evaluateBaselines } from '../../src/baselines/evaluate-baselines.js';
import { holtWinters } from '../../src/baselines/holt-winters.js';
import { persistenceRmse } from '../../src/evaluate/metrics.js';
import { fixture, shampoo } from '../helpers/paths.js';
import fs from 'node:fs';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-3, `${what}: got ${got}, want ${want}`);

/** The shampoo split of the defaults: test indices 24..35, training targets at 2..23 (diff 1, lag 1). */
function shampooSplit() {
  const { values } = shampoo();
  return { values, test: Array.from({ length: 12 }, (_, k) => 24 + k), train: values.slice(2, 24) };
}

test('naive baselines on shampoo: persistence is the published 136.761; seasonal naive and mean as computed by hand', () => {
  // Computed independently in Python from fixtures/shampoo.csv: sqrt(mean((y[i] - y[i-12])^2)) over
  // i = 24..35 is 240.473; the mean of y[2..23] is 231.777, and its RMSE over y[24..35] is 271.092.
  const { values, test: idx, train } = shampooSplit();
  const { results, skipped } = evaluateBaselines(createBaselines('naive', 12, 12), values, idx, train);
  assert.deepEqual(results.map((r) => r.name), ['persistence', 'seasonal-naive', 'mean']);
  assert.deepEqual(skipped, []);
  close(results[0]!.rmse, 136.761, 'persistence');
  assert.equal(results[0]!.rmse, persistenceRmse(values, idx));
  close(results[1]!.rmse, 240.473, 'seasonal naive');
  close(results[2]!.rmse, 271.092, 'mean');
  assert.equal(results[2]!.predictions[0], train.reduce((a, b) => a + b) / train.length);
  assert.equal(bestBaseline(results)!.name, 'persistence');
});

test('seasonal naive on the airline series beats persistence: 50.708 against 53.152', () => {
  // Python, from fixtures/airline-passengers.csv: over the last 12 months, y[i] - y[i-12] and y[i] - y[i-1].
  const values = fs.readFileSync(fixture('airline-passengers.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
  const idx = Array.from({ length: 12 }, (_, k) => 132 + k);
  const { results } = evaluateBaselines(createBaselines('naive', 12, 12), values, idx, values.slice(2, 132));
  close(results.find((r) => r.name === 'persistence')!.rmse, 53.152, 'persistence');
  close(results.find((r) => r.name === 'seasonal-naive')!.rmse, 50.708, 'seasonal naive');
  assert.equal(bestBaseline(results)!.name, 'seasonal-naive');
});

test('Holt-Winters is refitted at every origin on exactly the observations before it', () => {
  const values = [10, 12, 15, 13, 17, 20, 19, 23, 22, 26];
  const seen: number[][] = [];
  const hw = holtWinters(null);
  const spy: Baseline = { ...hw, fit: (t) => hw.fit(t), predict: (history, h) => (seen.push(Array.from(history)), hw.predict(history, h)) };
  const { results } = evaluateBaselines([spy], values, [7, 8, 9], values.slice(0, 7));
  assert.deepEqual(seen, [values.slice(0, 7), values.slice(0, 8), values.slice(0, 9)]);
  // each forecast is that of a model fitted on its own history alone
  const byHand = [7, 8, 9].map((i) => holtWinters(null).predict(values.slice(0, i), 1)[0]!);
  assert.deepEqual(results[0]!.predictions, byHand);
  assert.ok(results[0]!.seconds >= 0);
});

test('a baseline whose season is longer than the history before the first test row is left out, saying why', () => {
  const values = [1, 2, 3, 4, 5, 6];
  const { results, skipped } = evaluateBaselines(createBaselines('naive', 12, 12), values, [4, 5], [3, 4]);
  assert.deepEqual(results.map((r) => r.name), ['persistence', 'mean']);
  assert.deepEqual(skipped, ['seasonal-naive (needs 12 observations before the first test row, found 4)']);
});

test('which baselines each set holds', () => {
  assert.deepEqual(createBaselines('none', 12, 12), []);
  assert.deepEqual(createBaselines('naive', null, 12).map((b) => b.name), ['persistence', 'mean']);
  assert.deepEqual(createBaselines('classical', 4, 12).map((b) => b.name), ['persistence', 'seasonal-naive', 'mean', 'holt-winters']);
  // auto: Holt-Winters while refitting it at every origin stays cheap, the naive set beyond
  assert.deepEqual(createBaselines('auto', 12, 200).map((b) => b.name), ['persistence', 'seasonal-naive', 'mean', 'holt-winters']);
  assert.deepEqual(createBaselines('auto', 12, 201).map((b) => b.name), ['persistence', 'seasonal-naive', 'mean']);
});
