// What the network needs from a recurrent cell (LSTM, GRU, SimpleRNN): a forward pass over the
// time steps of one batch that keeps what backpropagation through time needs, and a backward pass
// that accumulates parameter gradients and, for stacked layers, the gradient of its inputs.
// Sequences are time-major, [timeSteps, batch, width], so one time step is a contiguous block.
//
// Batch rows never mix except in the parameter gradients, so the forward pass and the backward
// pass through time take a range of rows [r0, r1), and each time step's parameter gradients are
// summed, once every row has that step, over a part of the parameters instead (see parts.ts and
// StepAccumulation): worker threads can split a batch between them and still compute exactly what
// one thread computes alone.
import type { Arena } from './arena.js';

/** Views of one layer's parameters and their gradients, in tfjs-layers' shapes (g gates). */
export interface CellParams {
  /** [inputSize, g * units] */
  kernel: Float64Array;
  /** [units, g * units] */
  recurrentKernel: Float64Array;
  /** [g * units] */
  bias: Float64Array;
  dKernel: Float64Array;
  dRecurrentKernel: Float64Array;
  dBias: Float64Array;
}

export interface CellShape {
  inputSize: number;
  units: number;
  timeSteps: number;
}

/**
 * From this many units on, a cell running the SIMD kernels keeps a transposed copy of its
 * recurrent kernel (refreshed by prepareTraining) for the products of backpropagation, which then
 * load two units' weights at once (addMatMulTransposeBPacked); below, copying costs more than it saves.
 */
export const PACK_FROM_UNITS = 8;

/** The transposed copy of a [units, g·units] recurrent kernel that a cell keeps, or null (see PACK_FROM_UNITS). */
export function transposedRecurrentKernel(arena: Arena, units: number, gates: number): Float64Array | null {
  return arena.kernels.name === 'simd' && units >= PACK_FROM_UNITS ? arena.alloc(units * gates * units) : null;
}

/** A range of batch rows [r0, r1). */
export interface RowRange {
  r0: number;
  r1: number;
}

/**
 * How backward adds a layer's parameter gradients as it goes, step by step, while each step's
 * gate gradients are still in cache: the layer's inputs ([timeSteps, batch, inputSize] from
 * inputsOffset), this thread's part of the parameters, and stepDone, which returns once every
 * thread has finished the step's rows (a barrier; nothing to wait for on one thread). Each
 * parameter gradient gets the same sums, in the same order, as when every step was added in a
 * pass of its own after the backward pass.
 */
export interface StepAccumulation {
  inputs: Float64Array;
  inputsOffset: number;
  part: GradientPart;
  stepDone: () => void;
}

/** Part `part` of `parts` of the parameter gradients. */
export interface GradientPart {
  part: number;
  parts: number;
}

export interface RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  /**
   * The state each forward pass starts from and leaves behind: h, then c for LSTM, each
   * [capacity, units]. The network zeroes them for stateless passes.
   */
  readonly states: Float64Array[];
  /** Outputs of the last forward pass, [timeSteps + 1, batch, units]; slot 0 is the initial h. */
  readonly hs: Float64Array;
  /**
   * Called once per training batch, on one thread, after the parameters last changed and before
   * any backward pass: refreshes what backward reads beside the parameters themselves.
   */
  prepareTraining(): void;
  /** Whether prepareTraining has anything to do. */
  readonly preparesTraining: boolean;
  /** Grows the work buffers to hold `capacity` rows; allocates (from the arena) only when it grows. */
  reserve(capacity: number): void;
  /** inputs: [timeSteps, batch, inputSize] starting at inputsOffset; computes rows [r0, r1). */
  forward(inputs: Float64Array, inputsOffset: number, batch: number, rows: RowRange): void;
  /**
   * Backpropagation through time for rows [r0, r1) of the last forward pass. dOutputs:
   * [timeSteps, batch, units], the loss gradient reaching each output h_t from above. Writes the
   * gradient of the inputs into dInputs ([timeSteps, batch, inputSize]) unless null. The initial
   * state is a constant: gradients stop at the batch boundary. Adds part of the parameter gradients
   * after each step, once every thread is done with it (see StepAccumulation): Σ over time steps
   * (last to first) and rows (first to last) of inputsᵀ·dGates.
   */
  backward(dOutputs: Float64Array, batch: number, dInputs: Float64Array | null, rows: RowRange, accumulate: StepAccumulation): void;
  /** Adds time step t's share to part of the parameter gradients, once every row's backward step t is done. */
  accumulateStep(inputs: Float64Array, inputsOffset: number, batch: number, t: number, part: GradientPart): void;
}
