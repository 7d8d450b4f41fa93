// The LSTM cell as tfjs-layers computes it (recurrentActivation 'sigmoid', activation tanh):
//   a = x·W + hPrev·U + b                  a: [batch, 4u], gate order i, f, c, o (as tfjs-layers)
//   i = σ(a_i)  f = σ(a_f)  g = tanh(a_c)  o = σ(a_o)
//   c = f ⊙ cPrev + i ⊙ g
//   h = o ⊙ tanh(c)
import type { Arena } from './arena.js';
import { gateKernelsFor, transposeInto, type Kernels } from './linear-algebra.js';
import { shareStart } from './parts.js';
import type { CellParams, CellShape, GradientPart, RecurrentCell, RowRange, StepAccumulation } from './recurrent-cell.js';
import { transposedRecurrentKernel } from './recurrent-cell.js';

export class LstmCell implements RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  readonly timeSteps: number;
  readonly states: Float64Array[] = [];
  hs: Float64Array = new Float64Array(0);
  /** Cell states, [timeSteps + 1, batch, u]; slot 0 is cPrev of the first step. */
  private cs: Float64Array = new Float64Array(0);
  /** Gate activations i, f, g, o of every step, [timeSteps, batch, 4u]. */
  private gates: Float64Array = new Float64Array(0);
  /** tanh(c) of every step, [timeSteps, batch, u]. */
  private tanhCs: Float64Array = new Float64Array(0);
  /** Gradient of the gate pre-activations at every step, [timeSteps, batch, 4u]. */
  private dGates: Float64Array = new Float64Array(0);
  /** dL/dh and dL/dc flowing back from step t + 1, [batch, u]. */
  private dhNext: Float64Array = new Float64Array(0);
  private dcNext: Float64Array = new Float64Array(0);
  private capacity = 0;
  private readonly kernels: Kernels;
  /** The recurrent kernel transposed, [4·units, units], or null (see PACK_FROM_UNITS). */
  private readonly recurrentKernelT: Float64Array | null;

  constructor(shape: CellShape, private readonly params: CellParams, private readonly arena: Arena) {
    this.units = shape.units;
    this.inputSize = shape.inputSize;
    this.timeSteps = shape.timeSteps;
    this.kernels = arena.kernels;
    this.recurrentKernelT = transposedRecurrentKernel(arena, shape.units, 4);
  }

  get preparesTraining(): boolean {
    return this.recurrentKernelT !== null;
  }

  prepareTraining(): void {
    if (this.recurrentKernelT) transposeInto(this.recurrentKernelT, this.params.recurrentKernel, this.units, 4 * this.units);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const u = this.units;
    const steps = this.timeSteps;
    const alloc = (n: number) => this.arena.alloc(n);
    const hPrev = this.states[0];
    const cPrev = this.states[1];
    this.states[0] = alloc(capacity * u);
    this.states[1] = alloc(capacity * u);
    if (hPrev) this.states[0].set(hPrev);
    if (cPrev) this.states[1].set(cPrev);
    this.hs = alloc((steps + 1) * capacity * u);
    this.cs = alloc((steps + 1) * capacity * u);
    this.gates = alloc(steps * capacity * 4 * u);
    this.tanhCs = alloc(steps * capacity * u);
    this.dGates = alloc(steps * capacity * 4 * u);
    this.dhNext = alloc(capacity * u);
    this.dcNext = alloc(capacity * u);
    this.capacity = capacity;
  }

  forward(inputs: Float64Array, inputsOffset: number, batch: number, { r0, r1 }: RowRange): void {
    const { kernel, recurrentKernel, bias } = this.params;
    const { hs, cs, gates, tanhCs, kernels } = this;
    const u = this.units;
    const g4 = 4 * u;
    const n = this.inputSize;
    const rows = r1 - r0;
    const gateKernels = gateKernelsFor(kernels, rows, u);
    const stateSize = batch * u;
    for (let k = r0 * u; k < r1 * u; k++) {
      hs[k] = this.states[0]![k]!;
      cs[k] = this.states[1]![k]!;
    }
    for (let t = 0; t < this.timeSteps; t++) {
      const xOff = inputsOffset + t * batch * n + r0 * n;
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      const gOff = t * batch * g4;
      const gRows = gOff + r0 * g4;
      // a = b + x·W + hPrev·U
      kernels.gatePreactivations(gates, gRows, g4, bias, 0, inputs, xOff, n, kernel, 0, g4, n, hs, prevOff + r0 * u, u, recurrentKernel, 0, g4, u, rows, g4);
      gateKernels.lstmGates(gates, gRows, cs, prevOff + r0 * u, nextOff + r0 * u, tanhCs, prevOff + r0 * u, hs, rows, u);
    }
    const lastOff = this.timeSteps * stateSize;
    for (let k = r0 * u; k < r1 * u; k++) {
      this.states[0]![k] = hs[lastOff + k]!;
      this.states[1]![k] = cs[lastOff + k]!;
    }
  }

  backward(dOutputs: Float64Array, batch: number, dInputs: Float64Array | null, { r0, r1 }: RowRange, accumulate: StepAccumulation): void {
    const { kernel, recurrentKernel } = this.params;
    const { recurrentKernelT } = this;
    const { cs, gates, tanhCs, dGates, dhNext, dcNext, kernels } = this;
    const u = this.units;
    const g4 = 4 * u;
    const n = this.inputSize;
    const rows = r1 - r0;
    const gateKernels = gateKernelsFor(kernels, rows, u);
    const stateSize = batch * u;
    dhNext.fill(0, r0 * u, r1 * u);
    dcNext.fill(0, r0 * u, r1 * u);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const prevOff = t * stateSize;
      const gOff = t * batch * g4;
      const gRows = gOff + r0 * g4;
      gateKernels.lstmGateGradients(gates, gRows, cs, tanhCs, prevOff + r0 * u, dOutputs, dhNext, dcNext, r0 * u, dGates, rows, u);
      // dhPrev = dA·Uᵀ, dx = dA·Wᵀ
      dhNext.fill(0, r0 * u, r1 * u);
      kernels.addMatMulTransposeBPacked(dhNext, r0 * u, u, dGates, gRows, g4, recurrentKernel, 0, g4, recurrentKernelT, 0, u, rows, u, g4);
      if (dInputs) {
        const dxOff = t * batch * n + r0 * n;
        dInputs.fill(0, dxOff, dxOff + rows * n);
        kernels.addMatMulTransposeB(dInputs, dxOff, n, dGates, gRows, g4, kernel, 0, g4, rows, n, g4);
      }
      accumulate.stepDone();
      this.accumulateStep(accumulate.inputs, accumulate.inputsOffset, batch, t, accumulate.part);
    }
  }

  accumulateStep(inputs: Float64Array, inputsOffset: number, batch: number, t: number, part: GradientPart): void {
    const { dKernel, dRecurrentKernel, dBias } = this.params;
    const { hs, dGates, kernels } = this;
    const u = this.units;
    const g4 = 4 * u;
    const n = this.inputSize;
    const wStart = shareStart(n, part.part, part.parts);
    const wEnd = shareStart(n, part.part + 1, part.parts);
    const recStart = shareStart(u, part.part, part.parts);
    const recEnd = shareStart(u, part.part + 1, part.parts);
    const bStart = shareStart(g4, part.part, part.parts);
    const bEnd = shareStart(g4, part.part + 1, part.parts);
    const xOff = inputsOffset + t * batch * n;
    const prevOff = t * batch * u;
    const gOff = t * batch * g4;
    // dW += xᵀ·dA, dU += hPrevᵀ·dA, db += Σ_batch dA
    kernels.addMatMulTransposeA(dKernel, wStart * g4, g4, inputs, xOff + wStart, n, dGates, gOff, g4, batch, wEnd - wStart, g4);
    kernels.addMatMulTransposeA(dRecurrentKernel, recStart * g4, g4, hs, prevOff + recStart, u, dGates, gOff, g4, batch, recEnd - recStart, g4);
    kernels.addColumnSums(dBias, bStart, dGates, gOff + bStart, g4, batch, bEnd - bStart);
  }
}
