// The SimpleRNN cell as tfjs-layers computes it (activation tanh):
//   h = tanh(x·W + b + hPrev·U)        W: [inputSize, u], U: [u, u], b: [u]
import type { Arena } from './arena.js';
import { transposeInto, type Kernels } from './linear-algebra.js';
import { shareStart } from './parts.js';
import type { CellParams, CellShape, GradientPart, RecurrentCell, RowRange, StepAccumulation } from './recurrent-cell.js';
import { transposedRecurrentKernel } from './recurrent-cell.js';

export class SimpleRnnCell implements RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  readonly timeSteps: number;
  readonly states: Float64Array[] = [];
  hs: Float64Array = new Float64Array(0);
  /** Gradient of the pre-activation at every step, [timeSteps, batch, u]. */
  private dA: Float64Array = new Float64Array(0);
  /** dL/dh flowing back from step t + 1, [batch, u]. */
  private dhNext: Float64Array = new Float64Array(0);
  private capacity = 0;
  private readonly kernels: Kernels;
  /** The recurrent kernel transposed, [1·units, units], or null (see PACK_FROM_UNITS). */
  private readonly recurrentKernelT: Float64Array | null;

  constructor(shape: CellShape, private readonly params: CellParams, private readonly arena: Arena) {
    this.units = shape.units;
    this.inputSize = shape.inputSize;
    this.timeSteps = shape.timeSteps;
    this.kernels = arena.kernels;
    this.recurrentKernelT = transposedRecurrentKernel(arena, shape.units, 1);
  }

  get preparesTraining(): boolean {
    return this.recurrentKernelT !== null;
  }

  prepareTraining(): void {
    if (this.recurrentKernelT) transposeInto(this.recurrentKernelT, this.params.recurrentKernel, this.units, 1 * this.units);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const u = this.units;
    const hPrev = this.states[0];
    this.states[0] = this.arena.alloc(capacity * u);
    if (hPrev) this.states[0].set(hPrev);
    this.hs = this.arena.alloc((this.timeSteps + 1) * capacity * u);
    this.dA = this.arena.alloc(this.timeSteps * capacity * u);
    this.dhNext = this.arena.alloc(capacity * u);
    this.capacity = capacity;
  }

  forward(inputs: Float64Array, inputsOffset: number, batch: number, { r0, r1 }: RowRange): void {
    const { kernel, recurrentKernel, bias } = this.params;
    const { hs, kernels } = this;
    const u = this.units;
    const n = this.inputSize;
    const rows = r1 - r0;
    const stateSize = batch * u;
    const h0 = this.states[0]!;
    for (let k = r0 * u; k < r1 * u; k++) hs[k] = h0[k]!;
    for (let t = 0; t < this.timeSteps; t++) {
      const prevOff = t * stateSize + r0 * u;
      const nextOff = prevOff + stateSize;
      // a = b + x·W + hPrev·U, written where h goes, then h = tanh(a)
      kernels.gatePreactivations(hs, nextOff, u, bias, 0, inputs, inputsOffset + t * batch * n + r0 * n, n, kernel, 0, u, n, hs, prevOff, u, recurrentKernel, 0, u, u, rows, u);
      for (let k = 0; k < rows * u; k++) hs[nextOff + k] = Math.tanh(hs[nextOff + k]!);
    }
    const lastOff = this.timeSteps * stateSize;
    for (let k = r0 * u; k < r1 * u; k++) h0[k] = hs[lastOff + k]!;
  }

  backward(dOutputs: Float64Array, batch: number, dInputs: Float64Array | null, { r0, r1 }: RowRange, accumulate: StepAccumulation): void {
    const { kernel, recurrentKernel } = this.params;
    const { recurrentKernelT } = this;
    const { hs, dA, dhNext, kernels } = this;
    const u = this.units;
    const n = this.inputSize;
    const rows = r1 - r0;
    const stateSize = batch * u;
    dhNext.fill(0, r0 * u, r1 * u);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      // dA = (dOut + dhNext) ⊙ (1 - h²)
      for (let s = r0 * u; s < r1 * u; s++) {
        const h = hs[nextOff + s]!;
        dA[prevOff + s] = (dOutputs[prevOff + s]! + dhNext[s]!) * (1 - h * h);
      }
      dhNext.fill(0, r0 * u, r1 * u);
      kernels.addMatMulTransposeBPacked(dhNext, r0 * u, u, dA, prevOff + r0 * u, u, recurrentKernel, 0, u, recurrentKernelT, 0, u, rows, u, u);
      if (dInputs) {
        const dxOff = t * batch * n + r0 * n;
        dInputs.fill(0, dxOff, dxOff + rows * n);
        kernels.addMatMulTransposeB(dInputs, dxOff, n, dA, prevOff + r0 * u, u, kernel, 0, u, rows, n, u);
      }
      accumulate.stepDone();
      this.accumulateStep(accumulate.inputs, accumulate.inputsOffset, batch, t, accumulate.part);
    }
  }

  accumulateStep(inputs: Float64Array, inputsOffset: number, batch: number, t: number, part: GradientPart): void {
    const { dKernel, dRecurrentKernel, dBias } = this.params;
    const { hs, dA, kernels } = this;
    const u = this.units;
    const n = this.inputSize;
    const wStart = shareStart(n, part.part, part.parts);
    const wEnd = shareStart(n, part.part + 1, part.parts);
    const recStart = shareStart(u, part.part, part.parts);
    const recEnd = shareStart(u, part.part + 1, part.parts);
    const bStart = shareStart(u, part.part, part.parts);
    const bEnd = shareStart(u, part.part + 1, part.parts);
    const xOff = inputsOffset + t * batch * n;
    const prevOff = t * batch * u;
    // dW += xᵀ·dA, dU += hPrevᵀ·dA, db += Σ_batch dA
    kernels.addMatMulTransposeA(dKernel, wStart * u, u, inputs, xOff + wStart, n, dA, prevOff, u, batch, wEnd - wStart, u);
    kernels.addMatMulTransposeA(dRecurrentKernel, recStart * u, u, hs, prevOff + recStart, u, dA, prevOff, u, batch, recEnd - recStart, u);
    kernels.addColumnSums(dBias, bStart, dA, prevOff + bStart, u, batch, bEnd - bStart);
  }
}
