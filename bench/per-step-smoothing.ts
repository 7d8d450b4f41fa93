// How much --labels per-step steadies a classifier that is streamed row by row: trains the same
// network on the labelled-sequences fixture twice (one label per sequence, read at the last step;
// and the label on every step), then streams the test sequences through a stateful batch-1 twin
// (reset at each sequence) and counts how often the predicted class flips within a sequence.
//   npm run build && node dist/bench/per-step-smoothing.js [--epochs n] [--seed n]
import { createFusedEngine } from '../src/engines/fused/fused-engine.js';
import { seededInitialWeights } from '../src/engines/initial-weights.js';
import { runTraining } from '../src/engines/train-loop.js';
import type { NetworkSpec } from '../src/engines/types.js';
import { SEQUENCE_LABEL_DEFAULTS, sequenceLabelsCsv } from './sequence-labels.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const epochs = option('epochs', 40);
const seed = option('seed', 1);
const { sequences, steps } = SEQUENCE_LABEL_DEFAULTS;
const features = 3;
const trainSequences = 80;

// sequence,x1,x2,x3,label; rows of a sequence are consecutive.
const rows = sequenceLabelsCsv().trim().split('\n').slice(1).map((line) => line.split(','));
const x = new Float32Array(sequences * steps * features);
const labels = new Float32Array(sequences);
rows.forEach((cells, r) => {
  for (let f = 0; f < features; f++) x[r * features + f] = Number(cells[1 + f]);
  labels[Math.floor(r / steps)] = Number(cells[4]);
});
const sampleSize = steps * features;
const xTrain = x.subarray(0, trainSequences * sampleSize);

interface Outcome {
  flipsPerSequence: number;
  /** Flips in the second half of the sequences, when the evidence is in. */
  lateFlipsPerSequence: number;
  sequencesWithFlips: number;
  /** Σ |p_t - p_{t-1}| per sequence: how much the streamed probability moves. */
  variationPerSequence: number;
  lastStepAccuracy: number;
  rowAccuracy: number;
  seconds: number;
}

async function trainAndStream(perStep: boolean): Promise<Outcome> {
  const engine = createFusedEngine();
  const spec: NetworkSpec = { cell: 'lstm', units: [16, 16], timeSteps: steps, features, outputs: 1, head: 'sigmoid', perStep, dropout: 0, stateful: false, batchSize: 8 };
  const initial = await seededInitialWeights(spec, seed);
  const trainer = await engine.createTrainer(spec, { optimizer: { name: 'adam', lr: 0.005 }, loss: 'binary-crossentropy', seed }, initial);
  // Per step: the sequence's label on each of its steps.
  const outputs = perStep ? steps : 1;
  const y = new Float32Array(trainSequences * outputs);
  for (let s = 0; s < trainSequences; s++) y.fill(labels[s]!, s * outputs, (s + 1) * outputs);
  const started = performance.now();
  await runTraining(trainer, { x: xTrain, y, rows: trainSequences, sampleSize, outputs }, { epochs, batchSize: 8, stateful: false, reset: 'epoch', shuffle: true, seed, lr: 0.005 });
  const seconds = (performance.now() - started) / 1000;
  const weights = trainer.getWeights();
  trainer.dispose();
  // The streaming twin: one row a call, state carried, reset at each sequence.
  const stream = await engine.createStepper({ ...spec, timeSteps: 1, perStep: false, stateful: true, batchSize: 1 }, weights);
  let flips = 0;
  let lateFlips = 0;
  let variation = 0;
  let withFlips = 0;
  let lastRight = 0;
  let rowsRight = 0;
  for (let s = trainSequences; s < sequences; s++) {
    stream.resetStates();
    let previous = -1;
    let previousP = 0;
    let sequenceFlips = 0;
    for (let t = 0; t < steps; t++) {
      const row = x.subarray(s * sampleSize + t * features, s * sampleSize + (t + 1) * features);
      const p = stream.predict(row)[0]!;
      const predicted = p > 0.5 ? 1 : 0;
      if (t > 0) variation += Math.abs(p - previousP);
      previousP = p;
      if (previous >= 0 && predicted !== previous) {
        sequenceFlips++;
        if (t >= steps / 2) lateFlips++;
      }
      if (predicted === labels[s]) rowsRight++;
      previous = predicted;
    }
    if (previous === labels[s]) lastRight++;
    flips += sequenceFlips;
    if (sequenceFlips > 0) withFlips++;
  }
  stream.dispose();
  const tested = sequences - trainSequences;
  return { flipsPerSequence: flips / tested, lateFlipsPerSequence: lateFlips / tested, sequencesWithFlips: withFlips, variationPerSequence: variation / tested, lastStepAccuracy: lastRight / tested, rowAccuracy: rowsRight / (tested * steps), seconds };
}

console.log(`labelled sequences: ${trainSequences} train, ${sequences - trainSequences} test, ${steps} rows each; LSTM 16,16, ${epochs} epochs, seed ${seed} (fused engine)`);
console.log('labels            flips/seq  late flips/seq  seqs with flips  Σ|Δp|/seq  acc last row  acc all rows  training s');
for (const perStep of [false, true]) {
  const o = await trainAndStream(perStep);
  console.log(
    `${(perStep ? 'per step' : 'one per sequence').padEnd(18)}${o.flipsPerSequence.toFixed(2).padStart(9)}${o.lateFlipsPerSequence.toFixed(2).padStart(16)}` +
      `${String(o.sequencesWithFlips).padStart(17)}${o.variationPerSequence.toFixed(2).padStart(11)}` +
      `${o.lastStepAccuracy.toFixed(3).padStart(14)}${o.rowAccuracy.toFixed(3).padStart(14)}${o.seconds.toFixed(1).padStart(12)}`,
  );
}
