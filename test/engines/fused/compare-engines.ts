// Shared by the fused engine's tests: seeded data and a side-by-side run of the fused and tfjs
// (cpu backend) engines from the same initial weights.
import assert from 'node:assert/strict';
import { createFusedEngine } from '../../../src/engines/fused/fused-engine.js';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import { loadTf } from '../../../src/engines/tfjs/tf.js';
import { createTfjsEngine } from '../../../src/engines/tfjs/tfjs-engine.js';
import { type NamedWeight, type NetworkSpec, type TrainerOptions, targetSize } from '../../../src/engines/types.js';
import { seededRandom } from '../../../src/util/random.js';
import { weightLayout } from '../../../src/engines/fused/parameters.js';

export const baseSpec = (o: Partial<NetworkSpec> = {}): NetworkSpec => ({
  cell: 'lstm', units: [3], timeSteps: 3, features: 2, outputs: 2, dropout: 0, stateful: false, batchSize: 1, ...o,
});

/** Seeded weights in `spec`'s layout, uniform in [-scale, scale). */
export function randomWeights(spec: NetworkSpec, seed: number, scale: number): NamedWeight[] {
  const random = seededRandom(seed);
  return weightLayout(spec).map((slot) => ({
    name: slot.name,
    shape: slot.shape,
    values: Float32Array.from({ length: slot.size }, () => (random() * 2 - 1) * scale),
  }));
}

/** `rows` samples of x in [-1, 1) and a y that depends on x (so there is something to learn), per step when spec.perStep. */
export function seededData(spec: NetworkSpec, rows: number, seed: number): { x: Float32Array; y: Float32Array } {
  const random = seededRandom(seed);
  const sampleSize = spec.timeSteps * spec.features;
  const x = Float32Array.from({ length: rows * sampleSize }, () => random() * 2 - 1);
  // Per-step networks get a target on every step, each from its own step's inputs.
  const steps = spec.perStep ? spec.timeSteps : 1;
  const y = new Float32Array(rows * steps * spec.outputs);
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < steps; s++) {
      for (let o = 0; o < spec.outputs; o++) {
        const xs = x.subarray(r * sampleSize, (r + 1) * sampleSize);
        const last = spec.perStep ? (s + 1) * spec.features - 1 : sampleSize - 1;
        y[(r * steps + s) * spec.outputs + o] = 0.5 * xs[(o * 3 + s * spec.features) % sampleSize]! - 0.3 * xs[last]! + 0.2 * (random() - 0.5);
      }
    }
  }
  return { x, y };
}

/**
 * `rows` samples of x in [-1, 1) and class targets that depend on x: one 0/1 column for a sigmoid
 * head, one-hot rows for a softmax head; per time step when spec.perStep. Also a weight per
 * target row (as class weights would give), in [0.5, 2).
 */
export function seededLabels(spec: NetworkSpec, rows: number, seed: number): { x: Float32Array; y: Float32Array; weights: Float32Array } {
  const random = seededRandom(seed);
  const sampleSize = spec.timeSteps * spec.features;
  const x = Float32Array.from({ length: rows * sampleSize }, () => random() * 2 - 1);
  const steps = spec.perStep ? spec.timeSteps : 1;
  const y = new Float32Array(rows * steps * spec.outputs);
  const weights = new Float32Array(rows * steps);
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < steps; s++) {
      // The label follows the first feature of the step it belongs to (the last step when one label a sample).
      const t = spec.perStep ? s : spec.timeSteps - 1;
      const v = x[r * sampleSize + t * spec.features]! + 0.3 * (random() - 0.5);
      const row = (r * steps + s) * spec.outputs;
      if (spec.outputs === 1) y[row] = v > 0 ? 1 : 0;
      else y[row + Math.min(spec.outputs - 1, Math.floor(((v + 1) / 2) * spec.outputs))] = 1;
      weights[r * steps + s] = 0.5 + 1.5 * random();
    }
  }
  return { x, y, weights };
}

