import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explodedLossFor, referenceLoss, runTraining, type LoopOptions } from '../../src/engines/train-loop.js';
import type { Trainer } from '../../src/engines/types.js';
import { DivergedError, InterruptedError } from '../../src/errors.js';

interface Recorded extends Trainer {
  events: string[];
}

/** Records batches (by the first x value of each row) and resets; the loss is the batch's first x. */
function recordingTrainer(loss?: (step: number) => number): Recorded {
  let step = 0;
  const t: Recorded = {
    events: [],
    trainBatch(x, _y, batch) {
      t.events.push(`b${Array.from(x.subarray(0, batch)).join(',')}`);
      return loss ? loss(step++) : 0.5;
    },
    resetStates() {
      t.events.push('reset');
    },
    getWeights: () => [],
    readStates: () => [],
    dispose() {},
  };
  return t;
}

const data = (rows: number) => ({ x: Float32Array.from({ length: rows }, (_, i) => i), y: new Float32Array(rows), rows, sampleSize: 1, outputs: 1 });
const opts = (o: Partial<LoopOptions>): LoopOptions => ({ epochs: 2, batchSize: 1, stateful: true, reset: 'epoch', shuffle: false, seed: 1, lr: 0.001, ...o });

test('stateful, reset every epoch: rows in time order, one reset after each epoch', async () => {
  const t = recordingTrainer();
  await runTraining(t, data(3), opts({ reset: 'epoch' }));
  assert.deepEqual(t.events, ['b0', 'b1', 'b2', 'reset', 'b0', 'b1', 'b2', 'reset']);
});

test('stateful, reset every batch and never', async () => {
  const batch = recordingTrainer();
  await runTraining(batch, data(4), opts({ reset: 'batch', batchSize: 2, epochs: 1 }));
  assert.deepEqual(batch.events, ['b0,1', 'reset', 'b2,3', 'reset']);
  const never = recordingTrainer();
  await runTraining(never, data(2), opts({ reset: 'never' }));
  assert.deepEqual(never.events, ['b0', 'b1', 'b0', 'b1']);
});

test('stateless: no resets needed, a last partial batch is allowed', async () => {
  const t = recordingTrainer();
  await runTraining(t, data(5), opts({ stateful: false, batchSize: 2, epochs: 1 }));
  assert.deepEqual(t.events, ['b0,1', 'b2,3', 'b4']);
});

test('stateful training rows must be a multiple of the batch size', async () => {
  await assert.rejects(runTraining(recordingTrainer(), data(5), opts({ batchSize: 2 })), RangeError);
});

test('shuffle visits every row once per epoch, in an order fixed by the seed', async () => {
  const a = recordingTrainer();
  const b = recordingTrainer();
  const c = recordingTrainer();
  await runTraining(a, data(20), opts({ stateful: false, shuffle: true, epochs: 3, seed: 7 }));
  await runTraining(b, data(20), opts({ stateful: false, shuffle: true, epochs: 3, seed: 7 }));
  await runTraining(c, data(20), opts({ stateful: false, shuffle: true, epochs: 3, seed: 8 }));
  assert.deepEqual(a.events, b.events);
  assert.notDeepEqual(a.events, c.events);
  const firstEpoch = a.events.slice(0, 20).map((e) => Number(e.slice(1))).sort((p, q) => p - q);
  assert.deepEqual(firstEpoch, [...Array(20).keys()]);
  assert.notDeepEqual(a.events.slice(0, 20), a.events.slice(20, 40), 'each epoch has its own order');
});

test('epoch losses are the row-weighted mean of batch losses', async () => {
  const t = recordingTrainer((step) => [1, 4][step % 2]!);
  const r = await runTraining(t, data(3), opts({ stateful: false, batchSize: 2, epochs: 1 }));
  assert.deepEqual(r.losses, [(1 * 2 + 4 * 1) / 3]);
});

