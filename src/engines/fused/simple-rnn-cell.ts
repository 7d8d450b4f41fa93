// The SimpleRNN cell as tfjs-layers computes it (activation tanh):
//   h = tanh(x·W + b + hPrev·U)        W: [inputSize, u], U: [u, u], b: [u]
import { addColumnSums, addMatMul, addMatMulTransposeA, addMatMulTransposeB, broadcastRows } from './linear-algebra.js';
import type { CellParams, CellShape, RecurrentCell } from './recurrent-cell.js';

export class SimpleRnnCell implements RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  readonly timeSteps: number;
  readonly states: Float64Array[] = [];
  hs = new Float64Array(0);
  /** Gradient of the pre-activation at one step, [batch, u]. */
  private dA = new Float64Array(0);
  /** dL/dh flowing back from step t + 1, [batch, u]. */
  private dhNext = new Float64Array(0);
  private capacity = 0;

  constructor(shape: CellShape, private readonly params: CellParams, capacity: number) {
    this.units = shape.units;
    this.inputSize = shape.inputSize;
    this.timeSteps = shape.timeSteps;
    this.reserve(capacity);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const u = this.units;
    const hPrev = this.states[0];
    this.states[0] = new Float64Array(capacity * u);
    if (hPrev) this.states[0].set(hPrev);
    this.hs = new Float64Array((this.timeSteps + 1) * capacity * u);
    this.dA = new Float64Array(capacity * u);
    this.dhNext = new Float64Array(capacity * u);
    this.capacity = capacity;
  }

  forward(inputs: Float64Array, inputsOffset: number, batch: number): void {
    const { kernel, recurrentKernel, bias } = this.params;
    const hs = this.hs;
    const u = this.units;
    const n = this.inputSize;
    const stateSize = batch * u;
    const h0 = this.states[0]!;
    for (let k = 0; k < stateSize; k++) hs[k] = h0[k]!;
    for (let t = 0; t < this.timeSteps; t++) {
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      // a = b + x·W + hPrev·U, written where h goes, then h = tanh(a)
      broadcastRows(hs, nextOff, u, bias, 0, batch, u);
      addMatMul(hs, nextOff, u, inputs, inputsOffset + t * batch * n, n, kernel, 0, u, batch, n, u);
      addMatMul(hs, nextOff, u, hs, prevOff, u, recurrentKernel, 0, u, batch, u, u);
      for (let k = 0; k < stateSize; k++) hs[nextOff + k] = Math.tanh(hs[nextOff + k]!);
    }
    const lastOff = this.timeSteps * stateSize;
    for (let k = 0; k < stateSize; k++) h0[k] = hs[lastOff + k]!;
  }

  backward(inputs: Float64Array, inputsOffset: number, dOutputs: Float64Array, batch: number, dInputs: Float64Array | null): void {
    const { kernel, recurrentKernel, dKernel, dRecurrentKernel, dBias } = this.params;
    const { hs, dA, dhNext } = this;
    const u = this.units;
    const n = this.inputSize;
    const stateSize = batch * u;
    dhNext.fill(0, 0, stateSize);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const xOff = inputsOffset + t * batch * n;
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      // dA = (dOut + dhNext) ⊙ (1 - h²)
      for (let s = 0; s < stateSize; s++) {
        const h = hs[nextOff + s]!;
        dA[s] = (dOutputs[prevOff + s]! + dhNext[s]!) * (1 - h * h);
      }
      addMatMulTransposeA(dKernel, 0, u, inputs, xOff, n, dA, 0, u, batch, n, u);
      addMatMulTransposeA(dRecurrentKernel, 0, u, hs, prevOff, u, dA, 0, u, batch, u, u);
      addColumnSums(dBias, 0, dA, 0, u, batch, u);
      dhNext.fill(0, 0, stateSize);
      addMatMulTransposeB(dhNext, 0, u, dA, 0, u, recurrentKernel, 0, u, batch, u, u);
      if (dInputs) {
        dInputs.fill(0, t * batch * n, (t + 1) * batch * n);
        addMatMulTransposeB(dInputs, t * batch * n, n, dA, 0, u, kernel, 0, u, batch, n, u);
      }
    }
  }
}