export async function engines() {
  const { tf } = await loadTf('cpu');
  return { tf, tfjs: createTfjsEngine(tf, 'cpu'), fused: createFusedEngine() };
}

export interface TrainingComparison {
  tfjsLosses: number[];
  fusedLosses: number[];
  tfjsWeights: NamedWeight[];
  fusedWeights: NamedWeight[];
  initial: NamedWeight[];
}

/**
 * Trains both engines `steps` batches over the same data (cycling through 5 batches): class
 * labels for a sigmoid or softmax head, else seeded regression targets; `weighted` passes a
 * weight per target row.
 */
export async function trainBoth(spec: NetworkSpec, options: TrainerOptions, steps: number, weighted = false): Promise<TrainingComparison> {
  const { tf, tfjs, fused } = await engines();
  const initial = initialWeights(spec, options.seed);
  const batches = 5;
  const rows = batches * spec.batchSize;
  const labelled = spec.head === 'sigmoid' || spec.head === 'softmax';
  const { x, y, weights } = labelled ? seededLabels(spec, rows, options.seed + 7) : { ...seededData(spec, rows, options.seed + 7), weights: null };
  const sampleSize = spec.timeSteps * spec.features;
  const ySize = targetSize(spec);
  const wSize = spec.perStep ? spec.timeSteps : 1;
  const tfjsTrainer = await tfjs.createTrainer(spec, options, initial);
  const fusedTrainer = await fused.createTrainer(spec, options, initial);
  const tfjsLosses: number[] = [];
  const fusedLosses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const start = (s % batches) * spec.batchSize;
    const xb = x.subarray(start * sampleSize, (start + spec.batchSize) * sampleSize);
    const yb = y.subarray(start * ySize, (start + spec.batchSize) * ySize);
    const wb = weighted && weights ? weights.subarray(start * wSize, (start + spec.batchSize) * wSize) : undefined;
    tfjsLosses.push(await tfjsTrainer.trainBatch(xb, yb, spec.batchSize, wb));
    fusedLosses.push(await fusedTrainer.trainBatch(xb, yb, spec.batchSize, wb));
  }
  const result = { tfjsLosses, fusedLosses, tfjsWeights: tfjsTrainer.getWeights(), fusedWeights: fusedTrainer.getWeights(), initial };
  tfjsTrainer.dispose();
  fusedTrainer.dispose();
  return result;
}

/** The largest |a - b| over two weight lists, and where. */
export function maxWeightDiff(a: NamedWeight[], b: NamedWeight[]): { diff: number; name: string } {
  let worst = { diff: 0, name: '' };
  a.forEach((w, i) => {
    w.values.forEach((v, k) => {
      const diff = Math.abs(v - b[i]!.values[k]!);
      if (diff > worst.diff) worst = { diff, name: w.name };
    });
  });
  return worst;
}

export const relativeDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

/**
 * What every parity test asserts of a TrainingComparison: the same loss at each step (within 1e-3
 * relative), training that made progress (the last 5 losses below the first 5, so the comparison
 * means something) and final weights within 1e-4.
 */
export function assertTrainedAlike(r: TrainingComparison): void {
  r.tfjsLosses.forEach((tfjsLoss, s) => {
    const fusedLoss = r.fusedLosses[s]!;
    assert.ok(relativeDiff(tfjsLoss, fusedLoss) < 1e-3, `step ${s}: tfjs ${tfjsLoss}, fused ${fusedLoss}`);
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const first = sum(r.tfjsLosses.slice(0, 5));
  const last = sum(r.tfjsLosses.slice(-5));
  assert.ok(last < first, `training made progress, so the comparison means something (${first} → ${last})`);
  const worst = maxWeightDiff(r.tfjsWeights, r.fusedWeights);
  assert.ok(worst.diff < 1e-4, `final weights differ by ${worst.diff} in ${worst.name}`);
}
