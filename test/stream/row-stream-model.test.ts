// Rows fed one at a time give what the network gives for the whole sequence at once: a per-step
// classifier through its stateful twin, a window model window by window; a bad row changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFusedEngine } from '../../src/engines/fused/fused-engine.js';
import { initialWeights } from '../../src/engines/initial-weights.js';
import type { NetworkSpec } from '../../src/engines/types.js';
import type { FeatureEncoding, TargetEncoding } from '../../src/core/types.js';
import { DataError } from '../../src/errors.js';
import { RowStreamModel, stepTwin, type RowValues } from '../../src/stream/row-stream-model.js';
import { scaleValue } from '../../src/transforms/scaler.js';

const features: FeatureEncoding[] = [
  { column: 'a', kind: 'numeric', transform: { kind: 'none' }, scaler: { kind: 'minmax', range: [-1, 1], min: [0], max: [10] } },
  { column: 'b', kind: 'numeric', transform: { kind: 'log' }, scaler: { kind: 'standard', mean: [1], std: [0.5] } },
  { column: 'w', kind: 'one-hot', categories: ['E', 'N', 'W'] },
];
const row = (t: number): Map<string, number | string> =>
  new Map<string, number | string>([['a', (t * 7) % 11], ['b', 1 + ((t * 3) % 5)], ['w', ['N', 'E', 'W', 'S'][t % 4]!]]);
/** The row encoded by hand: a scaled, log b standardised, w one-hot (S unseen: zeros). */
function encoded(t: number): number[] {
  const r = row(t);
  const w = r.get('w') as string;
  return [
    scaleValue(features[0]!.kind === 'numeric' ? features[0]!.scaler : { kind: 'none', columns: 1 }, 0, r.get('a') as number),
    (Math.log(r.get('b') as number) - 1) / 0.5,
    w === 'E' ? 1 : 0, w === 'N' ? 1 : 0, w === 'W' ? 1 : 0,
  ];
}

test('a per-step classifier streamed row by row equals the whole sequence at once, and a reset starts afresh', async () => {
  const engine = createFusedEngine();
  const steps = 12;
  const spec: NetworkSpec = { cell: 'lstm', units: [5, 4], timeSteps: steps, features: 5, outputs: 1, head: 'sigmoid', perStep: true, dropout: 0, stateful: false, batchSize: 8 };
  const weights = initialWeights(spec, 3);
  const whole = await engine.createStepper(spec, weights);
  const want = whole.predict(Float32Array.from(Array.from({ length: steps }, (_, t) => encoded(t)).flat()));
  whole.dispose();
  const twin = stepTwin(spec);
  const stream = new RowStreamModel({ spec: twin, features, reading: { kind: 'classify', classes: ['empty', 'occupied'], head: 'sigmoid' }, mode: 'step', forecastReset: 'never', stepper: await engine.createStepper(twin, weights) });
  for (const pass of [1, 2]) {
    for (let t = 0; t < steps; t++) {
      const out = stream.push(row(t), `rows.csv:${t + 2}`);
      assert.ok(out && out.kind === 'classes');
      assert.equal(out.probabilities.length, 2);
      assert.ok(Math.abs(out.probabilities[1]! - want[t]!) < 1e-6, `pass ${pass} step ${t}: streamed ${out.probabilities[1]}, whole ${want[t]}`);
      assert.ok(Math.abs(out.probabilities[0]! + out.probabilities[1]! - 1) < 1e-12);
    }
    stream.reset();
  }
});

test('a window model gives nothing until its lags are full, then the window of the last rows', async () => {
  const engine = createFusedEngine();
  const spec: NetworkSpec = { cell: 'gru', units: [3], timeSteps: 3, features: 5, outputs: 2, dropout: 0, stateful: false, batchSize: 1 };
  const weights = initialWeights(spec, 5);
  const check = await engine.createStepper(spec, weights);
  const target: TargetEncoding = { column: 'a', transform: { kind: 'none' }, scaler: { kind: 'minmax', range: [-1, 1], min: [0], max: [10] } };
  const stream = new RowStreamModel({ spec, features, reading: { kind: 'regression', target, horizon: 2 }, mode: 'window', forecastReset: 'never', stepper: await engine.createStepper(spec, weights) });
  assert.equal(stream.warmUp, 2);
  for (let t = 0; t < 8; t++) {
    const out = stream.push(row(t), `rows.csv:${t + 2}`);
    if (t < 2) {
      assert.equal(out, null);
      continue;
    }
    const y = check.predict(Float32Array.from([encoded(t - 2), encoded(t - 1), encoded(t)].flat()));
    assert.ok(out && out.kind === 'forecast');
    // un-scaled from [-1, 1] to [0, 10]
    assert.deepEqual(out.values.map((v) => v.toFixed(9)), Array.from(y, (v) => ((v + 1) * 5).toFixed(9)));
  }
});

test('a bad row (a log of a value <= 0) is a DataError naming it, and what is carried stays as before it', async () => {
  const engine = createFusedEngine();
  const spec: NetworkSpec = { cell: 'lstm', units: [3], timeSteps: 4, features: 5, outputs: 1, head: 'sigmoid', perStep: true, dropout: 0, stateful: false, batchSize: 1 };
  const weights = initialWeights(spec, 9);
  const twin = stepTwin(spec);
  const make = async () => new RowStreamModel({ spec: twin, features, reading: { kind: 'classify', classes: ['0', '1'], head: 'sigmoid' }, mode: 'step', forecastReset: 'never', stepper: await engine.createStepper(twin, weights) });
  const clean = await make();
  const withBad = await make();
  const bad: RowValues = new Map<string, number | string>([['a', 1], ['b', -2], ['w', 'E']]);
  for (let t = 0; t < 6; t++) {
    const want = clean.push(row(t), 'x');
    if (t === 3) {
      assert.throws(() => withBad.push(bad, 'stdin:5'), (e: unknown) => e instanceof DataError && /^stdin:5: column "b": log of -2 is undefined/.test(e.message));
    }
    assert.deepEqual(withBad.push(row(t), 'x'), want);
  }
});
