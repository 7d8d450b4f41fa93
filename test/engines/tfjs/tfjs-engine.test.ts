import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../../../src/engines/tfjs/tf.js';
import { createTfjsEngine } from '../../../src/engines/tfjs/tfjs-engine.js';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import { runTraining } from '../../../src/engines/train-loop.js';
import type { NetworkSpec } from '../../../src/engines/types.js';

const spec = (o: Partial<NetworkSpec> = {}): NetworkSpec => ({ cell: 'lstm', units: [2], timeSteps: 1, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 1, ...o });
const rows = 6;
const data = { x: Float32Array.from({ length: rows }, (_, i) => Math.sin(i)), y: Float32Array.from({ length: rows }, (_, i) => Math.cos(i) / 2), rows, sampleSize: 1, outputs: 1 };
const loopOptions = { epochs: 2, batchSize: 1, stateful: true, shuffle: false, seed: 1, lr: 0.01 };
const isZero = (states: Float32Array[]) => states.every((s) => s.every((v) => v === 0));

async function trainer(s: NetworkSpec) {
  const { tf } = await loadTf('cpu');
  const engine = createTfjsEngine(tf, 'cpu');
  return { tf, t: await engine.createTrainer(s, { optimizer: { name: 'adam', lr: 0.01 }, loss: 'mse', seed: 1 }, initialWeights(s, 1)) };
}

test('--reset epoch leaves the layer state at zero after training; --reset never keeps it', async () => {
  const { t: reset } = await trainer(spec());
  await runTraining(reset, data, { ...loopOptions, reset: 'epoch' });
  const afterReset = reset.readStates!();
  assert.equal(afterReset.length, 2, 'an LSTM layer has h and c');
  assert.ok(isZero(afterReset));
  reset.dispose();

  const { t: kept } = await trainer(spec());
  await runTraining(kept, data, { ...loopOptions, reset: 'never' });
  assert.ok(!isZero(kept.readStates!()), 'the state carried from the last batch');
  kept.dispose();
});

test('the state is carried across batches within an epoch', async () => {
  const { t } = await trainer(spec());
  const before = t.readStates!();
  await t.trainBatch(data.x.subarray(1, 2), data.y.subarray(1, 2), 1);
  const after = t.readStates!();
  assert.ok(isZero(before));
  assert.ok(!isZero(after));
  t.resetStates();
  assert.ok(isZero(t.readStates!()));
  t.dispose();
});

test('the same seed gives the same initial weights and the same losses', async () => {
  const losses = async () => {
    const { t } = await trainer(spec({ stateful: false }));
    const r = await runTraining(t, data, { ...loopOptions, stateful: false, reset: 'epoch' });
    t.dispose();
    return r.losses;
  };
  assert.deepEqual(await losses(), await losses());
});

test('a stateful batch-1 stepper carries state between forecasts and frees its tensors', async () => {
  const { tf } = await loadTf('cpu');
  const engine = createTfjsEngine(tf, 'cpu');
  const s = spec();
  const stepper = await engine.createStepper(s, initialWeights(s, 3));
  const x = Float32Array.of(0.5);
  const first = stepper.predict(x)[0];
  const second = stepper.predict(x)[0];
  assert.notEqual(first, second, 'the second call starts from the state the first left');
  stepper.resetStates();
  assert.equal(stepper.predict(x)[0], first);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 20; i++) stepper.predict(x);
  assert.equal(tf.memory().numTensors, before, 'repeated forecasts leak no tensors');
  stepper.dispose();
});

test('training and disposing a trainer leaves no tensors behind', async () => {
  const { tf } = await loadTf('cpu');
  const before = tf.memory().numTensors;
  const { t } = await trainer(spec());
  await runTraining(t, data, { ...loopOptions, reset: 'never' });
  t.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('training a per-step sigmoid head with row weights leaves no tensors behind', async () => {
  const { tf } = await loadTf('cpu');
  const s = spec({ timeSteps: 3, stateful: false, batchSize: 2, head: 'sigmoid', perStep: true });
  const before = tf.memory().numTensors;
  const engine = createTfjsEngine(tf, 'cpu');
  const t = await engine.createTrainer(s, { optimizer: { name: 'adam', lr: 0.01 }, loss: 'binary-crossentropy', seed: 1 }, initialWeights(s, 1));
  const x = Float32Array.from({ length: 6 }, (_, i) => Math.sin(i));
  const y = Float32Array.of(0, 1, 1, 0, 0, 1);
  const weights = Float32Array.of(1, 2, 2, 1, 1, 2);
  const first = await t.trainBatch(x, y, 2, weights);
  for (let i = 0; i < 5; i++) await t.trainBatch(x, y, 2, weights);
  assert.ok(Number.isFinite(first));
  t.dispose();
  assert.equal(tf.memory().numTensors, before);
});