test('a NaN or infinite loss stops at that epoch with DivergedError', async () => {
  const t = recordingTrainer((step) => (step >= 4 ? NaN : 1));
  await assert.rejects(runTraining(t, data(2), opts({ epochs: 10, lr: 1e6 })), (e: unknown) => {
    assert.ok(e instanceof DivergedError);
    assert.equal(e.message, 'training diverged at epoch 3: the loss is NaN; try a smaller --lr (now 1000000) or check the scale of the data; nothing was saved');
    return true;
  });
  assert.equal(t.events.filter((e) => e.startsWith('b')).length, 6);
  const inf = recordingTrainer(() => Infinity);
  await assert.rejects(runTraining(inf, data(2), opts({})), /the loss is infinite/);
});

test('an interruption seen between epochs stops training with InterruptedError', async () => {
  // A trainer slow enough that the loop yields to the event loop and checks for signals.
  const slow: Trainer = {
    async trainBatch() {
      await new Promise((r) => setTimeout(r, 30));
      return 1;
    },
    resetStates() {},
    getWeights: () => [],
    readStates: () => [],
    dispose() {},
  };
  await assert.rejects(runTraining(slow, data(2), opts({ epochs: 100, interrupted: () => 'SIGTERM' })), (e: unknown) => {
    assert.ok(e instanceof InterruptedError);
    assert.equal(e.exitCode, 143);
    return true;
  });
});

test('a finite loss that explodes past the threshold is divergence too (Adam with a huge --lr never reaches NaN)', async () => {
  const t = recordingTrainer((step) => (step >= 2 ? 5000 : 0.3));
  await assert.rejects(runTraining(t, data(2), opts({ epochs: 5, lr: 1e6, explodedLoss: 1000 })), {
    name: 'DivergedError',
    message: 'training diverged at epoch 2: the loss is 5000, over 1000 times the loss of predicting zero; try a smaller --lr (now 1000000) or check the scale of the data; nothing was saved',
  });
});

test('the explosion threshold is 1000 times the loss of predicting zero', () => {
  assert.equal(explodedLossFor(Float32Array.of(1, -1), 'mse'), 1000);
  assert.equal(explodedLossFor(Float32Array.of(0.5, -0.5), 'mae'), 500);
  assert.equal(explodedLossFor(Float32Array.of(0, 0), 'mse'), 1000);
});

test('for cross-entropy the reference is the loss of predicting the class priors', () => {
  // Binary: priors 1/4 → -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.5623351446 (by hand).
  const binary = referenceLoss(Float32Array.of(1, 0, 0, 0), 'binary-crossentropy');
  assert.equal(binary.name, 'predicting the class priors');
  assert.ok(Math.abs(binary.loss - 0.5623351446) < 1e-9);
  // Categorical over one-hot rows: priors 1/4, 1/2, 1/4 → 1.5 ln 2 = 1.0397207708.
  const oneHot = Float32Array.of(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1);
  const categorical = referenceLoss(oneHot, 'categorical-crossentropy', 3);
  assert.ok(Math.abs(categorical.loss - 1.0397207708) < 1e-9);
  assert.ok(Math.abs(explodedLossFor(oneHot, 'categorical-crossentropy', 3) - 1039.7207708) < 1e-6);
  // One class only: no scale, the unit fallback.
  assert.equal(explodedLossFor(Float32Array.of(1, 1), 'binary-crossentropy'), 1000);
  assert.deepEqual(referenceLoss(Float32Array.of(1, -1), 'mse'), { loss: 1, name: 'predicting zero' });
});

test('the divergence message names the reference the run measured against', async () => {
  const t = recordingTrainer((step) => (step >= 2 ? 900 : 0.3));
  await assert.rejects(runTraining(t, data(2), opts({ epochs: 5, lr: 5, explodedLoss: 693, explodedReference: 'predicting the class priors' })), {
    name: 'DivergedError',
    message: 'training diverged at epoch 2: the loss is 900.0, over 1000 times the loss of predicting the class priors; try a smaller --lr (now 5) or check the scale of the data; nothing was saved',
  });
});

