// Dropout in the fused engine: masks cannot match tfjs' (another random source), so instead of
// parity these check that training with dropout still learns, that it is seeded, and that
// forecasting ignores it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFusedStepper, createFusedTrainer } from '../../../src/engines/fused/fused-engine.js';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import type { NetworkSpec } from '../../../src/engines/types.js';
import { baseSpec, engines, seededData } from './compare-engines.js';

async function trainLosses(spec: NetworkSpec, seed: number, epochs: number): Promise<{ losses: number[]; trainer: ReturnType<typeof createFusedTrainer> }> {
  const { tf } = await engines();
  const rows = 32;
  const { x, y } = seededData(spec, rows, 3);
  const trainer = createFusedTrainer(spec, { optimizer: { name: 'adam', lr: 0.01 }, loss: 'mse', seed }, initialWeights(spec, 1));
  const sampleSize = spec.timeSteps * spec.features;
  const losses: number[] = [];
  for (let e = 0; e < epochs; e++) {
    let sum = 0;
    for (let start = 0; start < rows; start += spec.batchSize) {
      sum += trainer.trainBatch(x.subarray(start * sampleSize, (start + spec.batchSize) * sampleSize), y.subarray(start * spec.outputs, (start + spec.batchSize) * spec.outputs), spec.batchSize);
    }
    losses.push(sum / (rows / spec.batchSize));
  }
  return { losses, trainer };
}

const dropoutSpec = baseSpec({ cell: 'lstm', units: [8, 4], dropout: 0.3, batchSize: 4 });

test('dropout: a stacked LSTM with dropout 0.3 still learns (mean loss of the last 10 epochs well below the first 10)', async () => {
  const { losses } = await trainLosses(dropoutSpec, 1, 150);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(losses.slice(0, 10));
  const last = mean(losses.slice(-10));
  assert.ok(last < 0.6 * first, `first 10 epochs ${first}, last 10 ${last}`);
});

test('dropout: the same seed gives the same losses, another seed other losses; no dropout is deterministic regardless of seed', async () => {
  const a = (await trainLosses(dropoutSpec, 1, 3)).losses;
  const b = (await trainLosses(dropoutSpec, 1, 3)).losses;
  const c = (await trainLosses(dropoutSpec, 2, 3)).losses;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const plain = { ...dropoutSpec, dropout: 0 };
  assert.deepEqual((await trainLosses(plain, 1, 3)).losses, (await trainLosses(plain, 2, 3)).losses);
});

test('dropout: forecasting ignores it (same forecasts as the same weights without dropout, every call)', async () => {
  const { trainer } = await trainLosses(dropoutSpec, 1, 5);
  const weights = trainer.getWeights();
  const withDropout = createFusedStepper(dropoutSpec, weights);
  const without = createFusedStepper({ ...dropoutSpec, dropout: 0 }, weights);
  const { x } = seededData(dropoutSpec, 1, 8);
  const want = without.predict(x);
  for (let k = 0; k < 5; k++) assert.deepEqual(withDropout.predict(x), want);
});
