// The linear Dense head: y = h·K + b, K: [units, outputs], b: [outputs].
import { addColumnSums, addMatMul, addMatMulTransposeA, addMatMulTransposeB, broadcastRows } from './linear-algebra.js';

export interface DenseParams {
  kernel: Float64Array;
  bias: Float64Array;
  dKernel: Float64Array;
  dBias: Float64Array;
}

export class DenseHead {
  /** The last forward pass' outputs, [batch, outputs]. */
  ys = new Float64Array(0);
  private capacity = 0;

  constructor(readonly units: number, readonly outputs: number, private readonly params: DenseParams, capacity: number) {
    this.reserve(capacity);
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.ys = new Float64Array(capacity * this.outputs);
    this.capacity = capacity;
  }

  /** h: [batch, units] starting at hOffset; fills this.ys. */
  forward(h: Float64Array, hOffset: number, batch: number): void {
    const { kernel, bias } = this.params;
    broadcastRows(this.ys, 0, this.outputs, bias, 0, batch, this.outputs);
    addMatMul(this.ys, 0, this.outputs, h, hOffset, this.units, kernel, 0, this.outputs, batch, this.units, this.outputs);
  }

  /** dK += hᵀ·dY, db += Σ_batch dY, and dh = dY·Kᵀ written into dh at dhOffset. */
  backward(h: Float64Array, hOffset: number, dY: Float64Array, batch: number, dh: Float64Array, dhOffset: number): void {
    const { kernel, dKernel, dBias } = this.params;
    const { units, outputs } = this;
    addMatMulTransposeA(dKernel, 0, outputs, h, hOffset, units, dY, 0, outputs, batch, units, outputs);
    addColumnSums(dBias, 0, dY, 0, outputs, batch, outputs);
    dh.fill(0, dhOffset, dhOffset + batch * units);
    addMatMulTransposeB(dh, dhOffset, units, dY, 0, outputs, kernel, 0, outputs, batch, units, outputs);
  }
}
