import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUSED_MAX_WORK_PER_LAYER, selectEngine } from '../../src/engines/select-engine.js';
import type { NetworkSpec } from '../../src/engines/types.js';

const spec = (o: Partial<NetworkSpec> = {}): NetworkSpec => ({ cell: 'lstm', units: [1], timeSteps: 1, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 1, ...o });

test('auto picks fused for the shampoo network and says how much faster, roughly', () => {
  const picked = selectEngine('auto', spec(), 22);
  assert.equal(picked.engine, 'fused');
  assert.match(picked.reason, /^fused: small network \(1 LSTM, batch 1\), estimated \d+x faster than tfjs$/);
  const ratio = Number(/estimated (\d+)x/.exec(picked.reason)![1]);
  assert.ok(ratio >= 500, `the shampoo network is measured at ~2700x; the estimate says ${ratio}x`);
});

test('with WebAssembly SIMD, auto picks fused at every measured size', () => {
  const gru = spec({ cell: 'gru', units: [50], timeSteps: 50, features: 8, outputs: 5, stateful: false });
  const big = selectEngine('auto', { ...gru, batchSize: 500 }, 2000, true);
  assert.equal(big.engine, 'fused');
  assert.match(big.reason, /^fused: network \(50 GRU, batch 500\), estimated 3\.\dx faster than tfjs$/);
  assert.equal(selectEngine('auto', spec({ units: [128], timeSteps: 5, stateful: false, batchSize: 128 }), 10_000, true).engine, 'fused');
});

test('without SIMD, auto picks fused for the benchmark GRU at batch 50 and tfjs at batch 500', () => {
  const gru = spec({ cell: 'gru', units: [50], timeSteps: 50, features: 8, outputs: 5, stateful: false });
  assert.equal(selectEngine('auto', { ...gru, batchSize: 50 }, 2000, false).engine, 'fused');
  const big = selectEngine('auto', { ...gru, batchSize: 500 }, 2000, false);
  assert.equal(big.engine, 'tfjs');
  assert.match(big.reason, /^tfjs: large batches \(50 GRU, batch 500: 4\.3M multiply-adds per layer and time step\)/);
});

test('without SIMD, the threshold is on work per layer and time step: batch · g · u · (in + u) / layers', () => {
  // LSTM 64 units, 1 feature: 4 · 64 · 65 = 16640 per sample; the line falls between batch 180 and 181.
  const lstm = spec({ units: [64], stateful: false });
  const atLimit = Math.floor(FUSED_MAX_WORK_PER_LAYER / 16640);
  assert.equal(selectEngine('auto', { ...lstm, batchSize: atLimit }, 10_000, false).engine, 'fused');
  assert.equal(selectEngine('auto', { ...lstm, batchSize: atLimit + 1 }, 10_000, false).engine, 'tfjs');
  // A batch larger than the data is really a batch of all the rows.
  assert.equal(selectEngine('auto', { ...lstm, batchSize: 5000 }, 100, false).engine, 'fused');
});

test('an explicit choice is kept and said so', () => {
  assert.deepEqual(selectEngine('tfjs', spec(), 22), { engine: 'tfjs', reason: 'tfjs: chosen with --engine tfjs' });
  assert.deepEqual(selectEngine('fused', spec({ units: [512], batchSize: 512, stateful: false }), 10_000), { engine: 'fused', reason: 'fused: chosen with --engine fused' });
});

test('bad arguments: an unknown engine is a TypeError, a row count below 1 a RangeError', () => {
  assert.throws(() => selectEngine('gpu' as 'auto', spec(), 22), { name: 'TypeError', message: 'engine must be auto, fused or tfjs, got "gpu"' });
  assert.throws(() => selectEngine('auto', spec(), 0), { name: 'RangeError', message: 'trainingRows must be a positive integer, got 0' });
});
