import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTwinStates, stateSizes, testStartStates } from '../../src/engines/carried-state.js';
import type { NetworkSpec } from '../../src/engines/types.js';

const spec = (o: Partial<NetworkSpec> = {}): NetworkSpec => ({ cell: 'lstm', units: [2, 3], timeSteps: 1, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 3, ...o });

test('state sizes: h and c per LSTM layer, h alone for gru and rnn', () => {
  assert.deepEqual(stateSizes(spec(), 3), [6, 6, 9, 9]);
  assert.deepEqual(stateSizes(spec({ cell: 'gru' }), 1), [2, 3]);
  assert.deepEqual(stateSizes(spec({ cell: 'rnn', units: [4] }), 2), [8]);
});

test('the test starts from the last row of each state: the row that has read the last training row', () => {
  // batch 3, layer 0 has 2 units: rows [1,2], [3,4], [5,6]
  const h0 = Float32Array.of(1, 2, 3, 4, 5, 6);
  const c0 = Float32Array.of(-1, -2, -3, -4, -5, -6);
  const h1 = Float32Array.from({ length: 9 }, (_, i) => 10 + i);
  const c1 = Float32Array.from({ length: 9 }, (_, i) => 20 + i);
  const start = testStartStates(spec(), [h0, c0, h1, c1]);
  assert.deepEqual(start.map((s) => [...s]), [[5, 6], [-5, -6], [16, 17, 18], [26, 27, 28]]);
  assert.deepEqual(testStartStates(spec({ batchSize: 1, units: [2] }), [Float32Array.of(7, 8), Float32Array.of(9, 10)]).map((s) => [...s]), [[7, 8], [9, 10]]);
});

test('a stateless network starts the test from no carried state', () => {
  assert.deepEqual(testStartStates(spec({ stateful: false }), []), []);
});

test('states of the wrong count or size are a RangeError saying what was found', () => {
  assert.throws(() => testStartStates(spec({ units: [2] }), [new Float32Array(6)]), /trainer states must be 2 arrays of \[3, units\] values, got lengths 6/);
  assert.throws(() => checkTwinStates(spec({ units: [2] }), [new Float32Array(2)]), { name: 'RangeError', message: 'states must hold 2 arrays (h and c per layer), got 1' });
  assert.throws(() => checkTwinStates(spec({ units: [2], cell: 'gru' }), [new Float32Array(3)]), { name: 'RangeError', message: 'state 0 must hold 2 values, got 3' });
  assert.throws(() => checkTwinStates(spec({ stateful: false }), [new Float32Array(2)]), { name: 'RangeError', message: 'states must hold 0 arrays (h and c per layer: none, the network is stateless), got 1' });
  assert.doesNotThrow(() => checkTwinStates(spec({ stateful: false }), []));
});
