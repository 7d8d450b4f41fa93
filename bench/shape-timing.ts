// Times one network shape's training step with the plain kernels, the SIMD kernels and the SIMD
// kernels on two threads, in interleaved rounds (each keeps its best), and prints the µs per
// sample as JSON. Run by speed-targets.ts in a process of its own for each shape:
//   node dist/bench/shape-timing.js '{"spec": {...}, "rounds": 3, "roundMs": 700}'
import { createFusedTrainer, createFusedTrainerOnThreads, type FusedTrainer } from '../src/engines/fused/fused-engine.js';
import type { NetworkSpec, TrainerOptions } from '../src/engines/types.js';
import { randomWeights, syntheticData, timeSteps } from './step-timing.js';

const OPTIONS: TrainerOptions = { optimizer: { name: 'adam', lr: 0.001 }, loss: 'mse', seed: 1 };

export type Config = 'plain' | 'simd' | 'simd2';
/** µs per sample of each configuration. */
export type Timing = Record<Config, number>;
/** plain: the TypeScript kernels, one thread; simd: the WebAssembly SIMD kernels; simd2: on two threads. */
const CONFIGS: Config[] = ['plain', 'simd', 'simd2'];

async function trainerFor(spec: NetworkSpec, config: Config): Promise<FusedTrainer> {
  const weights = randomWeights(spec);
  if (config === 'plain') return createFusedTrainer(spec, OPTIONS, weights, { kernels: 'plain' });
  if (config === 'simd') return createFusedTrainer(spec, OPTIONS, weights, { kernels: 'auto' });
  return createFusedTrainerOnThreads(spec, OPTIONS, weights, 2, { kernels: 'auto' });
}

/** Best µs per sample of each configuration over interleaved rounds of about `roundMs` each. */
async function timeShape(spec: NetworkSpec, rounds: number, roundMs: number): Promise<Timing> {
  const data = syntheticData(spec, spec.batchSize * 4);
  const trainers = {} as Record<Config, FusedTrainer>;
  const steps = {} as Record<Config, number>;
  for (const name of CONFIGS) {
    trainers[name] = await trainerFor(spec, name);
    const one = timeSteps(trainers[name], spec, data, 1, 0); // warm-up, and the size of a round
    steps[name] = Math.max(1, Math.round((roundMs * 1000) / one));
  }
  const best: Timing = { plain: Infinity, simd: Infinity, simd2: Infinity };
  for (let round = 0; round < rounds; round++) {
    for (const name of CONFIGS) best[name] = Math.min(best[name], timeSteps(trainers[name], spec, data, steps[name], round) / spec.batchSize);
  }
  for (const name of CONFIGS) trainers[name].dispose();
  return best;
}

const { spec, rounds, roundMs } = JSON.parse(process.argv[2]!) as { spec: NetworkSpec; rounds: number; roundMs: number };
process.stdout.write(`${JSON.stringify(await timeShape(spec, rounds, roundMs))}\n`);
process.exit(0);
