// The fused engine against the reference tfjs engine (cpu backend): same initial weights, same
// data, same forecasts and the same loss at every training step, for every combination of cell
// type, 1 or 2 layers, stateful or stateless, batch 1 or 4, optimizer and loss (144 runs of 50
// steps; about 25 s, almost all of it tfjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellType, LossName, NetworkSpec, OptimizerName } from '../../../src/engines/types.js';
import { assertTrainedAlike, baseSpec, engines, maxWeightDiff, seededData, trainBoth } from './compare-engines.js';
import { initialWeights } from '../../../src/engines/initial-weights.js';

interface Case {
  layers: 1 | 2;
  stateful: boolean;
  batchSize: 1 | 4;
  optimizer: OptimizerName;
  loss: LossName;
}

const CASES: Case[] = [];
for (const layers of [1, 2] as const)
  for (const stateful of [true, false])
    for (const batchSize of [1, 4] as const)
      for (const optimizer of ['adam', 'sgd', 'rmsprop'] as const)
        for (const loss of ['mse', 'mae'] as const) CASES.push({ layers, stateful, batchSize, optimizer, loss });
const LEARNING_RATES: Record<OptimizerName, number> = { adam: 0.01, sgd: 0.1, rmsprop: 0.005 };
const STEPS = 50;

const specFor = (cell: CellType, c: Case): NetworkSpec =>
  baseSpec({ cell, units: c.layers === 1 ? [3] : [3, 2], stateful: c.stateful, batchSize: c.batchSize });

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  for (const c of CASES) {
    const label = `${cell} ${c.layers} layer(s), ${c.stateful ? 'stateful' : 'stateless'}, batch ${c.batchSize}, ${c.optimizer}, ${c.loss}`;
    test(`parity: ${label}: same loss at each of ${STEPS} steps and close final weights`, async () => {
      const spec = specFor(cell, c);
      const r = await trainBoth(spec, { optimizer: { name: c.optimizer, lr: LEARNING_RATES[c.optimizer] }, loss: c.loss, seed: 11 }, STEPS);
      // Each run of 5 steps sees every batch once: the loss over the last 5 is below the first 5.
      assertTrainedAlike(r);
      const moved = maxWeightDiff(r.initial, r.tfjsWeights);
      assert.ok(moved.diff > 1e-2, `weights moved (${moved.diff})`);
    });
  }
}

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  for (const layers of [[3], [3, 2]]) {
    test(`parity: ${cell} ${layers.length} layer(s): forecasts from the initial weights agree within 1e-5`, async () => {
      const { tf, tfjs, fused } = await engines();
      const spec = baseSpec({ cell, units: layers, stateful: false, batchSize: 4 });
      const weights = initialWeights(spec, 5);
      const { x } = seededData(spec, 6, 3);
      const a = await tfjs.createStepper(spec, weights);
      const b = await fused.createStepper(spec, weights);
      const sampleSize = spec.timeSteps * spec.features;
      for (let r = 0; r < 6; r++) {
        const xr = x.subarray(r * sampleSize, (r + 1) * sampleSize);
        const want = a.predict(xr);
        const got = b.predict(xr);
        assert.equal(got.length, spec.outputs);
        want.forEach((v, o) => assert.ok(Math.abs(v - got[o]!) < 1e-5, `row ${r} output ${o}: tfjs ${v}, fused ${got[o]}`));
      }
      a.dispose();
      b.dispose();
    });
  }
}
