// A per-step classifier streamed row by row through a stateful batch-1 twin with one time step
// gives, row after row, the probabilities the network gives for every step of the whole sequence
// at once, on both engines; a reset starts the next sequence afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import type { NetworkSpec } from '../../../src/engines/types.js';
import { baseSpec, engines, seededLabels } from './compare-engines.js';

for (const engineName of ['fused', 'tfjs'] as const) {
  for (const { head, outputs } of [{ head: 'sigmoid', outputs: 1 }, { head: 'softmax', outputs: 3 }] as const) {
    test(`${engineName}: streaming a ${head} per-step network one row at a time equals running each whole sequence`, async () => {
      const all = await engines();
      const engine = all[engineName];
      const spec: NetworkSpec = baseSpec({ cell: 'lstm', units: [4, 3], timeSteps: 6, features: 2, outputs, head, perStep: true, batchSize: 4 });
      const weights = initialWeights(spec, 8);
      const { x } = seededLabels(spec, 2, 6);
      const whole = await engine.createStepper(spec, weights);
      const stream = await engine.createStepper({ ...spec, timeSteps: 1, perStep: false, stateful: true, batchSize: 1 }, weights);
      const sampleSize = spec.timeSteps * spec.features;
      for (let s = 0; s < 2; s++) {
        stream.resetStates();
        const want = whole.predict(x.subarray(s * sampleSize, (s + 1) * sampleSize));
        for (let t = 0; t < spec.timeSteps; t++) {
          const row = x.subarray(s * sampleSize + t * spec.features, s * sampleSize + (t + 1) * spec.features);
          const got = stream.predict(row);
          assert.equal(got.length, outputs);
          got.forEach((v, o) => assert.ok(Math.abs(v - want[t * outputs + o]!) < 1e-5, `sequence ${s} step ${t} output ${o}: streamed ${v}, whole ${want[t * outputs + o]}`));
        }
      }
      whole.dispose();
      stream.dispose();
    });
  }
}
