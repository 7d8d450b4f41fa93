// The batch-1 forecaster: a stateful stepper carries its state from call to call exactly as
// tfjs' stateful twin does, including after resetStates(); a stateless one starts each call fresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import { baseSpec, engines, seededData } from './compare-engines.js';

for (const cell of ['lstm', 'gru', 'rnn'] as const) {
  test(`stepper parity: a stateful ${cell} stepper matches tfjs over 10 calls, with a reset after the 6th`, async () => {
    const { tf, tfjs, fused } = await engines();
    const spec = baseSpec({ cell, units: [3, 2], stateful: true, batchSize: 4 });
    const weights = initialWeights(spec, 9);
    const { x } = seededData(spec, 10, 4);
    const sampleSize = spec.timeSteps * spec.features;
    const a = await tfjs.createStepper(spec, weights);
    const b = await fused.createStepper(spec, weights);
    const fresh = await fused.createStepper(spec, weights);
    for (let call = 0; call < 10; call++) {
      if (call === 6) {
        a.resetStates();
        b.resetStates();
        assert.ok(b.readStates!().every((s) => s.every((v) => v === 0)), 'resetStates zeroes the state');
      }
      const xr = x.subarray(call * sampleSize, (call + 1) * sampleSize);
      const want = a.predict(xr);
      const got = b.predict(xr);
      want.forEach((v, o) => assert.ok(Math.abs(v - got[o]!) < 1e-5, `call ${call} output ${o}: tfjs ${v}, fused ${got[o]}`));
      const wantStates = a.readStates!();
      const gotStates = b.readStates!();
      assert.equal(gotStates.length, wantStates.length, 'h (and c) per layer');
      wantStates.forEach((s, i) => s.forEach((v, k) => assert.ok(Math.abs(v - gotStates[i]![k]!) < 1e-5, `call ${call} state ${i}[${k}]`)));
      if (call > 0 && call !== 6) {
        // The state matters: a fresh stepper given the same input forecasts something else.
        fresh.resetStates();
        const stateless = fresh.predict(xr);
        assert.ok(stateless.some((v, o) => Math.abs(v - got[o]!) > 1e-6), `call ${call} used the carried state`);
      }
    }
    a.dispose();
    b.dispose();
    fresh.dispose();
  });
}

test('a stateless stepper gives the same forecast for the same input, call after call', async () => {
  const { tf, fused } = await engines();
  const spec = baseSpec({ cell: 'lstm', stateful: false });
  const stepper = await fused.createStepper(spec, initialWeights(spec, 2));
  const { x } = seededData(spec, 1, 1);
  const first = stepper.predict(x);
  stepper.predict(seededData(spec, 1, 2).x);
  assert.deepEqual(stepper.predict(x), first);
  assert.deepEqual(stepper.readStates!(), []);
  stepper.setStates([]);
  assert.deepEqual(stepper.predict(x), first, 'an empty state list is accepted and changes nothing');
  const tfjsStepper = await (await engines()).tfjs.createStepper(spec, initialWeights(spec, 2));
  const want = tfjsStepper.predict(x);
  tfjsStepper.setStates([]);
  assert.deepEqual(tfjsStepper.predict(x), want);
  tfjsStepper.dispose();
});

for (const cell of ['lstm', 'gru'] as const) {
  test(`setStates: a ${cell} stepper on both engines continues from the state it is given`, async () => {
    const { tf, tfjs, fused } = await engines();
    const spec = baseSpec({ cell, units: [3, 2], stateful: true, batchSize: 4 });
    const weights = initialWeights(spec, 5);
    const { x } = seededData(spec, 4, 6);
    const sampleSize = spec.timeSteps * spec.features;
    for (const engine of [fused, tfjs]) {
      // The reference: one stepper that runs calls 0..3 without a break.
      const through = await engine.createStepper(spec, weights);
      for (let call = 0; call < 3; call++) through.predict(x.subarray(call * sampleSize, (call + 1) * sampleSize));
      const states = through.readStates();
      const want = through.predict(x.subarray(3 * sampleSize));
      // A fresh stepper given the state after call 2 makes the same fourth forecast.
      const resumed = await engine.createStepper(spec, weights);
      resumed.setStates(states);
      assert.deepEqual(resumed.readStates(), states, `${engine.name}: readStates gives back what setStates set`);
      const got = resumed.predict(x.subarray(3 * sampleSize));
      want.forEach((v, o) => assert.ok(Math.abs(v - got[o]!) < 1e-6, `${engine.name} output ${o}: ${v} vs ${got[o]}`));
      assert.throws(() => resumed.setStates(states.slice(1)), RangeError);
      through.dispose();
      resumed.dispose();
    }
  });
}
