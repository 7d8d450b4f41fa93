import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeWarnings, runOnce } from '../../src/run/run-once.js';
import { buildDataset, DEFAULT_PIPELINE, toTensors } from '../../src/pipeline/dataset.js';
import { createEngine } from '../../src/engines/create-engine.js';
import { seededInitialWeights } from '../../src/engines/initial-weights.js';
import { runTraining } from '../../src/engines/train-loop.js';
import { walkForward } from '../../src/evaluate/walk-forward.js';
import { networkSpec, settingsFrom, type RunSettings } from '../../src/options/train-options.js';
import { shampoo } from '../helpers/paths.js';

const dataset = () => buildDataset({ file: 'shampoo.csv', ...shampoo() }, DEFAULT_PIPELINE);

test('a model whose forecasts never change is reported as a dead output', () => {
  const d = dataset();
  // Every step predicts "no change": the persistence forecast.
  const predictions = d.test.map((r) => ({ time: r.time, actual: d.values[r.index]!, predicted: d.values[r.index - 1]! }));
  const warnings = outcomeWarnings(d, predictions, 136.761, 136.761, 0);
  assert.equal(warnings.length, 2);
  assert.equal(
    warnings[0],
    "the model's forecasts are constant (every test step predicts a change of 0): the network output is dead; try another --seed, more --epochs or another --lr",
  );
  assert.equal(warnings[1], 'the model has no skill: its RMSE 136.761 is not below the persistence RMSE 136.761 (forecasting each value by the previous one)');
});

test('a model with varied forecasts and skill gets no warning', () => {
  const d = dataset();
  const predictions = d.test.map((r, i) => ({ time: r.time, actual: d.values[r.index]!, predicted: d.values[r.index - 1]! + i }));
  assert.deepEqual(outcomeWarnings(d, predictions, 90, 136.761, 1 - 90 / 136.761), []);
});

// The state the walk-forward starts from, read back from the run, against the trainer's final
// state computed here by training the same network from the same seed by hand.
async function trainedByHand(settings: RunSettings) {
  const d = buildDataset({ file: 'shampoo.csv', ...shampoo() }, settings.pipeline);
  const spec = networkSpec(settings);
  const { engine } = await createEngine(settings.engine, settings.backend, spec, d.train.length);
  const trainer = await engine.createTrainer(spec, { optimizer: { name: settings.optimizer, lr: settings.lr }, loss: settings.loss, seed: settings.seed }, await seededInitialWeights(spec, settings.seed));
  const { x, y } = toTensors(d.trainScaled, spec.timeSteps);
  await runTraining(trainer, { x, y, rows: d.train.length, sampleSize: spec.timeSteps, outputs: 1 }, { ...settings, explodedLoss: undefined });
  const states = trainer.readStates();
  trainer.dispose();
  return { d, spec, engine, states };
}

for (const engine of ['fused', 'tfjs'] as const) {
  test(`${engine}: the test of a stateful network starts from the trainer's final state, zero after --reset epoch, carried after --reset never`, async () => {
    // --backend is for the tfjs engine only
    const base = { stateful: true, epochs: 5, 'batch-size': 2, engine, ...(engine === 'tfjs' ? { backend: 'cpu' } : {}), units: '2' } as const;
    const epoch = await runOnce({ file: 'shampoo.csv', ...shampoo() }, settingsFrom({ ...base, reset: 'epoch' }));
    assert.equal(epoch.testStartStates.length, 2, 'h and c of one LSTM layer');
    assert.ok(epoch.testStartStates.every((s) => s.length === 2 && s.every((v) => v === 0)), 'zero after --reset epoch');

    const settings = settingsFrom({ ...base, reset: 'never' });
    const never = await runOnce({ file: 'shampoo.csv', ...shampoo() }, settings);
    const byHand = await trainedByHand(settings);
    // batch 2, 2 units: each state is [row 0 | row 1]; the test continues row 1, which read the last training row
    assert.ok(byHand.states[0]!.slice(0, 2).some((v, k) => v !== byHand.states[0]![2 + k]), 'the two rows differ');
    assert.deepEqual(never.testStartStates.map((s) => [...s]), byHand.states.map((s) => [...s.slice(2)]));
    assert.ok(never.testStartStates.some((s) => s.some((v) => v !== 0)), 'carried, not zero');

    // The predictions are those of a twin set to that state, and not those of a zeroed one.
    const replay = async (startStates?: Float32Array[]) => {
      const stepper = await byHand.engine.createStepper(byHand.spec, never.weights);
      try {
        return walkForward(stepper, byHand.d, { forecastReset: 'never', prime: false, startStates });
      } finally {
        stepper.dispose();
      }
    };
    assert.deepEqual(await replay(never.testStartStates), never.predictions);
    assert.notDeepEqual(await replay(), never.predictions);
  });
}
