// The LSTM cell as tfjs-layers computes it (recurrentActivation 'sigmoid', activation tanh):
//   a = x·W + hPrev·U + b                  a: [batch, 4u], gate order i, f, c, o (as tfjs-layers)
//   i = σ(a_i)  f = σ(a_f)  g = tanh(a_c)  o = σ(a_o)
//   c = f ⊙ cPrev + i ⊙ g
//   h = o ⊙ tanh(c)
import { addColumnSums, addMatMul, addMatMulTransposeA, addMatMulTransposeB, broadcastRows, sigmoid } from './linear-algebra.js';
import type { CellParams, CellShape, RecurrentCell } from './recurrent-cell.js';

export class LstmCell implements RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  readonly timeSteps: number;
  readonly states: Float64Array[] = [];
  hs = new Float64Array(0);
  /** Cell states, [timeSteps + 1, batch, u]; slot 0 is cPrev of the first step. */
  private cs = new Float64Array(0);
  /** Gate activations i, f, g, o of every step, [timeSteps, batch, 4u]. */
  private gates = new Float64Array(0);
  /** tanh(c) of every step, [timeSteps, batch, u]. */
  private tanhCs = new Float64Array(0);
  /** Gradient of the gate pre-activations at one step, [batch, 4u]. */
  private dGates = new Float64Array(0);
  /** dL/dh and dL/dc flowing back from step t + 1, [batch, u]. */
  private dhNext = new Float64Array(0);
  private dcNext = new Float64Array(0);
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
    const cPrev = this.states[1];
    this.states[0] = new Float64Array(capacity * u);
    this.states[1] = new Float64Array(capacity * u);
    if (hPrev) this.states[0].set(hPrev);
    if (cPrev) this.states[1].set(cPrev);
    this.hs = new Float64Array((steps + 1) * capacity * u);
    this.cs = new Float64Array((steps + 1) * capacity * u);
    this.gates = new Float64Array(steps * capacity * 4 * u);
    this.tanhCs = new Float64Array(steps * capacity * u);
    this.dGates = new Float64Array(capacity * 4 * u);
    this.dhNext = new Float64Array(capacity * u);
    this.dcNext = new Float64Array(capacity * u);
    this.capacity = capacity;
  }

  forward(inputs: Float64Array, inputsOffset: number, batch: number): void {
    const { kernel, recurrentKernel, bias } = this.params;
    const { hs, cs, gates, tanhCs } = this;
    const u = this.units;
    const g4 = 4 * u;
    const n = this.inputSize;
    const stateSize = batch * u;
    for (let k = 0; k < stateSize; k++) {
      hs[k] = this.states[0]![k]!;
      cs[k] = this.states[1]![k]!;
    }
    for (let t = 0; t < this.timeSteps; t++) {
      const xOff = inputsOffset + t * batch * n;
      const prevOff = t * stateSize;
      const nextOff = prevOff + stateSize;
      const gOff = t * batch * g4;
      // a = b + x·W + hPrev·U
      broadcastRows(gates, gOff, g4, bias, 0, batch, g4);
      addMatMul(gates, gOff, g4, inputs, xOff, n, kernel, 0, g4, batch, n, g4);
      addMatMul(gates, gOff, g4, hs, prevOff, u, recurrentKernel, 0, g4, batch, u, g4);
      for (let b = 0; b < batch; b++) {
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
    for (let k = 0; k < stateSize; k++) {
      this.states[0]![k] = hs[lastOff + k]!;
      this.states[1]![k] = cs[lastOff + k]!;
    }
  }

  backward(inputs: Float64Array, inputsOffset: number, dOutputs: Float64Array, batch: number, dInputs: Float64Array | null): void {
    const { kernel, recurrentKernel, dKernel, dRecurrentKernel, dBias } = this.params;
    const { hs, cs, gates, tanhCs, dGates, dhNext, dcNext } = this;
    const u = this.units;
    const g4 = 4 * u;
    const n = this.inputSize;
    const stateSize = batch * u;
    dhNext.fill(0, 0, stateSize);
    dcNext.fill(0, 0, stateSize);
    for (let t = this.timeSteps - 1; t >= 0; t--) {
      const xOff = inputsOffset + t * batch * n;
      const prevOff = t * stateSize;
      const gOff = t * batch * g4;
      for (let b = 0; b < batch; b++) {
        const row = gOff + b * g4;
        const dRow = b * g4;
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
          dGates[dRow + k] = dc * g * i * (1 - i);
          dGates[dRow + u + k] = dc * cs[prevOff + s]! * f * (1 - f);
          dGates[dRow + 2 * u + k] = dc * i * (1 - g * g);
          dGates[dRow + 3 * u + k] = dh * tanhC * o * (1 - o);
          dcNext[s] = dc * f;
        }
      }
      // dW += xᵀ·dA, dU += hPrevᵀ·dA, db += Σ_batch dA
      addMatMulTransposeA(dKernel, 0, g4, inputs, xOff, n, dGates, 0, g4, batch, n, g4);
      addMatMulTransposeA(dRecurrentKernel, 0, g4, hs, prevOff, u, dGates, 0, g4, batch, u, g4);
      addColumnSums(dBias, 0, dGates, 0, g4, batch, g4);
      // dhPrev = dA·Uᵀ, dx = dA·Wᵀ
      dhNext.fill(0, 0, stateSize);
      addMatMulTransposeB(dhNext, 0, u, dGates, 0, g4, recurrentKernel, 0, g4, batch, u, g4);
      if (dInputs) {
        dInputs.fill(0, t * batch * n, (t + 1) * batch * n);
        addMatMulTransposeB(dInputs, t * batch * n, n, dGates, 0, g4, kernel, 0, g4, batch, n, g4);
      }
    }
  }
}