test('row weights travel with their rows, shuffled or not, one per target row (or per step)', async () => {
  const seen: string[] = [];
  const t: Trainer = {
    trainBatch(x, _y, batch, weights) {
      for (let b = 0; b < batch; b++) seen.push(`${x[b]}:${Array.from(weights!.subarray(b * 2, b * 2 + 2)).join('/')}`);
      return 0.5;
    },
    resetStates() {},
    getWeights: () => [],
    readStates: () => [],
    dispose() {},
  };
  const rows = 5;
  const weights = Float32Array.from({ length: rows * 2 }, (_, k) => 10 * Math.floor(k / 2) + (k % 2));
  const d = { ...data(rows), weights, weightsPerRow: 2 };
  await runTraining(t, d, opts({ epochs: 1, batchSize: 2, stateful: false, shuffle: true }));
  await runTraining(t, d, opts({ epochs: 1, batchSize: 2, stateful: false, shuffle: false }));
  assert.equal(seen.length, 10);
  for (const entry of seen) {
    const [row, w] = entry.split(':');
    assert.equal(w, `${10 * Number(row)}/${10 * Number(row) + 1}`, entry);
  }
  assert.notDeepEqual(seen.slice(0, 5), seen.slice(5), 'the first epoch was shuffled');
});

/** A trainer whose single weight is the number of epochs trained (one batch an epoch) and whose lr is recorded. */
function countingTrainer(): Trainer & { lrs: number[] } {
  let steps = 0;
  const t = {
    lrs: [] as number[],
    trainBatch: () => {
      steps++;
      return 1 / steps;
    },
    resetStates() {},
    setLearningRate(lr: number) {
      t.lrs.push(lr);
    },
    getWeights: () => [{ name: 'w', shape: [1], values: Float32Array.of(steps) }],
    readStates: () => [Float32Array.of(steps)],
    dispose() {},
  };
  return t;
}

test('validation: one history entry per epoch with the loss, the validation loss of that epoch\'s weights and the lr', async () => {
  const r = await runTraining(countingTrainer(), data(1), opts({ epochs: 3, validate: (w) => 10 * w[0]!.values[0]! }));
  assert.deepEqual(r.history, [
    { epoch: 1, loss: 1, valLoss: 10, lr: 0.001 },
    { epoch: 2, loss: 0.5, valLoss: 20, lr: 0.001 },
    { epoch: 3, loss: 1 / 3, valLoss: 30, lr: 0.001 },
  ]);
  // without early stopping the last epoch is kept, as without validation
  assert.equal(r.keptEpoch, 3);
  assert.equal(r.weights[0]!.values[0], 3);
  assert.equal(r.stoppedEarly, false);
});

test('early stopping stops after patience epochs without improvement and returns the best epoch\'s weights', async () => {
  const valLosses = [5, 3, 2, 2.5, 4, 2.1, 9, 9];
  const r = await runTraining(countingTrainer(), data(1), opts({ epochs: 8, validate: (w) => valLosses[w[0]!.values[0]! - 1]!, earlyStopping: { patience: 3 } }));
  assert.equal(r.epochs, 6);
  assert.equal(r.stoppedEarly, true);
  assert.equal(r.keptEpoch, 3);
  assert.equal(r.weights[0]!.values[0], 3, 'the weights after epoch 3');
  assert.deepEqual(r.states, [Float32Array.of(3)], 'and the state training left after epoch 3');
  assert.equal(r.history.length, 6);
});

test('early stopping that never triggers still keeps the best epoch', async () => {
  const valLosses = [5, 1, 2];
  const r = await runTraining(countingTrainer(), data(1), opts({ epochs: 3, validate: (w) => valLosses[w[0]!.values[0]! - 1]!, earlyStopping: { patience: 5 } }));
  assert.equal(r.stoppedEarly, false);
  assert.equal(r.keptEpoch, 2);
  assert.equal(r.weights[0]!.values[0], 2);
});

test('lr plateau sets the lowered rate on the trainer and records the rate each epoch trained with', async () => {
  const t = countingTrainer();
  const r = await runTraining(t, data(1), opts({ epochs: 4, lr: 1, validate: () => 1, lrPlateau: { factor: 0.1, patience: 1 } }));
  assert.deepEqual(t.lrs.map((x) => Number(x.toPrecision(6))), [0.1, 0.01, 0.001]);
  assert.deepEqual(r.history.map((h) => Number(h.lr.toPrecision(6))), [1, 1, 0.1, 0.01]);
});

test('early stopping without a validation loss is a programming error', async () => {
  await assert.rejects(runTraining(countingTrainer(), data(1), opts({ earlyStopping: { patience: 1 } })), TypeError);
});
