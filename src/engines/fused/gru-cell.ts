// The GRU cell as tfjs-layers computes it (resetAfter false, recurrentActivation 'sigmoid',
// activation tanh, bias on the input side only):
//   xa = x·W + b                               [batch, 3u], gate order z, r, h (as tfjs-layers)
//   z = σ(xa_z + hPrev·U_z)    r = σ(xa_r + hPrev·U_r)
//   hh = tanh(xa_h + (r ⊙ hPrev)·U_h)          the reset gate acts before U_h
//   h = z ⊙ hPrev + (1 - z) ⊙ hh
import { addColumnSums, addMatMul, addMatMulTransposeA, addMatMulTransposeB, broadcastRows, sigmoid } from './linear-algebra.js';
import type { CellParams, CellShape, RecurrentCell } from './recurrent-cell.js';

export class GruCell implements RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  readonly timeSteps: number;
  readonly states: Float64Array[] = [];
  hs = new Float64Array(0);
  /** Activations z, r, hh of every step, [timeSteps, batch, 3u]. */
  private gates = new Float64Array(0);
  /** r ⊙ hPrev of every step, [timeSteps, batch, u]. */
  private resetHs = new Float64Array(0);
  /** Gradient of the pre-activations (z, r, hh) at one step, [batch, 3u]. */
  private dGates = new Float64Array(0);
  /** dL/d(r ⊙ hPrev) at one step, [batch, u]. */
  private dResetH = new Float64Array(0);
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
    const steps = this.timeSteps;
    const hPrev = this.states[0];
    this.states[0] = new Float64Array(capacity * u);
    if (hPrev) this.states[0].set(hPrev);
    this.hs = new Float64Array((steps + 1) * capacity * u);
    this.gates = new Float64Array(steps * capacity * 3 * u);
    this.resetHs = new Float64Array(steps * capacity * u);
    this.dGates = new Float64Array(capacity * 3 * u);
    this.dResetH = new Float64Array(capacity * u);
    this.dhNext = new Float64Array(capacity * u);
    this.capacity = capacity;
  }

  forward(inputs: Float64Array, inputsOffset: number, batch: number): void {
    const { kernel, recurrentKernel, bias } = this.params;
    const { hs, gates, resetHs } = this;
    const u = this.units;
    const g3 = 3 * u;
    const n = this.inputSize;
    const stateSize = batch * u;
    const h0 = this.states[0]!;
    for (let k = 0; k < stateSize; k++) hs[k] = h0[k]!;
    for (let t = 0; t < this.timeSteps; t++) {
      const xOff = inputsOffset + t * batch * n;
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      const gOff = t * batch * g3;
      // [z, r, hh] pre-activations = b + x·W, then z and r also get hPrev·U_zr
      broadcastRows(gates, gOff, g3, bias, 0, batch, g3);
      addMatMul(gates, gOff, g3, inputs, xOff, n, kernel, 0, g3, batch, n, g3);
      addMatMul(gates, gOff, g3, hs, prevOff, u, recurrentKernel, 0, g3, batch, u, 2 * u);
      for (let b = 0; b < batch; b++) {
        const row = gOff + b * g3;
        for (let k = 0; k < u; k++) {
          const z = sigmoid(gates[row + k]!);
          const r = sigmoid(gates[row + u + k]!);
          gates[row + k] = z;
          gates[row + u + k] = r;
          resetHs[prevOff + b * u + k] = r * hs[prevOff + b * u + k]!;
        }
      }
      // hh pre-activation += (r ⊙ hPrev)·U_h
      addMatMul(gates, gOff + 2 * u, g3, resetHs, prevOff, u, recurrentKernel, 2 * u, g3, batch, u, u);
      for (let b = 0; b < batch; b++) {
        const row = gOff + b * g3;
        for (let k = 0; k < u; k++) {
          const z = gates[row + k]!;
          const hh = Math.tanh(gates[row + 2 * u + k]!);
          gates[row + 2 * u + k] = hh;
          hs[nextOff + b * u + k] = z * hs[prevOff + b * u + k]! + (1 - z) * hh;
        }
      }
    }
    const lastOff = this.timeSteps * stateSize;
    for (let k = 0; k < stateSize; k++) h0[k] = hs[lastOff + k]!;
  }

  backward(inputs: Float64Array, inputsOffset: number, dOutputs: Float64Array, batch: number, dInputs: Float64Array | null): void {
    const { kernel, recurrentKernel, dKernel, dRecurrentKernel, dBias } = this.params;
    const { hs, gates, resetHs, dGates, dResetH, dhNext } = this;
    const u = this.units;
    const g3 = 3 * u;
    const n = this.inputSize;
    const stateSize = batch * u;
    dhNext.fill(0, 0, stateSize);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const xOff = inputsOffset + t * batch * n;
      const prevOff = t * stateSize;
      const gOff = t * batch * g3;
      for (let b = 0; b < batch; b++) {
        const row = gOff + b * g3;
        const dRow = b * g3;
        for (let k = 0; k < u; k++) {
          const s = b * u + k;
          const z = gates[row + k]!;
          const hh = gates[row + 2 * u + k]!;
          const hPrev = hs[prevOff + s]!;
          const dh = dOutputs[prevOff + s]! + dhNext[s]!;
          dGates[dRow + k] = dh * (hPrev - hh) * z * (1 - z);
          dGates[dRow + 2 * u + k] = dh * (1 - z) * (1 - hh * hh);
          // the direct path h = z ⊙ hPrev + ...
          dhNext[s] = dh * z;
        }
      }
      // d(r ⊙ hPrev) = dA_h·U_hᵀ, then split between r and hPrev
      dResetH.fill(0, 0, stateSize);
      addMatMulTransposeB(dResetH, 0, u, dGates, 2 * u, g3, recurrentKernel, 2 * u, g3, batch, u, u);
      for (let b = 0; b < batch; b++) {
        const row = gOff + b * g3;
        for (let k = 0; k < u; k++) {
          const s = b * u + k;
          const r = gates[row + u + k]!;
          dGates[b * g3 + u + k] = dResetH[s]! * hs[prevOff + s]! * r * (1 - r);
          dhNext[s] += dResetH[s]! * r;
        }
      }
      // dW += xᵀ·dA, db += Σ_batch dA, dU_zr += hPrevᵀ·dA_zr, dU_h += (r ⊙ hPrev)ᵀ·dA_h
      addMatMulTransposeA(dKernel, 0, g3, inputs, xOff, n, dGates, 0, g3, batch, n, g3);
      addColumnSums(dBias, 0, dGates, 0, g3, batch, g3);
      addMatMulTransposeA(dRecurrentKernel, 0, g3, hs, prevOff, u, dGates, 0, g3, batch, u, 2 * u);
      addMatMulTransposeA(dRecurrentKernel, 2 * u, g3, resetHs, prevOff, u, dGates, 2 * u, g3, batch, u, u);
      // dhPrev += dA_zr·U_zrᵀ, dx = dA·Wᵀ
      addMatMulTransposeB(dhNext, 0, u, dGates, 0, g3, recurrentKernel, 0, g3, batch, u, 2 * u);
      if (dInputs) {
        dInputs.fill(0, t * batch * n, (t + 1) * batch * n);
        addMatMulTransposeB(dInputs, t * batch * n, n, dGates, 0, g3, kernel, 0, g3, batch, n, g3);
      }
    }
  }
}
