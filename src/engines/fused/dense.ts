// The Dense head: y = act(h·K + b), K: [units, outputs], b: [outputs], act linear, sigmoid or
// softmax (over each row's outputs). A per-step network runs it over every time step's rows.
import type { HeadKind } from '../types.js';
import { addColumnSums, addMatMul, addMatMulTransposeA, addMatMulTransposeB, broadcastRows } from './linear-algebra.js';

export interface DenseParams {
  kernel: Float64Array;
  bias: Float64Array;
  dKernel: Float64Array;
  dBias: Float64Array;
}

export class DenseHead {
  /** The last forward pass' outputs (after the activation), [rows, outputs]. */
  ys = new Float64Array(0);
  /** dLoss/d(pre-activation) of the last backward pass, [rows, outputs] (non-linear heads). */
  private dA = new Float64Array(0);
  private capacity = 0;

  constructor(
    readonly units: number,
    readonly outputs: number,
    private readonly params: DenseParams,
    capacity: number,
    readonly activation: HeadKind = 'linear',
  ) {
    this.reserve(capacity);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.ys = new Float64Array(capacity * this.outputs);
    if (this.activation !== 'linear') this.dA = new Float64Array(capacity * this.outputs);
    this.capacity = capacity;
  }

  /** h: [rows, units] starting at hOffset; fills this.ys. */
  forward(h: Float64Array, hOffset: number, rows: number): void {
    const { kernel, bias } = this.params;
    broadcastRows(this.ys, 0, this.outputs, bias, 0, rows, this.outputs);
    addMatMul(this.ys, 0, this.outputs, h, hOffset, this.units, kernel, 0, this.outputs, rows, this.units, this.outputs);
    if (this.activation === 'sigmoid') sigmoidInPlace(this.ys, rows * this.outputs);
    else if (this.activation === 'softmax') softmaxRowsInPlace(this.ys, rows, this.outputs);
  }

  /**
   * dY: dLoss/d(outputs after the activation), [rows, outputs]. dK += hᵀ·dA, db += Σ_rows dA,
   * and dh = dA·Kᵀ written into dh at dhOffset, where dA is dY through the activation.
   */
  backward(h: Float64Array, hOffset: number, dY: Float64Array, rows: number, dh: Float64Array, dhOffset: number): void {
    const { kernel, dKernel, dBias } = this.params;
    const { units, outputs, ys } = this;
    let dA = dY;
    if (this.activation === 'sigmoid') {
      // dy/da = y (1 - y)
      dA = this.dA;
      for (let k = 0; k < rows * outputs; k++) dA[k] = dY[k]! * ys[k]! * (1 - ys[k]!);
    } else if (this.activation === 'softmax') {
      // da_i = y_i (dy_i - Σ_j dy_j y_j), per row
      dA = this.dA;
      for (let r = 0; r < rows; r++) {
        const start = r * outputs;
        let dot = 0;
        for (let k = start; k < start + outputs; k++) dot += dY[k]! * ys[k]!;
        for (let k = start; k < start + outputs; k++) dA[k] = ys[k]! * (dY[k]! - dot);
      }
    }
    addMatMulTransposeA(dKernel, 0, outputs, h, hOffset, units, dA, 0, outputs, rows, units, outputs);
    addColumnSums(dBias, 0, dA, 0, outputs, rows, outputs);
    dh.fill(0, dhOffset, dhOffset + rows * units);
    addMatMulTransposeB(dh, dhOffset, units, dA, 0, outputs, kernel, 0, outputs, rows, units, outputs);
  }
}

function sigmoidInPlace(a: Float64Array, count: number): void {
  for (let k = 0; k < count; k++) a[k] = 1 / (1 + Math.exp(-a[k]!));
}

/** Softmax of each row, shifted by the row's maximum so exp cannot overflow. */
function softmaxRowsInPlace(a: Float64Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const start = r * width;
    let max = -Infinity;
    for (let k = start; k < start + width; k++) max = Math.max(max, a[k]!);
    let sum = 0;
    for (let k = start; k < start + width; k++) {
      a[k] = Math.exp(a[k]! - max);
      sum += a[k]!;
    }
    for (let k = start; k < start + width; k++) a[k] = a[k]! / sum;
  }
}
