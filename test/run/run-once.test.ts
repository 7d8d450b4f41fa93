import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeWarnings } from '../../src/run/run-once.js';
import { evaluate } from '../../src/evaluate/evaluation.js';
import { walkForward } from '../../src/evaluate/walk-forward.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { scaleValue } from '../../src/transforms/scaler.js';
import { recordingStepper } from '../helpers/fake-stepper.js';
import { multiTable, shampooTable } from '../helpers/tables.js';

const dataset = () => buildDataset(shampooTable(), DEFAULT_PIPELINE);

test('a model whose forecasts never change is reported as a dead output, and no skill against the best baseline', () => {
  const d = dataset();
  // Every step predicts "no change": the persistence forecast.
  const noChange = scaleValue(d.target.scaler, 0, 0);
  const e = evaluate(d, walkForward(recordingStepper(() => noChange), d, { forecastReset: 'never', prime: false }));
  const warnings = outcomeWarnings(d, e);
  assert.equal(warnings.length, 2);
  assert.equal(
    warnings[0],
    "the model's forecasts are constant (every test step predicts a change of 0): the network output is dead; try another --seed, more --epochs or another --lr",
  );
  assert.equal(warnings[1], 'the model has no skill: its RMSE 136.761 is not below the persistence RMSE 136.761 (forecasting each value by the previous one)');
});

test('a model with varied forecasts and skill gets no warning', () => {
  const d = dataset();
  // the true change of each test row: a perfect model
  const e = evaluate(d, walkForward(recordingStepper((_x, i) => d.test.y[i]!), d, { forecastReset: 'never', prime: false }));
  assert.ok(e.all.rmse < 1e-3);
  assert.deepEqual(outcomeWarnings(d, e), []);
});

test('with --horizon 0 the mean of the training targets is the baseline; a dead output predicting it warns twice', () => {
  const n = 30;
  const t = multiTable({ y: Array.from({ length: n }, (_, i) => (i * 7) % 5), x: Array.from({ length: n }, (_, i) => i % 3) }, 'y', ['x']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 0, horizon: 0, lags: 2, test: { kind: 'count', n: 6 } });
  let sum = 0;
  for (const end of d.train.end) sum += d.values[end]!;
  const mean = scaleValue(d.target.scaler, 0, sum / d.train.samples);
  const e = evaluate(d, walkForward(recordingStepper(() => mean), d, { forecastReset: 'never', prime: false }));
  assert.deepEqual(e.baselines.map((b) => b.name), ['mean']);
  assert.ok(Math.abs(e.all.rmse - e.baselines[0]!.all.rmse) < 1e-5);
  const warnings = outcomeWarnings(d, e);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /^the model.s forecasts are constant \(every test step predicts the value 2\.04348\)/);
  assert.match(warnings[1]!, /not below the mean RMSE .* \(predicting the training mean\)$/);
});
