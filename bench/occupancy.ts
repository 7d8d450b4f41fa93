// The occupancy set-up of the classification example, run on the engines directly: windows of
// the last 10 rows of the five sensors (min-max scaled to [-1, 1] on the training rows), the
// label of each window's last row, a sigmoid head trained with binary cross-entropy on the
// training file, evaluated on each test file beside the majority and persistence baselines
// and the published accuracies. Prints the time per epoch of each engine.
//   npm run build && node dist/bench/occupancy.js [--epochs n] [--tfjs-epochs n] [--units n]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateClassBaselines } from '../src/baselines/evaluate-class-baselines.js';
import { majorityClass } from '../src/baselines/majority-class.js';
import { persistenceLabel } from '../src/baselines/persistence-label.js';
import { createFusedEngine } from '../src/engines/fused/fused-engine.js';
import { seededInitialWeights } from '../src/engines/initial-weights.js';
import { loadTf } from '../src/engines/tfjs/tf.js';
import { createTfjsEngine } from '../src/engines/tfjs/tfjs-engine.js';
import { runTraining } from '../src/engines/train-loop.js';
import type { Engine, NetworkSpec } from '../src/engines/types.js';
import { classificationMetrics } from '../src/evaluate/classification-metrics.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const epochs = option('epochs', 20);
const tfjsEpochs = option('tfjs-epochs', 1);
const units = option('units', 8);
const lags = 10;
const batchSize = 32;
const FEATURES = ['Temperature', 'Humidity', 'Light', 'CO2', 'HumidityRatio'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Rows {
  x: number[][];
  labels: number[];
}

function read(name: string): Rows {
  const lines = fs.readFileSync(path.join(root, 'fixtures', 'occupancy', name), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const at = FEATURES.map((f) => header.indexOf(f));
  const label = header.indexOf('Occupancy');
  const rows = lines.slice(1).map((l) => l.split(','));
  return { x: rows.map((r) => at.map((i) => Number(r[i]))), labels: rows.map((r) => Number(r[label])) };
}

const train = read('occupancy_train.csv');
const tests = { test1: read('occupancy_test1.csv'), test2: read('occupancy_test2.csv') };
const published = { test1: 0.979, test2: 0.9876 };
// Min-max scaling to [-1, 1] per feature, fitted on the training rows only.
const min = FEATURES.map((_, f) => Math.min(...train.x.map((r) => r[f]!)));
const max = FEATURES.map((_, f) => Math.max(...train.x.map((r) => r[f]!)));
const scale = (v: number, f: number) => (2 * (v - min[f]!)) / (max[f]! - min[f]!) - 1;

/** Windows of `lags` rows, labelled by their last row: x [samples, lags, features], the label's row index. */
function windows(rows: Rows) {
  const samples = rows.x.length - lags + 1;
  const x = new Float32Array(samples * lags * FEATURES.length);
  const ends: number[] = [];
  for (let s = 0; s < samples; s++) {
    for (let t = 0; t < lags; t++) rows.x[s + t]!.forEach((v, f) => (x[(s * lags + t) * FEATURES.length + f] = scale(v, f)));
    ends.push(s + lags - 1);
  }
  return { x, ends, samples };
}

const spec: NetworkSpec = { cell: 'lstm', units: [units], timeSteps: lags, features: FEATURES.length, outputs: 1, head: 'sigmoid', dropout: 0, stateful: false, batchSize };
const trainWindows = windows(train);
const y = Float32Array.from(trainWindows.ends, (e) => train.labels[e]!);

async function trainOn(engine: Engine, n: number) {
  const trainer = await engine.createTrainer(spec, { optimizer: { name: 'adam', lr: 0.005 }, loss: 'binary-crossentropy', seed: 1 }, await seededInitialWeights(spec, 1));
  const started = performance.now();
  await runTraining(trainer, { x: trainWindows.x, y, rows: trainWindows.samples, sampleSize: lags * FEATURES.length, outputs: 1 }, { epochs: n, batchSize, stateful: false, reset: 'epoch', shuffle: true, seed: 1, lr: 0.005 });
  const perEpoch = (performance.now() - started) / 1000 / n;
  const weights = trainer.getWeights();
  trainer.dispose();
  return { weights, perEpoch };
}

console.log(`occupancy: ${trainWindows.samples} training windows of ${lags} rows x ${FEATURES.length} sensors; LSTM ${units}, batch ${batchSize}, adam 0.005`);
const fused = createFusedEngine();
const { weights, perEpoch } = await trainOn(fused, epochs);
console.log(`fused engine: ${epochs} epochs, ${perEpoch.toFixed(2)} s per epoch`);
const { tf } = await loadTf('cpu');
const tfjs = await trainOn(createTfjsEngine(tf, 'cpu'), tfjsEpochs);
console.log(`tfjs engine (cpu backend): ${tfjsEpochs} epoch(s), ${tfjs.perEpoch.toFixed(2)} s per epoch`);

const stepper = await fused.createStepper(spec, weights);
for (const [name, rows] of Object.entries(tests) as [keyof typeof tests, Rows][]) {
  const w = windows(rows);
  const sampleSize = lags * FEATURES.length;
  const probabilities = w.ends.map((_, s) => {
    const p = stepper.predict(w.x.subarray(s * sampleSize, (s + 1) * sampleSize))[0]!;
    return [1 - p, p];
  });
  const actual = w.ends.map((e) => rows.labels[e]!);
  const m = classificationMetrics(actual, probabilities, 2);
  const baselines = evaluateClassBaselines([majorityClass(), persistenceLabel()], rows.labels, w.ends, train.labels, 2).results;
  const line = (label: string, r: { accuracy: number; balancedAccuracy: number; f1Macro: number; logLoss: number }) =>
    `  ${label.padEnd(12)} accuracy ${r.accuracy.toFixed(4)}  balanced ${r.balancedAccuracy.toFixed(4)}  F1 ${r.f1Macro.toFixed(4)}  log loss ${r.logLoss.toFixed(4)}`;
  console.log(`${name} (${w.samples} windows; published LDA accuracy ${published[name]}):`);
  console.log(`${line('model', m)}  ROC AUC ${m.rocAuc?.toFixed(4)}  confusion ${JSON.stringify(m.confusion)}`);
  for (const b of baselines) console.log(line(b.name, b));
}
