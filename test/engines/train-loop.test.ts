import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explodedLossFor, runTraining, type LoopOptions } from '../../src/engines/train-loop.js';
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
