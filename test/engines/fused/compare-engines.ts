// Shared by the fused engine's tests: seeded data and a side-by-side run of the fused and tfjs
// (cpu backend) engines from the same initial weights.
import { createFusedEngine } from '../../../src/engines/fused/fused-engine.js';
import { initialWeights } from '../../../src/engines/initial-weights.js';
import { loadTf } from '../../../src/engines/tfjs/tf.js';
import { createTfjsEngine } from '../../../src/engines/tfjs/tfjs-engine.js';
import type { NamedWeight, NetworkSpec, TrainerOptions } from '../../../src/engines/types.js';
import { seededRandom } from '../../../src/util/random.js';

export const baseSpec = (o: Partial<NetworkSpec> = {}): NetworkSpec => ({
  cell: 'lstm', units: [3], timeSteps: 3, features: 2, outputs: 2, dropout: 0, stateful: false, batchSize: 1, ...o,
});

/** `rows` samples of x in [-1, 1) and a y that depends on x (so there is something to learn). */
export function seededData(spec: NetworkSpec, rows: number, seed: number): { x: Float32Array; y: Float32Array } {
  const random = seededRandom(seed);
  const sampleSize = spec.timeSteps * spec.features;
  const x = Float32Array.from({ length: rows * sampleSize }, () => random() * 2 - 1);
  const y = new Float32Array(rows * spec.outputs);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < spec.outputs; o++) {
      const xs = x.subarray(r * sampleSize, (r + 1) * sampleSize);
      y[r * spec.outputs + o] = 0.5 * xs[(o * 3) % sampleSize]! - 0.3 * xs[sampleSize - 1]! + 0.2 * (random() - 0.5);
    }
  }
  return { x, y };
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

/** Trains both engines `steps` batches over the same data (cycling through 5 batches). */
export async function trainBoth(spec: NetworkSpec, options: TrainerOptions, steps: number): Promise<TrainingComparison> {
  const { tf, tfjs, fused } = await engines();
  const initial = initialWeights(spec, options.seed);
  const batches = 5;
  const rows = batches * spec.batchSize;
  const { x, y } = seededData(spec, rows, options.seed + 7);
  const sampleSize = spec.timeSteps * spec.features;
  const tfjsTrainer = await tfjs.createTrainer(spec, options, initial);
  const fusedTrainer = await fused.createTrainer(spec, options, initial);
  const tfjsLosses: number[] = [];
  const fusedLosses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const start = (s % batches) * spec.batchSize;
    const xb = x.subarray(start * sampleSize, (start + spec.batchSize) * sampleSize);
    const yb = y.subarray(start * spec.outputs, (start + spec.batchSize) * spec.outputs);
    tfjsLosses.push(await tfjsTrainer.trainBatch(xb, yb, spec.batchSize));
    fusedLosses.push(await fusedTrainer.trainBatch(xb, yb, spec.batchSize));
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
