import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineForecasts, forecastRecursive, walkForward } from '../../src/evaluate/walk-forward.js';
import { persistence } from '../../src/baselines/persistence.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { sampleInputs } from '../../src/pipeline/windows.js';
import { scaleValue, unscaleValue } from '../../src/transforms/scaler.js';
import { recordingStepper } from '../helpers/fake-stepper.js';
import { seriesTable, shampooTable } from '../helpers/tables.js';

const dataset = () => buildDataset(shampooTable(), DEFAULT_PIPELINE);

test('a model that predicts no change reproduces the persistence forecast exactly, on the same rows', () => {
  const d = dataset();
  const noChange = scaleValue(d.target.scaler, 0, 0);
  const p = walkForward(recordingStepper(() => noChange), d, { forecastReset: 'never', prime: false });
  const b = baselineForecasts(persistence(), d);
  assert.equal(p.predicted.length, 12);
  assert.deepEqual(p.rows, b.rows);
  assert.deepEqual(p.actual, b.actual);
  p.predicted.forEach((v, i) => assert.ok(Math.abs(v - b.predicted[i]!) < 1e-3, `${v} vs ${b.predicted[i]}`));
  assert.equal(d.table.times[p.rows[0]!], '3-01');
});

test('predictions are un-scaled then un-differenced with the true previous observation', () => {
  const d = dataset();
  // Predict the scaled value of a change of +10 at every step.
  const plus10 = scaleValue(d.target.scaler, 0, 10);
  const p = walkForward(recordingStepper(() => plus10), d, { forecastReset: 'never', prime: false });
  p.predicted.forEach((v, i) => assert.ok(Math.abs(v - (d.values[p.rows[i]! - 1]! + 10)) < 1e-3));
});

test('each forecast gets its test window as input', () => {
  const d = dataset();
  const s = recordingStepper(() => 0);
  walkForward(s, d, { forecastReset: 'never', prime: false });
  s.calls.forEach((c, i) => assert.deepEqual(c.input, [...sampleInputs(d.test, i)]));
});

test('--prime runs the training samples first; --forecast-reset step resets after every forecast', () => {
  const d = dataset();
  const primed = recordingStepper(() => 0);
  walkForward(primed, d, { forecastReset: 'never', prime: true });
  assert.equal(primed.calls.length, 22 + 12);
  assert.equal(primed.calls[22]!.stepsSinceReset, 22, 'the first test forecast starts from the state the training samples left');

  const reset = recordingStepper(() => 0);
  walkForward(reset, d, { forecastReset: 'step', prime: false });
  assert.ok(reset.calls.every((c) => c.stepsSinceReset === 0));

  const never = recordingStepper(() => 0);
  walkForward(never, d, { forecastReset: 'never', prime: false });
  assert.deepEqual(never.calls.map((c) => c.stepsSinceReset), [...Array(12).keys()]);
});

test('h-step forecasts of a differenced target add up the predicted changes from the true origin value', () => {
  const values = Array.from({ length: 40 }, (_, i) => 100 + 3 * i + (i % 4));
  const d = buildDataset(seriesTable(values), { ...DEFAULT_PIPELINE, lags: 2, horizon: 3, test: { kind: 'count', n: 5 } });
  const change = (k: number) => scaleValue(d.target.scaler, 0, k);
  const s = recordingStepper(() => 0);
  s.predict = (x) => {
    s.calls.push({ input: [...x], stepsSinceReset: 0 });
    return Float32Array.of(change(1), change(2), change(3));
  };
  const p = walkForward(s, d, { forecastReset: 'never', prime: false });
  assert.equal(p.steps, 3);
  for (let i = 0; i < 5; i++) {
    const origin = values[d.test.end[i]!]!;
    const got = [...p.predicted.subarray(i * 3, i * 3 + 3)];
    [origin + 1, origin + 3, origin + 6].forEach((want, j) => assert.ok(Math.abs(got[j]! - want) < 1e-3, `${got[j]} vs ${want}`));
    assert.deepEqual([...p.actual.subarray(i * 3, i * 3 + 3)], [1, 2, 3].map((j) => values[d.test.end[i]! + j]!));
  }
});

test('recursive forecasts feed earlier forecasts back as inputs', () => {
  const d = dataset();
  const plus10 = scaleValue(d.target.scaler, 0, 10);
  const history = Array.from(d.values);
  const s = recordingStepper(() => plus10);
  const options = {
    transform: d.target.transform,
    lags: 1,
    scaleInput: (_k: number, v: number) => scaleValue(d.target.scaler, 0, v),
    unscaleOutput: (v: number) => unscaleValue(d.target.scaler, 0, v),
    prime: true,
    forecastReset: 'never' as const,
  };
  const out = forecastRecursive(s, history, 3, options);
  const last = history[history.length - 1]!;
  out.forEach((v, i) => assert.ok(Math.abs(v - (last + 10 * (i + 1))) < 1e-3));
  // Primed on the 34 history windows, then 3 forecasts; the second forecast's input is the first's change.
  assert.equal(s.calls.length, 34 + 3);
  assert.ok(Math.abs(s.calls[35]!.input[0]! - scaleValue(d.target.scaler, 0, 10)) < 1e-5);
  assert.throws(() => forecastRecursive(recordingStepper(() => 0), [1], 1, { ...options, prime: false }), RangeError);
});

test('--prime with --forecast-reset step resets after every priming step too, so priming leaves a zero state', () => {
  const d = dataset();
  const s = recordingStepper(() => 0);
  walkForward(s, d, { forecastReset: 'step', prime: true });
  assert.equal(s.calls.length, 22 + 12);
  assert.ok(s.calls.every((c) => c.stepsSinceReset === 0), 'every prediction, priming included, starts from a reset state');
});
