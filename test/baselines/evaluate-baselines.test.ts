// The baselines forecast exactly the network's test origins through the walk-forward loop
// (src/evaluate/evaluation.ts), with their published figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Baseline } from '../../src/baselines/baseline.js';
import { createBaselines } from '../../src/baselines/create-baselines.js';
import { holtWinters } from '../../src/baselines/holt-winters.js';
import { bestBaseline, evaluateBaselines, trainingTargets } from '../../src/evaluate/evaluation.js';
import { persistenceRmse } from '../../src/evaluate/metrics.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { fixture, shampoo } from '../helpers/paths.js';
import { seriesTable, shampooTable } from '../helpers/tables.js';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) < 1e-3, `${what}: got ${got}, want ${want}`);

test('naive baselines on shampoo: persistence is the published 136.761; seasonal naive and mean as computed by hand', () => {
  // Computed independently in Python from fixtures/shampoo.csv: sqrt(mean((y[i] - y[i-12])^2)) over
  // i = 24..35 is 240.473; the mean of y[2..23] is 231.777, and its RMSE over y[24..35] is 271.092.
  const { values } = shampoo();
  const d = buildDataset(shampooTable(), DEFAULT_PIPELINE);
  assert.deepEqual(trainingTargets(d), values.slice(2, 24));
  const { results, skipped, persistence } = evaluateBaselines(d, createBaselines('naive', 12, 12));
  assert.deepEqual(results.map((r) => r.name), ['persistence', 'seasonal-naive', 'mean']);
  assert.deepEqual(skipped, []);
  close(results[0]!.all.rmse, 136.761, 'persistence');
  assert.equal(results[0]!.all.rmse, persistenceRmse(values, Array.from({ length: 12 }, (_, k) => 24 + k)));
  assert.equal(persistence, results[0]);
  close(results[1]!.all.rmse, 240.473, 'seasonal naive');
  close(results[2]!.all.rmse, 271.092, 'mean');
  const train = values.slice(2, 24);
  assert.equal(results[2]!.forecasts.predicted[0], train.reduce((a, b) => a + b) / train.length);
  assert.equal(bestBaseline(results)!.name, 'persistence');
});

test('seasonal naive on the airline series beats persistence: 50.708 against 53.152', () => {
  // Python, from fixtures/airline-passengers.csv: over the last 12 months, y[i] - y[i-12] and y[i] - y[i-1].
  const values = fs.readFileSync(fixture('airline-passengers.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
  const d = buildDataset(seriesTable(values), DEFAULT_PIPELINE);
  const { results } = evaluateBaselines(d, createBaselines('naive', 12, 12));
  close(results.find((r) => r.name === 'persistence')!.all.rmse, 53.152, 'persistence');
  close(results.find((r) => r.name === 'seasonal-naive')!.all.rmse, 50.708, 'seasonal naive');
  assert.equal(bestBaseline(results)!.name, 'seasonal-naive');
});

test('Holt-Winters is refitted at every origin on exactly the observations before it', () => {
  const values = [10, 12, 15, 13, 17, 20, 19, 23, 22, 26];
  const seen: number[][] = [];
  const hw = holtWinters(null);
  const spy: Baseline = { ...hw, fit: (t) => hw.fit(t), predict: (history, h) => (seen.push(Array.from(history)), hw.predict(history, h)) };
  // the last 3 values are the test targets: rows 7, 8 and 9
  const d = buildDataset(seriesTable(values), { ...DEFAULT_PIPELINE, test: { kind: 'count', n: 3 } });
  const { results } = evaluateBaselines(d, [spy]);
  assert.deepEqual(seen, [values.slice(0, 7), values.slice(0, 8), values.slice(0, 9)]);
  // each forecast is that of a model fitted on its own history alone
  const byHand = [7, 8, 9].map((i) => holtWinters(null).predict(values.slice(0, i), 1)[0]!);
  assert.deepEqual(Array.from(results[0]!.forecasts.predicted), byHand);
  assert.ok(results[0]!.seconds >= 0);
});

test('h steps ahead, every baseline forecasts the h values after each origin from the values up to it', () => {
  const values = Array.from({ length: 40 }, (_, i) => 10 + i + (i % 4) * 3);
  const d = buildDataset(seriesTable(values), { ...DEFAULT_PIPELINE, horizon: 3, test: { kind: 'count', n: 5 } });
  const { results } = evaluateBaselines(d, createBaselines('naive', 4, 5));
  const p = results.find((r) => r.name === 'persistence')!.forecasts;
  const s = results.find((r) => r.name === 'seasonal-naive')!.forecasts;
  for (let i = 0; i < 5; i++) {
    const end = d.test.end[i]!;
    for (let j = 0; j < 3; j++) {
      assert.equal(p.rows[i * 3 + j], end + 1 + j);
      assert.equal(p.predicted[i * 3 + j], values[end]);
      assert.equal(s.predicted[i * 3 + j], values[end + 1 + j - 4]);
    }
  }
});

test('a baseline whose season is longer than the history before the first test row is left out, saying why', () => {
  const values = [1, 2, 3, 4, 5, 6];
  const d = buildDataset(seriesTable(values), { ...DEFAULT_PIPELINE, test: { kind: 'count', n: 2 } });
  const { results, skipped } = evaluateBaselines(d, createBaselines('naive', 12, 12));
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
