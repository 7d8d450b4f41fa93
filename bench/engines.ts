// How fast the fused engine trains compared with tfjs' cpu and wasm backends, and how its cost
// grows with the network and the data. Prints plain text tables; ratios matter more than the
// absolute figures, which move with the machine. The figures behind select-engine.ts come from here.
import { createFusedTrainer } from '../src/engines/fused/fused-engine.js';
import { initialWeights } from '../src/engines/initial-weights.js';
import { loadTf, type Tf } from '../src/engines/tfjs/tf.js';
import { createTfjsEngine } from '../src/engines/tfjs/tfjs-engine.js';
import type { NetworkSpec, TrainerOptions } from '../src/engines/types.js';
import { syntheticData, type Dataset } from './step-timing.js';

const OPTIONS: TrainerOptions = { optimizer: { name: 'adam', lr: 0.001 }, loss: 'mse', seed: 1 };


export interface Timing {
  /** Microseconds per training step (one batch). */
  perStep: number;
  /** Microseconds per training sample (row). */
  perSample: number;
  steps: number;
}

type Train = (x: Float32Array, y: Float32Array, batch: number) => number | Promise<number>;

/**
 * Trains batch after batch through `data` (wrapping round) after `warmup` steps, until both
 * `minSteps` steps and `budgetMs` have passed or `maxSteps` is reached.
 */
async function timeSteps(train: Train, spec: NetworkSpec, data: Dataset, limits: { warmup: number; minSteps: number; maxSteps: number; budgetMs: number }): Promise<Timing> {
  const sampleSize = spec.timeSteps * spec.features;
  const batch = spec.batchSize;
  const batches = Math.floor(data.rows / batch);
  let next = 0;
  const step = async () => {
    const start = (next++ % batches) * batch;
    const result = train(data.x.subarray(start * sampleSize, (start + batch) * sampleSize), data.y.subarray(start * spec.outputs, (start + batch) * spec.outputs), batch);
    if (typeof result !== 'number') await result;
  };
  for (let k = 0; k < limits.warmup; k++) await step();
  let steps = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (steps < limits.maxSteps && (steps < limits.minSteps || elapsed < limits.budgetMs)) {
    await step();
    steps++;
    if ((steps & 63) === 0 || steps < 64) elapsed = performance.now() - t0;
  }
  elapsed = performance.now() - t0;
  const perStep = (elapsed * 1000) / steps;
  return { perStep, perSample: perStep / batch, steps };
}

/** The fused engine's speed on `spec`, a loop of plain synchronous calls. */
export async function timeFused(tf: Tf, spec: NetworkSpec, data: Dataset, budgetMs = 300): Promise<Timing> {
  const trainer = createFusedTrainer(spec, OPTIONS, initialWeights(spec, 1));
  const batches = Math.floor(data.rows / spec.batchSize);
  // A synchronous loop: the bench measures the engine, not await.
  const sampleSize = spec.timeSteps * spec.features;
  const run = (steps: number) => {
    for (let k = 0; k < steps; k++) {
      const start = (k % batches) * spec.batchSize;
      trainer.trainBatch(data.x.subarray(start * sampleSize, (start + spec.batchSize) * sampleSize), data.y.subarray(start * spec.outputs, (start + spec.batchSize) * spec.outputs), spec.batchSize);
    }
  };
  let steps = 1;
  let elapsed = 0;
  run(Math.min(batches, 200)); // warm up the JIT
  for (;;) {
    const t0 = performance.now();
    run(steps);
    elapsed = performance.now() - t0;
    if (elapsed >= budgetMs / 4 || steps >= 1 << 24) break;
    steps *= 4;
  }
  const perStep = (elapsed * 1000) / steps;
  trainer.dispose();
  return { perStep, perSample: perStep / spec.batchSize, steps };
}

/** tfjs' speed on `spec` with the backend that is current, over a few batches after one warm-up. */
export async function timeTfjs(tf: Tf, backend: string, spec: NetworkSpec, data: Dataset, limits = { warmup: 2, minSteps: 3, maxSteps: 200, budgetMs: 400 }): Promise<Timing> {
  const engine = createTfjsEngine(tf, backend);
  const trainer = await engine.createTrainer(spec, OPTIONS, initialWeights(spec, 1));
  const timing = await timeSteps((x, y, b) => trainer.trainBatch(x, y, b), spec, data, limits);
  trainer.dispose();
  return timing;
}

