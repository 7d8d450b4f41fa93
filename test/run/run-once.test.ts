import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeWarnings } from '../../src/run/run-once.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { shampoo } from '../helpers/paths.js';

const dataset = () => buildDataset({ file: 'shampoo.csv', ...shampoo() }, DEFAULT_PIPELINE);

test('a model whose forecasts never change is reported as a dead output', () => {
  const d = dataset();
  // Every step predicts "no change": the persistence forecast.
  const predictions = d.test.map((r) => ({ time: r.time, actual: d.values[r.index]!, predicted: d.values[r.index - 1]! }));
  const warnings = outcomeWarnings(d, predictions, 136.761, 136.761, 0);
  assert.equal(warnings.length, 2);
  assert.equal(
    warnings[0],
    "the model's forecasts are constant (every test step predicts a change of 0): the network output is dead; try another --seed, more --epochs or another --lr",
  );
  assert.equal(warnings[1], 'the model has no skill: its RMSE 136.761 is not below the persistence RMSE 136.761 (forecasting each value by the previous one)');
});

test('a model with varied forecasts and skill gets no warning', () => {
  const d = dataset();
  const predictions = d.test.map((r, i) => ({ time: r.time, actual: d.values[r.index]!, predicted: d.values[r.index - 1]! + i }));
  assert.deepEqual(outcomeWarnings(d, predictions, 90, 136.761, 1 - 90 / 136.761), []);
});
