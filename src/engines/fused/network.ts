// A stack of recurrent layers and a Dense head (on the last step, or on every step of a per-step
// network) on flat float64 parameters: the forward pass,
// backpropagation through the time steps of one batch, and the state a stateful net carries from
// one batch to the next (as a constant: gradients are truncated at the batch boundary).
// Every buffer is allocated up front (and again only if a larger batch arrives), so a training
// step allocates nothing.
import { seededRandom } from '../../util/random.js';
import type { LossName, NamedWeight, NetworkSpec } from '../types.js';
import { Arena, type KernelChoice } from './arena.js';
import { DenseHead } from './dense.js';
import { applyMaskToRows, drawDropoutMaskInPlace } from './dropout.js';
import { GruCell } from './gru-cell.js';
import { lossAndGradient } from './losses.js';
import { LstmCell } from './lstm-cell.js';
import { packWeights, parameterCount, unpackWeights, type WeightSlot, weightLayout } from './parameters.js';
import { ALL_PARTS } from './parts.js';
import type { CellParams, CellShape, GradientPart, RecurrentCell, RowRange, StepAccumulation } from './recurrent-cell.js';
import { SimpleRnnCell } from './simple-rnn-cell.js';

export class Network {
  readonly layout: WeightSlot[];
  /** Where every buffer below lives, and the kernels that work on them. */
  readonly arena: Arena;
  /** Every parameter, in tfjs-layers' weight order (see parameters.ts). */
  readonly params: Float64Array;
  /** dLoss/dparams of the last lossAndGradient call, same layout. */
  readonly grads: Float64Array;
  readonly cells: RecurrentCell[];
  /** The cells whose prepareTraining has work to do (the small ones have none: a loop over nothing spares their steps a call). */
  private readonly cellsToPrepare: RecurrentCell[];
  readonly head: DenseHead;
  private readonly sampleSize: number;
  private readonly random: () => number;
  private capacity = 0;
  /** The batch as the cells read it, [timeSteps, batch, features]. */
  private xTime: Float64Array = new Float64Array(0);
  /** The batch's targets and row weights, as prepareBatch received them. */
  private yTrue: Float32Array | null = null;
  private rowWeights: Float32Array | null = null;
  /** Per layer: its dropout mask [batch, inputSize] and masked inputs [timeSteps, batch, inputSize]. */
  private masks: Float64Array[] = [];
  private maskedInputs: Float64Array[] = [];
  /** Per layer: dLoss/d(outputs), [timeSteps, batch, units]. */
  private dOutputs: Float64Array[] = [];
  /** Head rows per sample: timeSteps for a per-step network, else 1. */
  private readonly headSteps: number;
  /** dLoss/dŷ, [batch, headSteps, outputs]. */
  private dY: Float64Array = new Float64Array(0);
  /** Per-step networks: the head's outputs sample-major, [batch, timeSteps, outputs], and dY time-major. */
  private yBatchMajor: Float64Array = new Float64Array(0);
  private dYTime: Float64Array = new Float64Array(0);
  /** The loss of the last batch, set by computeLoss. */
  private lastLoss = NaN;
  /** Rows [0, batch) of the last batch (kept to spare an object per step). */
  private rows: RowRange = { r0: 0, r1: 0 };
  /** What backwardRows hands each layer, one object per layer, rewritten every step. */
  private readonly accumulations: StepAccumulation[] = [];
  /** Whether the batch being trained draws dropout masks. */
  private dropoutOn = false;