/** Left-aligned first column, right-aligned others, two spaces between. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const us = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (v: number) => (v >= 10 ? `${v.toFixed(0)}x` : `${v.toFixed(1)}x`);
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3));

const SHAMPOO: NetworkSpec = { cell: 'lstm', units: [1], timeSteps: 1, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 1 };
const LARGE: NetworkSpec = { cell: 'gru', units: [50], timeSteps: 50, features: 8, outputs: 5, dropout: 0, stateful: false, batchSize: 50 };

export async function benchEngines(log: (line: string) => void): Promise<void> {
  const shampooData = syntheticData(SHAMPOO, 22);
  const largeData = syntheticData(LARGE, 2000);
  const largeBatches = [50, 500];

  // tfjs first, one backend at a time (loadTf switches the current backend).
  const tfjs: Record<string, { shampoo: Timing; large: Timing[] }> = {};
  for (const backend of ['cpu', 'wasm'] as const) {
    const { tf } = await loadTf(backend);
    const shampoo = await timeTfjs(tf, backend, SHAMPOO, shampooData, { warmup: 22, minSteps: 66, maxSteps: 440, budgetMs: 500 });
    const large: Timing[] = [];
    for (const batchSize of largeBatches) {
      const limits = batchSize >= 500 ? { warmup: 1, minSteps: 1, maxSteps: 2, budgetMs: 0 } : { warmup: 1, minSteps: 2, maxSteps: 4, budgetMs: 0 };
      large.push(await timeTfjs(tf, backend, { ...LARGE, batchSize }, largeData, limits));
    }
    tfjs[backend] = { shampoo, large };
  }
  const { tf } = await loadTf('cpu');

  // (a) the shampoo configuration
  const fusedShampoo = await timeFused(tf, SHAMPOO, shampooData, 500);
  const cpuShampoo = tfjs.cpu!.shampoo;
  const wasmShampoo = tfjs.wasm!.shampoo;
  const fastestTfjs = Math.min(cpuShampoo.perStep, wasmShampoo.perStep);
  log('Shampoo configuration: 1-unit stateful LSTM, batch 1, 1 time step, 1 feature, 22 training rows');
  for (const line of formatTable(
    ['engine', 'µs / step', 'steps timed', 'fused is faster by'],
    [
      ['fused', us(fusedShampoo.perStep), String(fusedShampoo.steps), ''],
      ['tfjs-cpu', us(cpuShampoo.perStep), String(cpuShampoo.steps), ratio(cpuShampoo.perStep / fusedShampoo.perStep)],
      ['tfjs-wasm', us(wasmShampoo.perStep), String(wasmShampoo.steps), ratio(wasmShampoo.perStep / fusedShampoo.perStep)],
    ],
  )) log(line);
  log(`fused vs the faster tfjs backend: ${ratio(fastestTfjs / fusedShampoo.perStep)} (target >= 500x); 1000 epochs: fused ${ms((fusedShampoo.perStep * 22 * 1000) / 1e6)} s, tfjs ${ms((fastestTfjs * 22 * 1000) / 1e6)} s`);
  log('');

  // (b) a larger shape
  log('Larger shape: GRU, 50 units, 50 time steps, 8 features, 5 outputs, 2,000 synthetic rows (tfjs: a few batches each)');
  const rowsB: string[][] = [];
  for (const [i, batchSize] of largeBatches.entries()) {
    const fused = await timeFused(tf, { ...LARGE, batchSize }, largeData, 1500);
    const cpu = tfjs.cpu!.large[i]!;
    const wasm = tfjs.wasm!.large[i]!;
    rowsB.push([
      String(batchSize),
      us(fused.perSample),
      us(cpu.perSample),
      us(wasm.perSample),
      ratio(cpu.perSample / fused.perSample),
      ratio(wasm.perSample / fused.perSample),
      ms((fused.perSample * 2000) / 1000),
    ]);
  }
  for (const line of formatTable(['batch', 'fused µs/sample', 'tfjs-cpu', 'tfjs-wasm', 'cpu / fused', 'wasm / fused', 'fused ms/epoch'], rowsB)) log(line);
  log('');

  // (c) how the fused engine's cost grows
  log('Fused engine, time per epoch (stateful LSTM, batch 1, 1 feature; base: 4 units, 10 time steps, 1,000 rows)');
  const base: NetworkSpec = { cell: 'lstm', units: [4], timeSteps: 10, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 1 };
  const sweep: { label: string; spec: NetworkSpec; rows: number }[] = [
    ...[1, 4, 16, 64].map((u) => ({ label: `units ${u}`, spec: { ...base, units: [u] }, rows: 1000 })),
    ...[1, 10, 50].map((t) => ({ label: `time steps ${t}`, spec: { ...base, timeSteps: t }, rows: 1000 })),
    ...[22, 1000, 10000].map((r) => ({ label: `rows ${r}`, spec: base, rows: r })),
  ];
  const rowsC: string[][] = [];
  for (const { label, spec, rows } of sweep) {
    const timing = await timeFused(tf, spec, syntheticData(spec, rows), 250);
    rowsC.push([label, us(timing.perStep), ms((timing.perStep * rows) / 1000)]);
  }
  for (const line of formatTable(['varied', 'µs / step', 'ms / epoch'], rowsC)) log(line);
}
