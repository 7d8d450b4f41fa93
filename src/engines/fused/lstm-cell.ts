// The LSTM cell as tfjs-layers computes it (recurrentActivation 'sigmoid', activation tanh):
//   a = x·W + hPrev·U + b                  a: [batch, 4u], gate order i, f, c, o (as tfjs-layers)
//   i = σ(a_i)  f = σ(a_f)  g = tanh(a_c)  o = σ(a_o)
//   c = f ⊙ cPrev + i ⊙ g
//   h = o ⊙ tanh(c)
import type { Arena } from './arena.js';
import { sigmoid, type Kernels } from './linear-algebra.js';
import { shareStart } from './parts.js';
import type { CellParams, CellShape, GradientPart, RecurrentCell, RowRange } from './recurrent-cell.js';

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

  constructor(shape: CellShape, private readonly params: CellParams, private readonly arena: Arena) {
    this.units = shape.units;
    this.inputSize = shape.inputSize;
    this.timeSteps = shape.timeSteps;
    this.kernels = arena.kernels;
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
      kernels.broadcastRows(gates, gRows, g4, bias, 0, rows, g4);
      kernels.addMatMul(gates, gRows, g4, inputs, xOff, n, kernel, 0, g4, rows, n, g4);
      kernels.addMatMul(gates, gRows, g4, hs, prevOff + r0 * u, u, recurrentKernel, 0, g4, rows, u, g4);
      for (let b = r0; b < r1; b++) {
        const row = gOff + b * g4;
        for (let k = 0; k < u; k++) {
          const i = sigmoid(gates[row + k]!);
          const f = sigmoid(gates[row + u + k]!);
          const g = Math.tanh(gates[row + 2 * u + k]!);
          const o = sigmoid(gates[row + 3 * u + k]!);
          gates[row + k] = i;
          gates[row + u + k] = f;
          gates[row + 2 * u + k] = g;
          gates[row + 3 * u + k] = o;
          const cNext = f * cs[prevOff + b * u + k]! + i * g;
          const tanhC = Math.tanh(cNext);
          cs[nextOff + b * u + k] = cNext;
          tanhCs[prevOff + b * u + k] = tanhC;
          hs[nextOff + b * u + k] = o * tanhC;
        }
      }
    }
    const lastOff = this.timeSteps * stateSize;
    for (let k = r0 * u; k < r1 * u; k++) {
      this.states[0]![k] = hs[lastOff + k]!;
      this.states[1]![k] = cs[lastOff + k]!;
    }
  }

  backward(dOutputs: Float64Array, batch: number, dInputs: Float64Array | null, { r0, r1 }: RowRange): void {
    const { kernel, recurrentKernel } = this.params;
    const { cs, gates, tanhCs, dGates, dhNext, dcNext, kernels } = this;
    const u = this.units;
    const g4 = 4 * u;
    const n = this.inputSize;
    const rows = r1 - r0;
    const stateSize = batch * u;
    dhNext.fill(0, r0 * u, r1 * u);
    dcNext.fill(0, r0 * u, r1 * u);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const prevOff = t * stateSize;
      const gOff = t * batch * g4;
      const gRows = gOff + r0 * g4;
      for (let b = r0; b < r1; b++) {
        const row = gOff + b * g4;
        for (let k = 0; k < u; k++) {
          const s = b * u + k;
          const i = gates[row + k]!;
          const f = gates[row + u + k]!;
          const g = gates[row + 2 * u + k]!;
          const o = gates[row + 3 * u + k]!;
          const tanhC = tanhCs[prevOff + s]!;
          const dh = dOutputs[prevOff + s]! + dhNext[s]!;
          // dc = dcNext + dh ⊙ o ⊙ (1 - tanh²c)
          const dc = dcNext[s]! + dh * o * (1 - tanhC * tanhC);
          dGates[row + k] = dc * g * i * (1 - i);
          dGates[row + u + k] = dc * cs[prevOff + s]! * f * (1 - f);
          dGates[row + 2 * u + k] = dc * i * (1 - g * g);
          dGates[row + 3 * u + k] = dh * tanhC * o * (1 - o);
          dcNext[s] = dc * f;
        }
      }
      // dhPrev = dA·Uᵀ, dx = dA·Wᵀ
      dhNext.fill(0, r0 * u, r1 * u);
      kernels.addMatMulTransposeB(dhNext, r0 * u, u, dGates, gRows, g4, recurrentKernel, 0, g4, rows, u, g4);
      if (dInputs) {
        const dxOff = t * batch * n + r0 * n;
        dInputs.fill(0, dxOff, dxOff + rows * n);
        kernels.addMatMulTransposeB(dInputs, dxOff, n, dGates, gRows, g4, kernel, 0, g4, rows, n, g4);
      }
    }
  }

  accumulateGradients(inputs: Float64Array, inputsOffset: number, batch: number, part: GradientPart): void {
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
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const xOff = inputsOffset + t * batch * n;
      const prevOff = t * batch * u;
      const gOff = t * batch * g4;
      // dW += xᵀ·dA, dU += hPrevᵀ·dA, db += Σ_batch dA
      kernels.addMatMulTransposeA(dKernel, wStart * g4, g4, inputs, xOff + wStart, n, dGates, gOff, g4, batch, wEnd - wStart, g4);
      kernels.addMatMulTransposeA(dRecurrentKernel, recStart * g4, g4, hs, prevOff + recStart, u, dGates, gOff, g4, batch, recEnd - recStart, g4);
      kernels.addColumnSums(dBias, bStart, dGates, gOff + bStart, g4, batch, bEnd - bStart);
    }
  }
}
