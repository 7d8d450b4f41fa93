// The fused backward pass against central finite differences of the loss, in float64: every
// parameter of a stacked network, batch > 1, several time steps, each cell type and every loss
// with its head (linear for mse / mae, sigmoid + binary and softmax + categorical cross-entropy),
// with and without per-row weights, on the last step and on every step (per-step heads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lossAndGradient } from '../../../src/engines/fused/losses.js';
import { Network } from '../../../src/engines/fused/network.js';
import type { HeadKind, LossName, NetworkSpec } from '../../../src/engines/types.js';
import { baseSpec, randomWeights, seededData, seededLabels } from './compare-engines.js';


function checkGradient(spec: NetworkSpec, loss: LossName, weighted: boolean): void {
  const batch = 3;
  const network = new Network(spec, randomWeights(spec, 21, 0.8), batch);
  const labelled = spec.head === 'sigmoid' || spec.head === 'softmax';
  const data = labelled ? seededLabels(spec, batch, 5) : { ...seededData(spec, batch, 5), weights: null };
  const { x, y } = data;
  const weights = weighted ? data.weights : null;
  const rows = batch * (spec.perStep ? spec.timeSteps : 1);
  const scratch = new Float64Array(rows * spec.outputs);
  const lossAt = () => {
    network.forward(x, batch, false);
    return lossAndGradient(loss, network.predictions(), y, rows, spec.outputs, scratch, weights);
  };
  network.lossAndGradient(x, y, batch, loss, weights);
  const analytic = Float64Array.from(network.grads);
  const h = 1e-6;
  let worst = 0;
  for (let k = 0; k < network.params.length; k++) {
    const saved = network.params[k]!;
    network.params[k] = saved + h;
    const up = lossAt();
    network.params[k] = saved - h;
    const down = lossAt();
    network.params[k] = saved;
    const numeric = (up - down) / (2 * h);
    const error = Math.abs(numeric - analytic[k]!) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[k]!));
    worst = Math.max(worst, error);
    assert.ok(error < 1e-5, `parameter ${k}: analytic ${analytic[k]}, numeric ${numeric}`);
  }
  assert.ok(analytic.some((g) => Math.abs(g) > 1e-3), 'the gradient is not trivially zero');
  assert.ok(worst < 1e-5);
}

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  for (const loss of ['mse', 'mae'] as const) {
    test(`gradient check: ${cell}, 2 stacked layers, batch 3, 4 time steps, ${loss}`, () => {
      checkGradient(baseSpec({ cell, units: [3, 2], timeSteps: 4, features: 2, outputs: 2, batchSize: 3 }), loss, false);
    });
  }
}

const HEADS: { head: HeadKind; outputs: number; loss: LossName }[] = [
  { head: 'sigmoid', outputs: 1, loss: 'binary-crossentropy' },
  { head: 'softmax', outputs: 3, loss: 'categorical-crossentropy' },
];
for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  for (const { head, outputs, loss } of HEADS) {
    for (const perStep of [false, true]) {
      for (const weighted of [false, true]) {
        const label = `${cell}, 2 stacked layers, ${head} + ${loss}${perStep ? ', per step' : ''}${weighted ? ', weighted rows' : ''}`;
        test(`gradient check: ${label}`, () => {
          checkGradient(baseSpec({ cell, units: [3, 2], timeSteps: 4, features: 2, outputs, head, perStep, batchSize: 3 }), loss, weighted);
        });
      }
    }
  }
}

test('gradient check: per-step mse with a linear head (the per-step path without an activation)', () => {
  checkGradient(baseSpec({ cell: 'lstm', units: [3], timeSteps: 4, features: 2, outputs: 2, perStep: true, batchSize: 3 }), 'mse', true);
});
