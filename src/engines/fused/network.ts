// A stack of recurrent layers and a Dense head (on the last step, or on every step of a per-step
// network) on flat float64 parameters: the forward pass,
// backpropagation through the time steps of one batch, and the state a stateful net carries from
// one batch to the next (as a constant: gradients are truncated at the batch boundary).
// Every buffer is allocated up front (and again only if a larger batch arrives), so a training
// step allocates nothing.
import { seededRandom } from '../../util/random.js';
import type { LossName, NamedWeight, NetworkSpec } from '../types.js';
import { DenseHead } from './dense.js';
import { applyMask, drawDropoutMaskInPlace } from './dropout.js';
import { GruCell } from './gru-cell.js';
import { lossAndGradient } from './losses.js';
import { LstmCell } from './lstm-cell.js';
import { packWeights, unpackWeights, type WeightSlot, weightLayout } from './parameters.js';
import type { CellParams, CellShape, RecurrentCell } from './recurrent-cell.js';
import { SimpleRnnCell } from './simple-rnn-cell.js';

export class Network {
  readonly layout: WeightSlot[];
  /** Every parameter, in tfjs-layers' weight order (see parameters.ts). */
  readonly params: Float64Array;
  /** dLoss/dparams of the last lossAndGradient call, same layout. */
  readonly grads: Float64Array;
  readonly cells: RecurrentCell[];
  readonly head: DenseHead;
  private readonly sampleSize: number;
  private readonly random: () => number;
  private capacity = 0;
  /** The batch as the cells read it, [timeSteps, batch, features]. */
  private xTime = new Float64Array(0);
  /** Per layer: its dropout mask [batch, inputSize] and masked inputs [timeSteps, batch, inputSize]. */
  private masks: Float64Array[] = [];
  private maskedInputs: Float64Array[] = [];
  /** Per layer: dLoss/d(outputs), [timeSteps, batch, units]. */
  private dOutputs: Float64Array[] = [];
  /** Head rows per sample: timeSteps for a per-step network, else 1. */
  private readonly headSteps: number;
  /** dLoss/dŷ, [batch, headSteps, outputs]. */
  private dY = new Float64Array(0);
  /** Per-step networks: the head's outputs sample-major, [batch, timeSteps, outputs], and dY time-major. */
  private yBatchMajor = new Float64Array(0);
  private dYTime = new Float64Array(0);