  /**
   * weights: tfjs-layers order and shapes; capacity: the largest batch expected; seed: dropout
   * masks; kernels: which kernels run the matrix products (the results are the same bits).
   */
  constructor(readonly spec: NetworkSpec, weights: NamedWeight[], capacity: number, seed = 0, kernels: KernelChoice = 'auto', shared?: WebAssembly.Memory) {
    checkSpec(spec);
    this.layout = weightLayout(spec);
    const packed = shared ? null : packWeights(this.layout, weights);
    this.arena = new Arena(kernels, shared);
    this.params = this.arena.alloc(parameterCount(this.layout));
    if (packed) this.params.set(packed);
    this.grads = this.arena.alloc(this.params.length);
    this.sampleSize = spec.timeSteps * spec.features;
    this.headSteps = spec.perStep ? spec.timeSteps : 1;
    this.random = seededRandom(seed);
    const slot = (name: string) => this.layout.find((s) => s.name === name)!;
    const view = (array: Float64Array, name: string) => {
      const s = slot(name);
      return array.subarray(s.offset, s.offset + s.size);
    };
    let inputSize = spec.features;
    this.cells = spec.units.map((units, i) => {
      const names = [`rnn_${i}/kernel`, `rnn_${i}/recurrent_kernel`, `rnn_${i}/bias`] as const;
      const params: CellParams = {
        kernel: view(this.params, names[0]),
        recurrentKernel: view(this.params, names[1]),
        bias: view(this.params, names[2]),
        dKernel: view(this.grads, names[0]),
        dRecurrentKernel: view(this.grads, names[1]),
        dBias: view(this.grads, names[2]),
      };
      const shape: CellShape = { inputSize, units, timeSteps: spec.timeSteps };
      inputSize = units;
      return createCell(spec, shape, params, this.arena);
    });
    this.cellsToPrepare = this.cells.filter((cell) => cell.preparesTraining);
    this.head = new DenseHead(inputSize, spec.outputs, {
      kernel: view(this.params, 'head/kernel'),
      bias: view(this.params, 'head/bias'),
      dKernel: view(this.grads, 'head/kernel'),
      dBias: view(this.grads, 'head/bias'),
    }, this.arena, spec.head ?? 'linear');
    this.reserve(capacity);
  }

  /**
   * The network another thread built with the same spec, capacity and kernels, over its memory
   * (for worker threads that share its training). Nothing is written.
   */
  static attach(spec: NetworkSpec, capacity: number, kernels: KernelChoice, memory: WebAssembly.Memory): Network {
    return new Network(spec, [], capacity, 0, kernels, memory);
  }

  /** Grows every buffer to hold batches of `capacity` rows; allocates only when it grows. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const { timeSteps } = this.spec;
    const alloc = (n: number) => this.arena.alloc(n);
    this.xTime = alloc(capacity * this.sampleSize);
    for (const cell of this.cells) cell.reserve(capacity);
    this.head.reserve(capacity * this.headSteps);
    this.dOutputs = this.cells.map((cell) => alloc(timeSteps * capacity * cell.units));
    if (this.spec.dropout > 0) {
      this.masks = this.cells.map((cell) => alloc(capacity * cell.inputSize));
      this.maskedInputs = this.cells.map((cell) => alloc(timeSteps * capacity * cell.inputSize));
    }
    this.dY = alloc(capacity * this.headSteps * this.spec.outputs);
    if (this.spec.perStep) {
      this.yBatchMajor = alloc(capacity * this.headSteps * this.spec.outputs);
      this.dYTime = alloc(capacity * this.headSteps * this.spec.outputs);
    }
    this.capacity = capacity;
  }

  /**
   * Runs x ([batch, timeSteps, features], row-major) through the network, leaving the
   * predictions in this.predictions() (overwritten by the next pass). A stateless
   * network starts from zero state; a stateful one from where the previous pass ended.
   * `training` applies dropout.
   */
  forward(x: Float32Array, batch: number, training: boolean): void {
    this.prepareBatch(x, null, null, batch, training);
    this.forwardRows(batch, this.allRows(batch));
  }

  /** The last forward pass' predictions, [batch, outputs] or [batch, timeSteps, outputs] (per-step). */
  predictions(): Float64Array {
    return this.spec.perStep ? this.yBatchMajor : this.head.ys;
  }

