// The fused engine against tfjs (cpu backend) for the classification heads: sigmoid + binary
// cross-entropy and softmax + categorical cross-entropy, on the last step or on every step
// (per-step), with and without per-row weights, stateless and stateful: the same loss at every
// step, close final weights, and the same probabilities from the batch-1 stepper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import { type HeadKind, type LossName, type NetworkSpec, targetSize } from '../../../src/engines/types.js';
import { assertTrainedAlike, baseSpec, engines, relativeDiff, seededLabels, trainBoth } from './compare-engines.js';

const HEADS: { head: HeadKind; outputs: number; loss: LossName }[] = [
  { head: 'sigmoid', outputs: 1, loss: 'binary-crossentropy' },
  { head: 'softmax', outputs: 3, loss: 'categorical-crossentropy' },
];
const STEPS = 30;

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  for (const { head, outputs, loss } of HEADS) {
    for (const perStep of [false, true]) {
      for (const weighted of [false, true]) {
        // Stateful with the weighted runs, so both kinds are covered without doubling the count.
        const stateful = weighted;
        const label = `${cell} 2 layers, ${head} + ${loss}${perStep ? ', per step' : ''}${weighted ? ', weighted rows, stateful' : ''}`;
        test(`parity: ${label}: same loss at each of ${STEPS} steps and close final weights`, async () => {
          const spec = baseSpec({ cell, units: [3, 2], outputs, head, perStep, stateful, batchSize: 4 });
          const r = await trainBoth(spec, { optimizer: { name: 'adam', lr: 0.02 }, loss, seed: 13 }, STEPS, weighted);
          assertTrainedAlike(r);
        });
      }
    }
  }
}

test('parity: the weights scale each row\'s loss (a weighted first step differs from an unweighted one)', async () => {
  const spec = baseSpec({ cell: 'lstm', units: [3], outputs: 1, head: 'sigmoid', batchSize: 4 });
  const options = { optimizer: { name: 'adam' as const, lr: 0.02 }, loss: 'binary-crossentropy' as const, seed: 13 };
  const plain = await trainBoth(spec, options, 1, false);
  const weighted = await trainBoth(spec, options, 1, true);
  assert.ok(relativeDiff(plain.tfjsLosses[0]!, weighted.tfjsLosses[0]!) > 1e-3);
  assert.ok(relativeDiff(weighted.tfjsLosses[0]!, weighted.fusedLosses[0]!) < 1e-4);
});

for (const { head, outputs } of HEADS) {
  for (const perStep of [false, true]) {
    test(`parity: ${head} head${perStep ? ' per step' : ''}: the stepper's probabilities agree within 1e-5 and are probabilities`, async () => {
      const { tfjs, fused } = await engines();
      const spec: NetworkSpec = baseSpec({ cell: 'gru', units: [3, 2], outputs, head, perStep, batchSize: 4 });
      const weights = initialWeights(spec, 5);
      const { x } = seededLabels(spec, 6, 3);
      const a = await tfjs.createStepper(spec, weights);
      const b = await fused.createStepper(spec, weights);
      const sampleSize = spec.timeSteps * spec.features;
      for (let r = 0; r < 6; r++) {
        const xr = x.subarray(r * sampleSize, (r + 1) * sampleSize);
        const want = a.predict(xr);
        const got = b.predict(xr);
        assert.equal(got.length, targetSize(spec));
        assert.equal(want.length, targetSize(spec));
        want.forEach((v, o) => assert.ok(Math.abs(v - got[o]!) < 1e-5, `row ${r} output ${o}: tfjs ${v}, fused ${got[o]}`));
        assert.ok(got.every((p) => p > 0 && p < 1));
        if (head === 'softmax') {
          for (let s = 0; s < got.length; s += outputs) {
            const total = got.subarray(s, s + outputs).reduce((p, q) => p + q, 0);
            assert.ok(Math.abs(total - 1) < 1e-6, `softmax row sums to ${total}`);
          }
        }
      }
      a.dispose();
      b.dispose();
    });
  }
}
