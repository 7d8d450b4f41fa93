// Argument checks of the fused engine: wrong sizes and kinds fail up front and say what was found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFusedEngine, createFusedStepper, createFusedTrainer } from '../../../src/engines/fused/fused-engine.js';
import { weightLayout } from '../../../src/engines/fused/parameters.js';
import type { NamedWeight, NetworkSpec, TrainerOptions } from '../../../src/engines/types.js';
import { baseSpec } from './compare-engines.js';

const options: TrainerOptions = { optimizer: { name: 'adam', lr: 0.01 }, loss: 'mse', seed: 1 };
const zeros = (spec: NetworkSpec): NamedWeight[] =>
  weightLayout(spec).map((s) => ({ name: s.name, shape: s.shape, values: new Float32Array(s.size) }));

test('the fused engine is named fused and runs on the js backend', () => {
  const engine = createFusedEngine();
  assert.equal(engine.name, 'fused');
  assert.equal(engine.backend, 'js');
});

test('trainBatch: a wrong x or y length is a RangeError naming what was expected and found', () => {
  const spec = baseSpec({ batchSize: 2 });
  const trainer = createFusedTrainer(spec, options, zeros(spec));
  assert.throws(() => trainer.trainBatch(new Float32Array(10), new Float32Array(4), 2), {
    name: 'RangeError',
    message: 'x must hold batch * timeSteps * features = 2 * 3 * 2 = 12 values, got 10',
  });
  assert.throws(() => trainer.trainBatch(new Float32Array(12), new Float32Array(3), 2), {
    name: 'RangeError',
    message: 'y must hold batch * outputs = 2 * 2 = 4 values, got 3',
  });
  assert.throws(() => trainer.trainBatch(new Float32Array(0), new Float32Array(0), 0), {
    name: 'RangeError',
    message: 'batch must be a positive integer, got 0',
  });
  assert.throws(() => trainer.trainBatch(new Float64Array(12) as unknown as Float32Array, new Float32Array(4), 2), {
    name: 'TypeError',
    message: 'x must be a Float32Array, got Float64Array',
  });
});

test('a stateless trainer takes any batch size (the last batch of an epoch is often short); a stateful one only its own', () => {
  const stateless = baseSpec({ batchSize: 2 });
  const trainer = createFusedTrainer(stateless, options, zeros(stateless));
  assert.equal(typeof trainer.trainBatch(new Float32Array(6), new Float32Array(2), 1), 'number');
  assert.equal(typeof trainer.trainBatch(new Float32Array(30), new Float32Array(10), 5), 'number');
  const stateful = { ...stateless, stateful: true };
  const statefulTrainer = createFusedTrainer(stateful, options, zeros(stateful));
  assert.throws(() => statefulTrainer.trainBatch(new Float32Array(6), new Float32Array(2), 1), {
    name: 'RangeError',
    message: 'a stateful network trains on batches of exactly 2 rows, got 1',
  });
});

test('weights must match the spec in count and shape', () => {
  const spec = baseSpec();
  const weights = zeros(spec);
  assert.throws(() => createFusedTrainer(spec, options, weights.slice(1)), { name: 'RangeError', message: 'expected 5 weight tensors, got 4' });
  const bad = weights.map((w, i) => (i === 0 ? { ...w, shape: [3, 12] } : w));
  assert.throws(() => createFusedStepper(spec, bad), { name: 'RangeError', message: 'weight rnn_0/kernel: expected shape [2, 12], got [3, 12]' });
});

test('a bad spec or options are rejected up front', () => {
  const spec = baseSpec();
  assert.throws(() => createFusedTrainer({ ...spec, units: [0] }, options, zeros(spec)), { name: 'RangeError', message: 'units[0] must be a positive integer, got 0' });
  assert.throws(() => createFusedTrainer({ ...spec, dropout: 1 }, options, zeros(spec)), { name: 'RangeError', message: 'dropout must be in [0, 1), got 1' });
  assert.throws(() => createFusedTrainer(spec, { ...options, optimizer: { name: 'adam', lr: 0 } }, zeros(spec)), {
    name: 'RangeError',
    message: 'learning rate must be a positive number, got 0',
  });
  const stepper = createFusedStepper(spec, zeros(spec));
  assert.throws(() => stepper.predict(new Float32Array(5)), { name: 'RangeError', message: 'x must hold batch * timeSteps * features = 1 * 3 * 2 = 6 values, got 5' });
});
