// Which engine trains a network faster here: the fused engine or tfjs.
//
// The rule comes from bench/engines.ts and a grid of shapes timed the same way on a 2-core x86
// machine (Node 20; tfjs 4.22 cpu and wasm backends, wasm with SIMD, single-threaded). The cost
// that decides it is W = batch · Σ_l g·u_l·(in_l + u_l) / layers: the multiply-adds of one time
// step of one batch, per layer (g = 4 LSTM, 3 GRU, 1 SimpleRNN). µs per training sample, one
// thread; "fused plain" is the TypeScript kernels, "fused SIMD" the WebAssembly SIMD kernels
// (the default where the runtime has WebAssembly SIMD; the same results to the bit):
//
//   shape (cell units, steps, features, batch)   W per layer  fused plain  fused SIMD  tfjs-wasm  wasm/SIMD
//   LSTM 1, 1, 1, 1 (shampoo)                              8          0.9         0.9       2350     2600x
//   LSTM 8, 10, 1, 1                                     288           26          22       5855      266x
//   LSTM 32, 10, 1, 1                                   4224          242          93       7894       85x
//   GRU 16, 50, 1, 32                                  26112          195          82       1240       15x
//   LSTM 64, 10, 1, 8                                 133120          514         165       1159      7.0x
//   LSTM 32, 10, 1, 32                                135168          122          47        465      9.9x
//   GRU 32x32, 10, 1, 64                              297984          337          97        606      6.2x
//   GRU 50, 50, 8, 50                                 435000         1100         327       2975      9.1x
//   RNN 64, 10, 1, 128                                532480          110          32        131      4.1x
//   LSTM 16, 10, 1, 512                               557056           36          15         48      3.2x
//   LSTM 32, 10, 4, 128                               589824          132          46        227      4.9x
//   LSTM 64, 10, 1, 64                               1064960          411         118        655      5.6x
//   LSTM 128, 5, 1, 16                               1056768          813         229       1007      4.4x
//   LSTM 64, 20, 1, 256                              4259840         1165         350       1019      2.9x
//   GRU 50, 50, 8, 500                               4350000         1253         411       1420      3.5x
//   LSTM 128, 5, 1, 128                              8454144          771         217        987      4.5x
//
// (fused SIMD: the plain figure divided by SIMD's speed-up over plain, timed interleaved in CPU
// time.) tfjs-cpu was never faster than tfjs-wasm above a few hundred multiply-adds and never
// faster than fused. tfjs pays ~2 ms per batch plus ~0.5 ms per time step and layer in op
// dispatch, whatever the size, then ~2.5 ns per multiply-add; the fused engine ~2.8 ns with the
// plain kernels and ~0.85 with SIMD. So with SIMD the fused engine wins on every measured shape
// and auto always picks it. Without SIMD it wins by orders of magnitude on small networks and by
// 1.2-4x up to W ≈ 1e6; past a few million the two are within ±30% and tfjs' per-sample cost
// keeps falling with the batch while fused's rises: the rule is then fused while
// W ≤ 3,000,000, tfjs above. (A native tfjs backend was not measured; it would only move the line.)
import { simdAvailable } from './fused/simd-kernels.js';
import { GATES, type NetworkSpec } from './types.js';

import type { EngineChoice } from '../core/types.js';
export type { EngineChoice } from '../core/types.js';

/** Multiply-adds of one time step of one batch, per layer, above which auto picks tfjs (without SIMD). */
export const FUSED_MAX_WORK_PER_LAYER = 3_000_000;

/** The cost model fitted to the measurements above, in microseconds per training sample. */
const TFJS_US_PER_BATCH = 1900;
const TFJS_US_PER_STEP_AND_LAYER = 450;
const TFJS_NS_PER_MAC = 2.5;
const FUSED_US_PER_SAMPLE = 0.6;
/** Batches of 1-3 rows run the fused engine's unblocked loops, slower per multiply-add. */
const fusedNsPerMac = (batch: number, simd: boolean) => (simd ? (batch < 4 ? 2.2 : 0.85) : batch < 4 ? 5.5 : 2.8);

export interface EngineSelection {
  engine: 'fused' | 'tfjs';
  /** Why, in words for the user. */
  reason: string;
}

/** simd: whether the fused engine runs its WebAssembly SIMD kernels (by default, whether this runtime can). */
export function selectEngine(choice: EngineChoice, spec: NetworkSpec, trainingRows: number, simd = simdAvailable()): EngineSelection {
  if (choice !== 'auto' && choice !== 'fused' && choice !== 'tfjs') {
    throw new TypeError(`engine must be auto, fused or tfjs, got ${JSON.stringify(choice)}`);
  }
  if (!Number.isInteger(trainingRows) || trainingRows < 1) {
    throw new RangeError(`trainingRows must be a positive integer, got ${trainingRows}`);
  }
  const shape = `${spec.units.join(' x ')} ${spec.cell.toUpperCase()}`;
  if (choice !== 'auto') return { engine: choice, reason: `${choice}: chosen with --engine ${choice}` };

  // A batch never holds more rows than there are.
  const batch = Math.min(spec.batchSize, trainingRows);
  const g = GATES[spec.cell];
  let inputs = spec.features;
  let macsPerStep = 0; // Σ_l g·u_l·(in_l + u_l), one sample, one time step
  for (const units of spec.units) {
    macsPerStep += g * units * (inputs + units);
    inputs = units;
  }
  const layers = spec.units.length;
  const workPerLayer = (batch * macsPerStep) / layers;
  const macsPerSample = macsPerStep * spec.timeSteps;
  const tfjsUs = (TFJS_US_PER_BATCH + TFJS_US_PER_STEP_AND_LAYER * spec.timeSteps * layers) / batch + (TFJS_NS_PER_MAC * macsPerSample) / 1000;
  const fusedUs = FUSED_US_PER_SAMPLE + (fusedNsPerMac(batch, simd) * macsPerSample) / 1000;

  if (simd || workPerLayer <= FUSED_MAX_WORK_PER_LAYER) {
    const speedup = tfjsUs / fusedUs;
    const size = workPerLayer < 10_000 ? 'small network' : 'network';
    return { engine: 'fused', reason: `fused: ${size} (${shape}, batch ${batch}), estimated ${roundRatio(speedup)}x faster than tfjs` };
  }
  return {
    engine: 'tfjs',
    reason: `tfjs: large batches (${shape}, batch ${batch}: ${(workPerLayer / 1e6).toFixed(1)}M multiply-adds per layer and time step), where tfjs is about as fast as fused and scales better`,
  };
}

/** 2700 → "2700", 37.4 → "37", 1.26 → "1.3". */
function roundRatio(ratio: number): string {
  if (ratio >= 100) return String(Math.round(ratio / 100) * 100);
  if (ratio >= 10) return String(Math.round(ratio));
  return ratio.toFixed(1);
}
