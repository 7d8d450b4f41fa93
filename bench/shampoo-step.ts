// Microseconds per training step of the 1-unit shampoo network (stateful LSTM 1, batch 1) on the
// fused engine, timed in a process of its own, as `rnnfc train` runs it: in a process that has
// trained other shapes first, the engine's call sites have seen other cells and sizes, which
// slows a step this small by a sixth. Prints the best of three rounds, in µs.
import { createFusedTrainer } from '../src/engines/fused/fused-engine.js';
import type { NetworkSpec, TrainerOptions } from '../src/engines/types.js';
import { randomWeights, syntheticData, timeSteps } from './step-timing.js';

const SHAMPOO: NetworkSpec = { cell: 'lstm', units: [1], timeSteps: 1, features: 1, outputs: 1, dropout: 0, stateful: true, batchSize: 1 };
const OPTIONS: TrainerOptions = { optimizer: { name: 'adam', lr: 0.001 }, loss: 'mse', seed: 1 };

const data = syntheticData(SHAMPOO, 22);
const trainer = createFusedTrainer(SHAMPOO, OPTIONS, randomWeights(SHAMPOO));
timeSteps(trainer, SHAMPOO, data, 22_000, 0);
let best = Infinity;
for (let round = 0; round < 3; round++) best = Math.min(best, timeSteps(trainer, SHAMPOO, data, 44_000, 0));
process.stdout.write(`${best}\n`);
