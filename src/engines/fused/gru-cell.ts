// The GRU cell as tfjs-layers computes it (resetAfter false, recurrentActivation 'sigmoid',
// activation tanh, bias on the input side only):
//   xa = x·W + b                               [batch, 3u], gate order z, r, h (as tfjs-layers)
//   z = σ(xa_z + hPrev·U_z)    r = σ(xa_r + hPrev·U_r)
//   hh = tanh(xa_h + (r ⊙ hPrev)·U_h)          the reset gate acts before U_h
//   h = z ⊙ hPrev + (1 - z) ⊙ hh
import type { Arena } from './arena.js';
import { gateKernelsFor, transposeInto, type Kernels } from './linear-algebra.js';
import { shareStart } from './parts.js';
import type { CellParams, CellShape, GradientPart, RecurrentCell, RowRange, StepAccumulation } from './recurrent-cell.js';
import { transposedRecurrentKernel } from './recurrent-cell.js';

export class GruCell implements RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  readonly timeSteps: number;
  readonly states: Float64Array[] = [];
  hs: Float64Array = new Float64Array(0);
  /** Activations z, r, hh of every step, [timeSteps, batch, 3u]. */
  private gates: Float64Array = new Float64Array(0);
  /** r ⊙ hPrev of every step, [timeSteps, batch, u]. */
  private resetHs: Float64Array = new Float64Array(0);
  /** Gradient of the pre-activations (z, r, hh) at every step, [timeSteps, batch, 3u]. */
  private dGates: Float64Array = new Float64Array(0);
  /** dL/d(r ⊙ hPrev) at one step, [batch, u]. */
  private dResetH: Float64Array = new Float64Array(0);
  /** dL/dh flowing back from step t + 1, [batch, u]. */
  private dhNext: Float64Array = new Float64Array(0);
  private capacity = 0;
  private readonly kernels: Kernels;
  /** The recurrent kernel transposed, [3·units, units], or null (see PACK_FROM_UNITS). */
  private readonly recurrentKernelT: Float64Array | null;

  constructor(shape: CellShape, private readonly params: CellParams, private readonly arena: Arena) {
    this.units = shape.units;
    this.inputSize = shape.inputSize;
    this.timeSteps = shape.timeSteps;
    this.kernels = arena.kernels;
    this.recurrentKernelT = transposedRecurrentKernel(arena, shape.units, 3);
  }

  get preparesTraining(): boolean {
    return this.recurrentKernelT !== null;
  }

  prepareTraining(): void {
    if (this.recurrentKernelT) transposeInto(this.recurrentKernelT, this.params.recurrentKernel, this.units, 3 * this.units);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const u = this.units;
    const steps = this.timeSteps;
    const alloc = (n: number) => this.arena.alloc(n);
    const hPrev = this.states[0];
    this.states[0] = alloc(capacity * u);
    if (hPrev) this.states[0].set(hPrev);
    this.hs = alloc((steps + 1) * capacity * u);
    this.gates = alloc(steps * capacity * 3 * u);
    this.resetHs = alloc(steps * capacity * u);
    this.dGates = alloc(steps * capacity * 3 * u);
    this.dResetH = alloc(capacity * u);
    this.dhNext = alloc(capacity * u);
    this.capacity = capacity;
  }

  forward(inputs: Float64Array, inputsOffset: number, batch: number, { r0, r1 }: RowRange): void {
    const { kernel, recurrentKernel, bias } = this.params;
    const { hs, gates, resetHs, kernels } = this;
    const u = this.units;
    const g3 = 3 * u;
    const n = this.inputSize;
    const rows = r1 - r0;
    const gateKernels = gateKernelsFor(kernels, rows, u);
    const stateSize = batch * u;
    const h0 = this.states[0]!;
    for (let k = r0 * u; k < r1 * u; k++) hs[k] = h0[k]!;
    for (let t = 0; t < this.timeSteps; t++) {
      const xOff = inputsOffset + t * batch * n + r0 * n;
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      const gOff = t * batch * g3;
      const gRows = gOff + r0 * g3;
      // [z, r, hh] pre-activations = b + x·W, then z and r also get hPrev·U_zr
      kernels.gatePreactivations(gates, gRows, g3, bias, 0, inputs, xOff, n, kernel, 0, g3, n, hs, prevOff + r0 * u, u, recurrentKernel, 0, g3, u, rows, 2 * u);
      kernels.gatePreactivations(gates, gRows + 2 * u, g3, bias, 2 * u, inputs, xOff, n, kernel, 2 * u, g3, n, hs, 0, u, recurrentKernel, 0, g3, 0, rows, u);
      gateKernels.gruUpdateResetGates(gates, gRows, hs, prevOff + r0 * u, resetHs, prevOff + r0 * u, rows, u);
      // hh pre-activation += (r ⊙ hPrev)·U_h
      kernels.addMatMul(gates, gRows + 2 * u, g3, resetHs, prevOff + r0 * u, u, recurrentKernel, 2 * u, g3, rows, u, u);
      gateKernels.gruCandidate(gates, gRows, hs, prevOff + r0 * u, hs, nextOff + r0 * u, rows, u);
    }
    const lastOff = this.timeSteps * stateSize;
    for (let k = r0 * u; k < r1 * u; k++) h0[k] = hs[lastOff + k]!;
  }

  backward(dOutputs: Float64Array, batch: number, dInputs: Float64Array | null, { r0, r1 }: RowRange, accumulate: StepAccumulation): void {
    const { kernel, recurrentKernel } = this.params;
    const { recurrentKernelT } = this;
    const { hs, gates, dGates, dResetH, dhNext, kernels } = this;
    const u = this.units;
    const g3 = 3 * u;
    const n = this.inputSize;
    const rows = r1 - r0;
    const gateKernels = gateKernelsFor(kernels, rows, u);
    const stateSize = batch * u;
    dhNext.fill(0, r0 * u, r1 * u);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const prevOff = t * stateSize;
      const gOff = t * batch * g3;
      const gRows = gOff + r0 * g3;
      gateKernels.gruUpdateCandidateGradients(gates, gRows, hs, prevOff + r0 * u, dOutputs, prevOff + r0 * u, dhNext, r0 * u, dGates, rows, u);
      // d(r ⊙ hPrev) = dA_h·U_hᵀ, then split between r and hPrev
      dResetH.fill(0, r0 * u, r1 * u);
      kernels.addMatMulTransposeBPacked(dResetH, r0 * u, u, dGates, gRows + 2 * u, g3, recurrentKernel, 2 * u, g3, recurrentKernelT, 2 * u * u, u, rows, u, u);
      gateKernels.gruResetGradients(gates, gRows, hs, prevOff + r0 * u, dResetH, dhNext, r0 * u, dGates, rows, u);
      // dhPrev += dA_zr·U_zrᵀ, dx = dA·Wᵀ
      kernels.addMatMulTransposeBPacked(dhNext, r0 * u, u, dGates, gRows, g3, recurrentKernel, 0, g3, recurrentKernelT, 0, u, rows, u, 2 * u);
      if (dInputs) {
        const dxOff = t * batch * n + r0 * n;
        dInputs.fill(0, dxOff, dxOff + rows * n);
        kernels.addMatMulTransposeB(dInputs, dxOff, n, dGates, gRows, g3, kernel, 0, g3, rows, n, g3);
      }
      accumulate.stepDone();
      this.accumulateStep(accumulate.inputs, accumulate.inputsOffset, batch, t, accumulate.part);
    }
  }

  accumulateStep(inputs: Float64Array, inputsOffset: number, batch: number, t: number, part: GradientPart): void {
    const { dKernel, dRecurrentKernel, dBias } = this.params;
    const { hs, resetHs, dGates, kernels } = this;
    const u = this.units;
    const g3 = 3 * u;
    const n = this.inputSize;
    const wStart = shareStart(n, part.part, part.parts);
    const wEnd = shareStart(n, part.part + 1, part.parts);
    const recStart = shareStart(u, part.part, part.parts);
    const recEnd = shareStart(u, part.part + 1, part.parts);
    const bStart = shareStart(g3, part.part, part.parts);
    const bEnd = shareStart(g3, part.part + 1, part.parts);
    const xOff = inputsOffset + t * batch * n;
    const prevOff = t * batch * u;
    const gOff = t * batch * g3;
    // dW += xᵀ·dA, db += Σ_batch dA, dU_zr += hPrevᵀ·dA_zr, dU_h += (r ⊙ hPrev)ᵀ·dA_h
    kernels.addMatMulTransposeA(dKernel, wStart * g3, g3, inputs, xOff + wStart, n, dGates, gOff, g3, batch, wEnd - wStart, g3);
    kernels.addColumnSums(dBias, bStart, dGates, gOff + bStart, g3, batch, bEnd - bStart);
    kernels.addMatMulTransposeA(dRecurrentKernel, recStart * g3, g3, hs, prevOff + recStart, u, dGates, gOff, g3, batch, recEnd - recStart, 2 * u);
    kernels.addMatMulTransposeA(dRecurrentKernel, recStart * g3 + 2 * u, g3, resetHs, prevOff + recStart, u, dGates, gOff + 2 * u, g3, batch, recEnd - recStart, u);
  }
}
