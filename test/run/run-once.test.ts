import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeWarnings, runOnce } from '../../src/run/run-once.js';
import { createEngine } from '../../src/engines/create-engine.js';
import { seededInitialWeights } from '../../src/engines/initial-weights.js';
import { runTraining } from '../../src/engines/train-loop.js';
import { networkSpec, settingsFrom } from '../../src/options/train-options.js';
import type { RunSettings } from '../../src/core/types.js';
import { baselinesFor, evaluate as evaluateWith, evaluateBaselines } from '../../src/evaluate/evaluation.js';
import type { Forecasts } from '../../src/evaluate/walk-forward.js';
import type { Dataset } from '../../src/pipeline/dataset.js';

/** The network's forecasts scored beside the naive baselines (no season). */
const evaluate = (d: Dataset, f: Forecasts) => evaluateWith(d, f, evaluateBaselines(d, baselinesFor(d, 'naive', null)));
import { walkForward } from '../../src/evaluate/walk-forward.js';
import { buildDataset, DEFAULT_PIPELINE } from '../../src/pipeline/dataset.js';
import { scaleValue } from '../../src/transforms/scaler.js';
import { recordingStepper } from '../helpers/fake-stepper.js';
import { multiTable, shampooTable } from '../helpers/tables.js';

const dataset = () => buildDataset(shampooTable(), DEFAULT_PIPELINE);

test('a model whose forecasts never change is reported as a dead output, and no skill against the best baseline', () => {
  const d = dataset();
  // Every step predicts "no change": the persistence forecast.
  const noChange = scaleValue(d.target.scaler, 0, 0);
  const e = evaluate(d, walkForward(recordingStepper(() => noChange), d, { forecastReset: 'never', prime: false }));
  const warnings = outcomeWarnings(d, e);
  assert.equal(warnings.length, 2);
  assert.equal(
    warnings[0],
    "the model's forecasts are constant (every test step predicts a change of 0): the network output is dead; try another --seed, more --epochs or another --lr",
  );
  assert.equal(warnings[1], 'the model has no skill: its RMSE 136.761 is not below the persistence RMSE 136.761 (forecasting each value by the previous one)');
});

test('a model with varied forecasts and skill gets no warning', () => {
  const d = dataset();
  // the true change of each test row: a perfect model
  const e = evaluate(d, walkForward(recordingStepper((_x, i) => d.test.y[i]!), d, { forecastReset: 'never', prime: false }));
  assert.ok(e.all.rmse < 1e-3);
  assert.deepEqual(outcomeWarnings(d, e), []);
});

test('with --horizon 0 the mean of the training targets is the baseline; a dead output predicting it warns twice', () => {
  const n = 30;
  const t = multiTable({ y: Array.from({ length: n }, (_, i) => (i * 7) % 5), x: Array.from({ length: n }, (_, i) => i % 3) }, 'y', ['x']);
  const d = buildDataset(t, { ...DEFAULT_PIPELINE, diff: 0, horizon: 0, lags: 2, test: { kind: 'count', n: 6 } });
  let sum = 0;
  for (const end of d.train.end) sum += d.values[end]!;
  const mean = scaleValue(d.target.scaler, 0, sum / d.train.samples);
  const e = evaluate(d, walkForward(recordingStepper(() => mean), d, { forecastReset: 'never', prime: false }));
  assert.deepEqual(e.baselines.map((b) => b.name), ['mean']);
  assert.ok(Math.abs(e.all.rmse - e.baselines[0]!.all.rmse) < 1e-5);
  const warnings = outcomeWarnings(d, e);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /^the model.s forecasts are constant \(every test step predicts the value 2\.04348\)/);
  assert.match(warnings[1]!, /not below the mean RMSE .* \(forecasting every value by the training mean\), the best baseline$/);
});

// The state the walk-forward starts from, read back from the run, against the trainer's final
// state computed here by training the same network from the same seed by hand.
async function trainedByHand(settings: RunSettings) {
  const d = buildDataset(shampooTable(), settings.pipeline);
  const spec = networkSpec(settings, d.train);
  const { engine } = await createEngine(settings.engine, settings.backend, spec, d.train.samples);
  const trainer = await engine.createTrainer(spec, { optimizer: { name: settings.optimizer, lr: settings.lr }, loss: settings.loss, seed: settings.seed }, await seededInitialWeights(spec, settings.seed));
  const { x, y } = d.train;
  await runTraining(trainer, { x, y, rows: d.train.samples, sampleSize: spec.timeSteps, outputs: 1 }, { ...settings, explodedLoss: undefined });
  const states = trainer.readStates();
  trainer.dispose();
  return { d, spec, engine, states };
}

for (const engine of ['fused', 'tfjs'] as const) {
  test(`${engine}: the test of a stateful network starts from the trainer's final state, zero after --reset epoch, carried after --reset never`, async () => {
    // --backend is for the tfjs engine only
    const base = { stateful: true, epochs: 5, 'batch-size': 2, engine, ...(engine === 'tfjs' ? { backend: 'cpu' } : {}), units: '2' } as const;
    const epoch = await runOnce(shampooTable(), settingsFrom({ ...base, reset: 'epoch' }));
    assert.equal(epoch.testStartStates.length, 2, 'h and c of one LSTM layer');
    assert.ok(epoch.testStartStates.every((s) => s.length === 2 && s.every((v) => v === 0)), 'zero after --reset epoch');

    const settings = settingsFrom({ ...base, reset: 'never' });
    const never = await runOnce(shampooTable(), settings);
    const byHand = await trainedByHand(settings);
    // batch 2, 2 units: each state is [row 0 | row 1]; the test continues row 1, which read the last training row
    assert.ok(byHand.states[0]!.slice(0, 2).some((v, k) => v !== byHand.states[0]![2 + k]), 'the two rows differ');
    assert.deepEqual(never.testStartStates.map((s) => [...s]), byHand.states.map((s) => [...s.slice(2)]));
    assert.ok(never.testStartStates.some((s) => s.some((v) => v !== 0)), 'carried, not zero');

    // The predictions are those of a twin set to that state, and not those of a zeroed one.
    const replay = async (startStates?: Float32Array[]) => {
      const stepper = await byHand.engine.createStepper(byHand.spec, never.weights);
      try {
        return walkForward(stepper, byHand.d, { forecastReset: 'never', prime: false, startStates }).predicted;
      } finally {
        stepper.dispose();
      }
    };
    assert.deepEqual(await replay(never.testStartStates), never.evaluation.forecasts.predicted);
    assert.notDeepEqual(await replay(), never.evaluation.forecasts.predicted);
  });
}
