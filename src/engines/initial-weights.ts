// Initial weights, seeded by --seed, computed by rnnfc itself without TensorFlow.js (float64,
// stored as float32; the orthogonal QR in WebAssembly SIMD where the runtime has it, the same
// bits as its TypeScript) with Keras' and tfjs-layers' default initializers: Glorot-uniform kernels, orthogonal
// recurrent kernels (gain 1), zero biases, unit forget bias for LSTM, a Glorot-uniform Dense head
// with zero bias. Both engines start from them (tfjs through setWeights), run after run.
import os from 'node:os';
import { InterruptedError } from '../errors.js';
import { runInSteps, runYielding } from '../util/cooperative.js';
import { seededRandom } from '../util/random.js';
import { orthogonalFactorSteps } from './orthogonal.js';
import { GATES, type NamedWeight, type NetworkSpec } from './types.js';
import { weightLayout } from './fused/parameters.js';

/** Seeds of layer `layer`'s tensors; derived from --seed so that every tensor differs. */
function tensorSeeds(seed: number, layer: number) {
  const base = Math.trunc(seed) * 1009 + layer * 17;
  return { kernel: base + 1, recurrent: base + 2, head: base + 3 };
}

/** Glorot (Xavier) uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)), for a [fanIn, fanOut] kernel. */
export function glorotUniform(fanIn: number, fanOut: number, seed: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const random = seededRandom(seed);
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = (2 * random() - 1) * limit;
  return values;
}

/**
 * A [rows, cols] row-major matrix (rows <= cols) with orthonormal rows, as Keras' Orthogonal
 * initializer with gain 1 draws it: Q of the QR of a standard-normal [cols, rows] matrix, times
 * sign(diag(R)), transposed. A column-major [cols, rows] matrix has the memory layout of a
 * row-major [rows, cols] one, so no copy is needed either way.
 */
export function* orthogonalSteps(rows: number, cols: number, seed: number, threads = 1): Generator<void, Float32Array> {
  if (rows > cols) throw new RangeError(`an orthogonal kernel needs rows <= cols, got [${rows}, ${cols}]`);
  const helped = orthogonalThreads(threads, rows * rows * cols, os.loadavg()[0]!, os.availableParallelism());
  const q = yield* orthogonalFactorSteps({ normals: seed }, cols, rows, { threads: helped });
  return new Float32Array(q);
}

/** Multiply-adds (about rows^2 cols) from which orthogonal kernels use a second thread when allowed. */
const MIN_HELPER_WORK = 1e8;

/**
 * The threads an orthogonal kernel of `work` multiply-adds uses when `threads` are allowed: a
 * helper pays off from about 100 ms of work (an LSTM of 300 units), and only with a core to spare
 * (one-minute load average below the number of cores): on a busy machine the main thread would
 * wait for a helper waiting for a core, which costs more than it saves.
 */
export function orthogonalThreads(threads: number, work: number, load: number, cores: number): number {
  return work >= MIN_HELPER_WORK && load < cores ? threads : 1;
}

export function orthogonal(rows: number, cols: number, seed: number, threads = 1): Float32Array {
  return runInSteps(orthogonalSteps(rows, cols, seed, threads));
}

/**
 * Every initial weight of `spec` for `seed`, in tfjs-layers' order; yields between pieces of work.
 * Large orthogonal kernels may use `threads` (the same numbers whatever the count).
 */
export function* initialWeightSteps(spec: NetworkSpec, seed: number, threads = 1): Generator<void, NamedWeight[]> {
  const g = GATES[spec.cell];
  const layout = weightLayout(spec);
  const weights: NamedWeight[] = [];
  let inputs = spec.features;
  for (let layer = 0; layer < spec.units.length; layer++) {
    const units = spec.units[layer]!;
    const seeds = tensorSeeds(seed, layer);
    const bias = new Float32Array(g * units);
    // Unit forget bias (Jozefowicz et al. 2015, Keras' default): gate order i, f, c, o.
    if (spec.cell === 'lstm') bias.fill(1, units, 2 * units);
    weights.push(
      { ...slot(layout, weights.length), values: glorotUniform(inputs, g * units, seeds.kernel) },
      { ...slot(layout, weights.length + 1), values: yield* orthogonalSteps(units, g * units, seeds.recurrent, threads) },
      { ...slot(layout, weights.length + 2), values: bias },
    );
    inputs = units;
  }
  const head = tensorSeeds(seed, spec.units.length).head;
  weights.push(
    { ...slot(layout, weights.length), values: glorotUniform(inputs, spec.outputs, head) },
    { ...slot(layout, weights.length + 1), values: new Float32Array(spec.outputs) },
  );
  return weights;
}

function slot(layout: ReturnType<typeof weightLayout>, i: number): { name: string; shape: number[] } {
  return { name: layout[i]!.name, shape: [...layout[i]!.shape] };
}

/** The initial weights of `spec` for `seed`, at once. */
export function initialWeights(spec: NetworkSpec, seed: number): NamedWeight[] {
  return runInSteps(initialWeightSteps(spec, seed));
}

/**
 * The initial weights of `spec` for `seed`, computed in steps that let signals be handled; a
 * signal seen meanwhile stops with InterruptedError.
 */
export async function seededInitialWeights(
  spec: NetworkSpec,
  seed: number,
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined,
  threads = 1,
): Promise<NamedWeight[]> {
  return runYielding(initialWeightSteps(spec, seed, threads), () => {
    const signal = interrupted?.();
    if (signal) throw new InterruptedError(`interrupted by ${signal} while initialising the network; nothing was saved`, signal);
  });
}