  /** weights: tfjs-layers order and shapes; capacity: the largest batch expected; seed: dropout masks. */
  constructor(readonly spec: NetworkSpec, weights: NamedWeight[], capacity: number, seed = 0) {
    checkSpec(spec);
    this.layout = weightLayout(spec);
    this.params = packWeights(this.layout, weights);
    this.grads = new Float64Array(this.params.length);
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
      return createCell(spec, shape, params);
    });
    this.head = new DenseHead(inputSize, spec.outputs, {
      kernel: view(this.params, 'head/kernel'),
      bias: view(this.params, 'head/bias'),
      dKernel: view(this.grads, 'head/kernel'),
      dBias: view(this.grads, 'head/bias'),
    }, 1, spec.head ?? 'linear');
    this.reserve(capacity);
  }

  /** Grows every buffer to hold batches of `capacity` rows; allocates only when it grows. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const { timeSteps } = this.spec;
    this.xTime = new Float64Array(capacity * this.sampleSize);
    for (const cell of this.cells) cell.reserve(capacity);
    this.head.reserve(capacity * this.headSteps);
    this.dOutputs = this.cells.map((cell) => new Float64Array(timeSteps * capacity * cell.units));
    if (this.spec.dropout > 0) {
      this.masks = this.cells.map((cell) => new Float64Array(capacity * cell.inputSize));
      this.maskedInputs = this.cells.map((cell) => new Float64Array(timeSteps * capacity * cell.inputSize));
    }
    this.dY = new Float64Array(capacity * this.headSteps * this.spec.outputs);
    if (this.spec.perStep) {
      this.yBatchMajor = new Float64Array(capacity * this.headSteps * this.spec.outputs);
      this.dYTime = new Float64Array(capacity * this.headSteps * this.spec.outputs);
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
    const dropout = training && this.spec.dropout > 0;
    let inputs: Float64Array = xTime;
    let inputsOffset = 0;
    for (let l = 0; l < this.cells.length; l++) {
      const cell = this.cells[l]!;
      if (dropout) {
        const rowSize = batch * cell.inputSize;
        drawDropoutMaskInPlace(this.masks[l]!, rowSize, this.spec.dropout, this.random);
        applyMask(this.maskedInputs[l]!, 0, inputs, inputsOffset, this.masks[l]!, rowSize, timeSteps);
        inputs = this.maskedInputs[l]!;
        inputsOffset = 0;
      }
      cell.forward(inputs, inputsOffset, batch);
      inputs = cell.hs;
      inputsOffset = batch * cell.units; // outputs start after the initial state in slot 0
    }
    const last = this.cells[this.cells.length - 1]!;
    if (this.spec.perStep) {
      // Every step's h (slots 1..timeSteps) → [timeSteps, batch, outputs], then batch-major.
      this.head.forward(last.hs, batch * last.units, timeSteps * batch);
      transposeSteps(this.head.ys, this.yBatchMajor, timeSteps, batch, this.spec.outputs);
    } else {
      this.head.forward(last.hs, timeSteps * batch * last.units, batch);
    }
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
    this.forward(x, batch, true);
    const value = lossAndGradient(loss, this.predictions(), y, batch * this.headSteps, this.spec.outputs, this.dY, weights);
    this.backward(batch);
    return value;
  }

  private backward(batch: number): void {
    const { timeSteps } = this.spec;
    const dropout = this.spec.dropout > 0;
    this.grads.fill(0);
    const top = this.cells.length - 1;
    const last = this.cells[top]!;
    if (this.spec.perStep) {
      // Every time step of the top layer feeds the head.
      transposeSteps(this.dY, this.dYTime, batch, timeSteps, this.spec.outputs);
      this.head.backward(last.hs, batch * last.units, this.dYTime, timeSteps * batch, this.dOutputs[top]!, 0);
    } else {
      // Only the last time step of the top layer feeds the head.
      const lastStep = (timeSteps - 1) * batch * last.units;
      this.dOutputs[top]!.fill(0, 0, lastStep);
      this.head.backward(last.hs, timeSteps * batch * last.units, this.dY, batch, this.dOutputs[top]!, lastStep);
    }
    for (let l = top; l >= 0; l--) {
      const cell = this.cells[l]!;
      const below = l > 0 ? this.cells[l - 1]! : null;
      const inputs = dropout ? this.maskedInputs[l]! : below ? below.hs : this.xTime;
      const inputsOffset = dropout || !below ? 0 : batch * below.units;
      // dInputs of this layer are dOutputs of the one below (through its dropout mask).
      const dInputs = below ? this.dOutputs[l - 1]! : null;
      cell.backward(inputs, inputsOffset, this.dOutputs[l]!, batch, dInputs);
      if (dInputs && dropout) applyMask(dInputs, 0, dInputs, 0, this.masks[l]!, batch * cell.inputSize, timeSteps);
    }
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

/** [a, b, width] → [b, a, width]. */
function transposeSteps(from: Float64Array, to: Float64Array, a: number, b: number, width: number): void {
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < b; j++) {
      const src = (i * b + j) * width;
      const dst = (j * a + i) * width;
      for (let k = 0; k < width; k++) to[dst + k] = from[src + k]!;
    }
  }
}

function createCell(spec: NetworkSpec, shape: CellShape, params: CellParams): RecurrentCell {
  switch (spec.cell) {
    case 'lstm':
      return new LstmCell(shape, params, 1);
    case 'gru':
      return new GruCell(shape, params, 1);
    case 'rnn':
      return new SimpleRnnCell(shape, params, 1);
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
