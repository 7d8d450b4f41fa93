import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrationPredictions, validationLoss } from '../../src/evaluate/validation.js';
import { walkForward } from '../../src/evaluate/walk-forward.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { sampleInputs } from '../../src/pipeline/windows.js';
import type { Windows } from '../../src/core/types.js';
import { recordingStepper } from '../helpers/fake-stepper.js';
import { shampooTable } from '../helpers/tables.js';

const dataset = () => buildDataset(shampooTable(), { ...DEFAULT_PIPELINE, validation: { kind: 'count', n: 4 } });
const inputs = (...ws: Windows[]) => ws.flatMap((w) => Array.from({ length: w.samples }, (_, s) => [...sampleInputs(w, s)]));
const sameInputs = (calls: { input: number[] }[], rows: number[][]) => {
  assert.equal(calls.length, rows.length);
  calls.forEach((c, i) => assert.ok(Math.abs(c.input[0]! - rows[i]![0]!) < 1e-6, `call ${i}`));
};

test('the validation loss reads the validation samples only, never a test sample', () => {
  const d = dataset();
  const s = recordingStepper(() => 0);
  validationLoss(s, d, { forecastReset: 'never', prime: false }, 'mse');
  sameInputs(s.calls, inputs(d.validation));
  assert.equal(s.calls[0]!.stepsSinceReset, 0);
});

test('the validation walk starts as the test does: primed through the training samples with --prime, reset per --forecast-reset', () => {
  const d = dataset();
  const primed = recordingStepper(() => 0);
  validationLoss(primed, d, { forecastReset: 'never', prime: true }, 'mse');
  sameInputs(primed.calls, inputs(d.train, d.validation));
  assert.equal(primed.calls[18]!.stepsSinceReset, 18);

  const reset = recordingStepper(() => 0);
  validationLoss(reset, d, { forecastReset: 'step', prime: false }, 'mse');
  assert.ok(reset.calls.every((c) => c.stepsSinceReset === 0));

  // and the test, primed, runs through the validation samples too: every sample before it
  const test = recordingStepper(() => 0);
  walkForward(test, d, { forecastReset: 'never', prime: true });
  assert.equal(test.calls[22]!.stepsSinceReset, 22);
  // unprimed too: the test goes through the validation samples, which come between training and test
  const unprimed = recordingStepper(() => 0);
  walkForward(unprimed, d, { forecastReset: 'never', prime: false });
  sameInputs(unprimed.calls, inputs(d.validation, d.test));
  assert.equal(unprimed.calls[4]!.stepsSinceReset, 4);
});

test('the validation loss is the training loss on the scaled validation targets', () => {
  const d = dataset();
  const targets = [...d.validation.y];
  const mse = targets.reduce((s, t) => s + (0.5 - t) ** 2, 0) / 4;
  const mae = targets.reduce((s, t) => s + Math.abs(0.5 - t), 0) / 4;
  assert.ok(Math.abs(validationLoss(recordingStepper(() => 0.5), d, { forecastReset: 'never', prime: false }, 'mse') - mse) < 1e-6);
  assert.ok(Math.abs(validationLoss(recordingStepper(() => 0.5), d, { forecastReset: 'never', prime: false }, 'mae') - mae) < 1e-6);
});

test('calibration forecasts: the validation samples on the original scale, or else the training samples', () => {
  const d = dataset();
  const held = calibrationPredictions(recordingStepper(() => 0), d, { forecastReset: 'never', prime: false });
  assert.equal(held.source, 'validation');
  assert.deepEqual(held.predictions.map((p) => p.time), Array.from(d.validation.end, (e) => d.table.times[e + 1]));
  held.predictions.forEach((p, i) => assert.equal(p.actual, d.values[d.validation.end[i]! + 1]));

  const plain = buildDataset(shampooTable(), DEFAULT_PIPELINE);
  const inSample = calibrationPredictions(recordingStepper(() => 0), plain, { forecastReset: 'never', prime: false });
  assert.equal(inSample.source, 'training');
  assert.equal(inSample.predictions.length, 22);
});