  /**
   * One training forward and backward pass: returns the batch's mean loss and leaves
   * dLoss/dparams in this.grads. Parameters are not changed.
   */
  lossAndGradient(x: Float32Array, y: Float32Array, batch: number, loss: LossName, weights: Float32Array | null = null): number {
    this.prepareBatch(x, y, weights, batch, true);
    const all = this.allRows(batch);
    this.forwardRows(batch, all);
    const value = this.computeLoss(batch, loss);
    this.backwardRows(batch, all, ALL_PARTS, alone);
    this.accumulateHeadGradients(batch, ALL_PARTS);
    return value;
  }

  /*
   * A training step in phases, so that threads sharing this network's memory can split it:
   * prepareBatch (one thread), forwardRows on each thread's rows, computeLoss (one thread, once
   * every row is forward), backwardRows on each thread's rows (each thread adding its part of the
   * layers' parameter gradients as every row finishes a time step), then, once every row is done,
   * accumulateHeadGradients on each thread's part. Each value is computed by
   * one thread with the operations one thread alone would do, so the bits do not depend on how
   * the work was split.
   */

  /** Takes in a batch: x transposed to time-major, y and its row weights, fresh dropout masks, zeroed gradients. */
  prepareBatch(x: Float32Array, y: Float32Array | null, weights: Float32Array | null, batch: number, training: boolean): void {
    const { timeSteps, features } = this.spec;
    this.reserve(batch);
    if (!this.spec.stateful) this.resetStates();
    // [batch, timeSteps, features] → [timeSteps, batch, features]
    const xTime = this.xTime;
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < timeSteps; t++) {
        const from = (b * timeSteps + t) * features;
        const to = (t * batch + b) * features;
        for (let f = 0; f < features; f++) xTime[to + f] = x[from + f]!;
      }
    }
    this.yTrue = y;
    this.rowWeights = weights;
    this.dropoutOn = training && this.spec.dropout > 0;
    if (this.dropoutOn) {
      this.cells.forEach((cell, l) => drawDropoutMaskInPlace(this.masks[l]!, batch * cell.inputSize, this.spec.dropout, this.random));
    }
    if (y) {
      this.grads.fill(0);
      for (const cell of this.cellsToPrepare) cell.prepareTraining();
    }
  }

  /** For a thread sharing this network: the batch another thread prepared (training or not). */
  joinBatch(training: boolean): void {
    this.dropoutOn = training && this.spec.dropout > 0;
  }

  /** The forward pass of rows [r0, r1) through every layer and the head. */
  forwardRows(batch: number, rows: RowRange): void {
    const { timeSteps } = this.spec;
    let inputs: Float64Array = this.xTime;
    let inputsOffset = 0;
    for (let l = 0; l < this.cells.length; l++) {
      const cell = this.cells[l]!;
      if (this.dropoutOn) {
        applyMaskToRows(this.maskedInputs[l]!, 0, inputs, inputsOffset, this.masks[l]!, batch, cell.inputSize, timeSteps, rows.r0, rows.r1);
        inputs = this.maskedInputs[l]!;
        inputsOffset = 0;
      }
      cell.forward(inputs, inputsOffset, batch, rows);
      inputs = cell.hs;
      inputsOffset = batch * cell.units; // outputs start after the initial state in slot 0
    }
    const last = this.cells[this.cells.length - 1]!;
    const { r0, r1 } = rows;
    const u = last.units;
    if (this.spec.perStep) {
      // Every step's h (slots 1..timeSteps) → [timeSteps, batch, outputs], then batch-major.
      for (let t = 0; t < timeSteps; t++) this.head.forward(last.hs, (t + 1) * batch * u + r0 * u, t * batch + r0, r1 - r0);
      transposeRows(this.head.ys, this.yBatchMajor, true, timeSteps, batch, this.spec.outputs, r0, r1);
    } else {
      this.head.forward(last.hs, timeSteps * batch * u + r0 * u, r0, r1 - r0);
    }
  }

  /** The batch's loss and dLoss/dŷ (one thread, after forwardRows on every row); returns the loss. */
  computeLoss(batch: number, loss: LossName): number {
    this.lastLoss = lossAndGradient(loss, this.predictions(), this.yTrue!, batch * this.headSteps, this.spec.outputs, this.dY, this.rowWeights);
    return this.lastLoss;
  }

  /** The loss computeLoss found for the last batch. */
  loss(): number {
    return this.lastLoss;
  }

  /**
   * Backpropagation through the head and through time for rows [r0, r1), after computeLoss, each
   * layer adding its part of the parameter gradients as it goes; stepDone returns once every
   * thread is done with a time step (see StepAccumulation). The head's gradients are left to
   * accumulateHeadGradients, once every thread is done.
   */
  backwardRows(batch: number, rows: RowRange, part: GradientPart, stepDone: () => void): void {
    const { timeSteps, outputs } = this.spec;
    const { r0, r1 } = rows;
    const top = this.cells.length - 1;
    const last = this.cells[top]!;
    const u = last.units;
    const width = batch * u;
    const dTop = this.dOutputs[top]!;
    if (this.spec.perStep) {
      // Every time step of the top layer feeds the head.
      transposeRows(this.dY, this.dYTime, false, timeSteps, batch, outputs, r0, r1);
      for (let t = 0; t < timeSteps; t++) this.head.backward(this.dYTime, t * batch + r0, r1 - r0, dTop, t * width + r0 * u);
    } else {
      // Only the last time step of the top layer feeds the head.
      for (let t = 0; t < timeSteps - 1; t++) dTop.fill(0, t * width + r0 * u, t * width + r1 * u);
      this.head.backward(this.dY, r0, r1 - r0, dTop, (timeSteps - 1) * width + r0 * u);
    }
    for (let l = top; l >= 0; l--) {
      const cell = this.cells[l]!;
      // dInputs of this layer are dOutputs of the one below (through its dropout mask).
      const dInputs = l > 0 ? this.dOutputs[l - 1]! : null;
      cell.backward(this.dOutputs[l]!, batch, dInputs, rows, this.accumulation(l, batch, part, stepDone));
      if (dInputs && this.dropoutOn) applyMaskToRows(dInputs, 0, dInputs, 0, this.masks[l]!, batch, cell.inputSize, timeSteps, r0, r1);
    }
  }

  /** Adds part of the head's parameter gradients, once backwardRows has run on every row. */
  accumulateHeadGradients(batch: number, part: GradientPart): void {
    const { timeSteps } = this.spec;
    const last = this.cells[this.cells.length - 1]!;
    if (this.spec.perStep) this.head.accumulateGradients(last.hs, batch * last.units, timeSteps * batch, part);
    else this.head.accumulateGradients(last.hs, timeSteps * batch * last.units, batch, part);
  }

  /** What layer l's backward needs to add its parameter gradients: what it was fed in the last forward pass, and the rest. */
  private accumulation(l: number, batch: number, part: GradientPart, stepDone: () => void): StepAccumulation {
    const below = l > 0 ? this.cells[l - 1]! : null;
    const accumulation = (this.accumulations[l] ??= { inputs: this.xTime, inputsOffset: 0, part, stepDone });
    // the inputs, the layer below's h, or either through dropout
    accumulation.inputs = this.dropoutOn ? this.maskedInputs[l]! : below ? below.hs : this.xTime;
    accumulation.inputsOffset = this.dropoutOn || !below ? 0 : batch * below.units;
    accumulation.part = part;
    accumulation.stepDone = stepDone;
    return accumulation;
  }

  private allRows(batch: number): RowRange {
    if (this.rows.r1 !== batch) this.rows = { r0: 0, r1: batch };
    return this.rows;
  }

  /** Zeroes every layer's carried state. */
  resetStates(): void {
    for (const cell of this.cells) for (const state of cell.states) state.fill(0);
  }

  /** Copies of the carried states of the first `batch` rows, per layer h then c (LSTM). */
  readStates(batch: number): Float32Array[] {
    return this.cells.flatMap((cell) => cell.states.map((state) => Float32Array.from(state.subarray(0, batch * cell.units))));
  }

  /** Overwrites the carried states of the first rows, per layer h then c (LSTM), as readStates gives them. */
  writeStates(states: readonly Float32Array[]): void {
    let i = 0;
    for (const cell of this.cells) for (const state of cell.states) state.set(states[i++]!);
  }

  getWeights(): NamedWeight[] {
    return unpackWeights(this.layout, this.params);
  }

  /** Checks a batch's arrays against the spec; throws TypeError / RangeError saying what was found. */
  checkBatch(x: Float32Array, y: Float32Array | null, batch: number, weights: Float32Array | null = null): void {
    const { timeSteps, features, outputs } = this.spec;
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
    if (!(x instanceof Float32Array)) throw new TypeError(`x must be a Float32Array, got ${describe(x)}`);
    const want = batch * timeSteps * features;
    if (x.length !== want) {
      throw new RangeError(`x must hold batch * timeSteps * features = ${batch} * ${timeSteps} * ${features} = ${want} values, got ${x.length}`);
    }
    if (y === null) return;
    if (!(y instanceof Float32Array)) throw new TypeError(`y must be a Float32Array, got ${describe(y)}`);
    const rows = batch * this.headSteps;
    if (y.length !== rows * outputs) {
      const what = this.spec.perStep ? `batch * timeSteps * outputs = ${batch} * ${timeSteps} * ${outputs}` : `batch * outputs = ${batch} * ${outputs}`;
      throw new RangeError(`y must hold ${what} = ${rows * outputs} values, got ${y.length}`);
    }
    if (weights === null) return;
    if (!(weights instanceof Float32Array)) throw new TypeError(`weights must be a Float32Array, got ${describe(weights)}`);
    if (weights.length !== rows) {
      throw new RangeError(`weights must hold one value per target row (${rows}), got ${weights.length}`);
    }
  }
}

