// Data-parallel training: one network's batches split between threads train to the same bits as
// one thread alone, whatever the thread count, for every cell type, stacked layers, dropout,
// stateful networks, and batches too small to split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFusedTrainer, createFusedTrainerOnThreads, fusedThreads, type FusedTrainer } from '../../../src/engines/fused/fused-engine.js';
import type { CellType, NetworkSpec, TrainerOptions } from '../../../src/engines/types.js';
import { seededRandom } from '../../../src/util/random.js';
import { randomWeights, seededData } from './compare-engines.js';


/** Losses of every step, the final weights' bytes and the carried states' bytes. */
function trainWith(trainer: FusedTrainer, spec: NetworkSpec, batches: number[]): { losses: number[]; weights: Buffer; states: Buffer } {
  const rows = batches.reduce((a, b) => a + b, 0);
  const { x, y } = seededData(spec, rows, 4);
  const sampleSize = spec.timeSteps * spec.features;
  const losses: number[] = [];
  for (let epoch = 0; epoch < 2; epoch++) {
    let start = 0;
    for (const batch of batches) {
      losses.push(trainer.trainBatch(x.subarray(start * sampleSize, (start + batch) * sampleSize), y.subarray(start * spec.outputs, (start + batch) * spec.outputs), batch));
      start += batch;
    }
  }
  const weights = Buffer.concat(trainer.getWeights().map((w) => Buffer.from(w.values.buffer)));
  const states = Buffer.concat((trainer.readStates?.() ?? []).map((s) => Buffer.from(s.buffer)));
  trainer.dispose();
  return { losses, weights, states };
}

const OPTIONS: TrainerOptions = { optimizer: { name: 'adam', lr: 0.01 }, loss: 'mse', seed: 5 };

for (const cell of ['lstm', 'gru', 'rnn'] as CellType[]) {
  test(`threads: a ${cell} network trains to the same bits on 1, 2 and 3 threads as without threads`, async () => {
    const cases: { spec: NetworkSpec; batches: number[]; loss: 'mse' | 'mae' }[] = [
      // stateless, two layers, odd sizes, a last batch too small to split
      { spec: { cell, units: [17, 5], timeSteps: 4, features: 3, outputs: 2, dropout: 0, stateful: false, batchSize: 37 }, batches: [37, 37, 5], loss: 'mse' },
      // dropout masks drawn once per batch, the same whoever computes the rows
      { spec: { cell, units: [9], timeSteps: 3, features: 2, outputs: 3, dropout: 0.3, stateful: false, batchSize: 40 }, batches: [40, 40, 17], loss: 'mae' },
      // state carried from batch to batch, row by row
      { spec: { cell, units: [6], timeSteps: 2, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 24 }, batches: [24, 24, 24], loss: 'mse' },
    ];
    for (const { spec, batches, loss } of cases) {
      const options = { ...OPTIONS, loss };
      const initial = randomWeights(spec, 2, 0.5);
      const want = trainWith(createFusedTrainer(spec, options, initial), spec, batches);
      for (const threads of [1, 2, 3]) {
        const got = trainWith(await createFusedTrainerOnThreads(spec, options, initial, threads), spec, batches);
        const label = `${spec.units.join('x')} batch ${spec.batchSize}${spec.dropout ? ' dropout' : ''}${spec.stateful ? ' stateful' : ''}, ${threads} thread(s)`;
        assert.deepEqual(got.losses, want.losses, `${label}: losses`);
        assert.ok(got.weights.equals(want.weights), `${label}: weights`);
        assert.ok(got.states.equals(want.states), `${label}: states`);
      }
    }
  });
}

test('threads: classification heads, per-step outputs and row weights train to the same bits on 1, 2 and 3 threads', async () => {
  const cases: { spec: NetworkSpec; loss: 'binary-crossentropy' | 'categorical-crossentropy' }[] = [
    { spec: { cell: 'gru', units: [7], timeSteps: 3, features: 2, outputs: 1, dropout: 0, stateful: false, batchSize: 30, head: 'sigmoid' }, loss: 'binary-crossentropy' },
    { spec: { cell: 'lstm', units: [7, 5], timeSteps: 4, features: 2, outputs: 3, dropout: 0.2, stateful: false, batchSize: 30, head: 'softmax', perStep: true }, loss: 'categorical-crossentropy' },
  ];
  for (const { spec, loss } of cases) {
    const random = seededRandom(12);
    const batch = spec.batchSize;
    const targetRows = batch * (spec.perStep ? spec.timeSteps : 1);
    const x = Float32Array.from({ length: batch * spec.timeSteps * spec.features }, () => random() * 2 - 1);
    // one-hot classes (or 0/1 labels), and a weight per target row
    const y = new Float32Array(targetRows * spec.outputs);
    for (let r = 0; r < targetRows; r++) {
      if (spec.outputs === 1) y[r] = random() < 0.5 ? 0 : 1;
      else y[r * spec.outputs + Math.floor(random() * spec.outputs)] = 1;
    }
    const rowWeights = Float32Array.from({ length: targetRows }, () => 0.5 + random());
    const run = (trainer: FusedTrainer) => {
      const losses = [0, 1, 2].map(() => trainer.trainBatch(x, y, batch, rowWeights));
      const weights = Buffer.concat(trainer.getWeights().map((w) => Buffer.from(w.values.buffer)));
      trainer.dispose();
      return { losses, weights };
    };
    const options = { ...OPTIONS, loss };
    const initial = randomWeights(spec, 6, 0.5);
    const want = run(createFusedTrainer(spec, options, initial));
    for (const threads of [1, 2, 3]) {
      const got = run(await createFusedTrainerOnThreads(spec, options, initial, threads));
      assert.deepEqual(got.losses, want.losses, `${spec.head}${spec.perStep ? ' per step' : ''}, ${threads} thread(s): losses`);
      assert.ok(got.weights.equals(want.weights), `${spec.head}${spec.perStep ? ' per step' : ''}, ${threads} thread(s): weights`);
    }
  }
});

test('threads: small networks and batches stay on one thread; large ones use what they are given', () => {
  const shampoo: NetworkSpec = { cell: 'lstm', units: [1], timeSteps: 1, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 1 };
  const gru: NetworkSpec = { cell: 'gru', units: [50], timeSteps: 50, features: 8, outputs: 5, dropout: 0, stateful: false, batchSize: 50 };
  assert.equal(fusedThreads(shampoo, 8), 1);
  assert.equal(fusedThreads({ ...gru, batchSize: 4 }, 8), 1, 'fewer than 8 rows a thread');
  assert.equal(fusedThreads(gru, 2), 2);
  assert.equal(fusedThreads(gru, 1), 1);
  assert.equal(fusedThreads(gru, 64), 6, 'at least 8 rows a thread');
  assert.throws(() => fusedThreads(gru, 0), { name: 'RangeError', message: 'threads must be a positive integer, got 0' });
});
