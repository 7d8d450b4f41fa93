import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastRecursive, walkForward } from '../../src/evaluate/walk-forward.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { scaleValue } from '../../src/transforms/scaler.js';
import { persistenceForecasts } from '../../src/evaluate/metrics.js';
import { recordingStepper } from '../helpers/fake-stepper.js';
import { shampoo } from '../helpers/paths.js';

const dataset = () => buildDataset({ file: 'shampoo.csv', ...shampoo() }, DEFAULT_PIPELINE);

test('a model that predicts no change reproduces the persistence forecast exactly', () => {
  const d = dataset();
  const noChange = scaleValue(d.scaler, 1, 0);
  const p = walkForward(recordingStepper(() => noChange), d, { forecastReset: 'never', prime: false });
  const persistence = persistenceForecasts(d.values, d.test.map((r) => r.index));
  assert.equal(p.length, 12);
  p.forEach((row, i) => {
    assert.ok(Math.abs(row.predicted - persistence[i]!) < 1e-3, `${row.predicted} vs ${persistence[i]}`);
    assert.equal(row.actual, d.values[d.test[i]!.index]);
  });
  assert.equal(p[0]!.time, '3-01');
});

test('predictions are un-scaled then un-differenced with the true previous observation', () => {
  const d = dataset();
  // Predict the scaled value of a change of +10 at every step.
  const plus10 = scaleValue(d.scaler, 1, 10);
  const p = walkForward(recordingStepper(() => plus10), d, { forecastReset: 'never', prime: false });
  p.forEach((row, i) => assert.ok(Math.abs(row.predicted - (d.values[d.test[i]!.index - 1]! + 10)) < 1e-3));
});

test('each forecast gets the true previous (scaled) difference as input', () => {
  const d = dataset();
  const s = recordingStepper(() => 0);
  walkForward(s, d, { forecastReset: 'never', prime: false });
  s.calls.forEach((c, i) => assert.ok(Math.abs(c.input[0]! - d.testScaled[i]![0]!) < 1e-6));
});

test('--prime runs the training rows first; --forecast-reset step resets after every forecast', () => {
  const d = dataset();
  const primed = recordingStepper(() => 0);
  walkForward(primed, d, { forecastReset: 'never', prime: true });
  assert.equal(primed.calls.length, 22 + 12);
  assert.equal(primed.calls[22]!.stepsSinceReset, 22, 'the first test forecast starts from the state the training rows left');

  const reset = recordingStepper(() => 0);
  walkForward(reset, d, { forecastReset: 'step', prime: false });
  assert.ok(reset.calls.every((c) => c.stepsSinceReset === 0));

  const never = recordingStepper(() => 0);
  walkForward(never, d, { forecastReset: 'never', prime: false });
  assert.deepEqual(never.calls.map((c) => c.stepsSinceReset), [...Array(12).keys()]);
});

test('recursive forecasts feed earlier forecasts back as inputs', () => {
  const d = dataset();
  const plus10 = scaleValue(d.scaler, 1, 10);
  const history = d.values;
  const s = recordingStepper(() => plus10);
  const out = forecastRecursive(s, history, 3, { diff: 1, lags: 1, scaler: d.scaler, prime: true, forecastReset: 'never' });
  const last = history[history.length - 1]!;
  out.forEach((v, i) => assert.ok(Math.abs(v - (last + 10 * (i + 1))) < 1e-3));
  // Primed on the 34 history rows, then 3 forecasts; the second forecast's input is the first's change.
  assert.equal(s.calls.length, 34 + 3);
  assert.ok(Math.abs(s.calls[35]!.input[0]! - scaleValue(d.scaler, 0, 10)) < 1e-5);
});

test('recursive forecasting without enough history is a RangeError', () => {
  const d = dataset();
  assert.throws(() => forecastRecursive(recordingStepper(() => 0), [1], 1, { diff: 1, lags: 1, scaler: d.scaler, prime: false, forecastReset: 'never' }), RangeError);
});

test('--prime with --forecast-reset step resets after every priming step too, so priming leaves a zero state', () => {
  const d = dataset();
  const s = recordingStepper(() => 0);
  walkForward(s, d, { forecastReset: 'step', prime: true });
  assert.equal(s.calls.length, 22 + 12);
  assert.ok(s.calls.every((c) => c.stepsSinceReset === 0), 'every prediction, priming included, starts from a reset state');
});