/** stepDone on one thread: nobody to wait for. */
function alone(): void {}

function createCell(spec: NetworkSpec, shape: CellShape, params: CellParams, arena: Arena): RecurrentCell {
  switch (spec.cell) {
    case 'lstm':
      return new LstmCell(shape, params, arena);
    case 'gru':
      return new GruCell(shape, params, arena);
    case 'rnn':
      return new SimpleRnnCell(shape, params, arena);
    default:
      throw new TypeError(`cell must be one of lstm, gru, rnn, got ${JSON.stringify(spec.cell)}`);
  }
}

function checkSpec(spec: NetworkSpec): void {
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  };
  if (!Array.isArray(spec.units) || spec.units.length === 0) {
    throw new RangeError(`units must list at least one layer, got ${JSON.stringify(spec.units)}`);
  }
  spec.units.forEach((u, i) => positive(`units[${i}]`, u));
  positive('timeSteps', spec.timeSteps);
  positive('features', spec.features);
  positive('outputs', spec.outputs);
  positive('batchSize', spec.batchSize);
  if (!(spec.dropout >= 0 && spec.dropout < 1)) throw new RangeError(`dropout must be in [0, 1), got ${spec.dropout}`);
  if (spec.head !== undefined && !['linear', 'sigmoid', 'softmax'].includes(spec.head)) {
    throw new TypeError(`head must be one of linear, sigmoid, softmax, got ${JSON.stringify(spec.head)}`);
  }
  if (spec.head === 'softmax' && spec.outputs < 2) throw new RangeError(`a softmax head needs at least 2 outputs, got ${spec.outputs}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'object';
}

/**
 * Rows [r0, r1) of b between [steps, batch, width] (time-major) and [batch, steps, width]:
 * toBatchMajor copies from the first layout into the second, else back.
 */
function transposeRows(from: Float64Array, to: Float64Array, toBatchMajor: boolean, steps: number, batch: number, width: number, r0: number, r1: number): void {
  for (let t = 0; t < steps; t++) {
    for (let b = r0; b < r1; b++) {
      const timeMajor = (t * batch + b) * width;
      const batchMajor = (b * steps + t) * width;
      const src = toBatchMajor ? timeMajor : batchMajor;
      const dst = toBatchMajor ? batchMajor : timeMajor;
      for (let k = 0; k < width; k++) to[dst + k] = from[src + k]!;
    }
  }
}
