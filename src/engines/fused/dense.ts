// The linear Dense head: y = h·K + b, K: [units, outputs], b: [outputs].
import type { Arena } from './arena.js';
import type { Kernels } from './linear-algebra.js';
import { shareStart } from './parts.js';
import type { GradientPart, RowRange } from './recurrent-cell.js';

export interface DenseParams {
  kernel: Float64Array;
  bias: Float64Array;
  dKernel: Float64Array;
  dBias: Float64Array;
}

export class DenseHead {
  /** The last forward pass' outputs, [batch, outputs]. */
  ys: Float64Array = new Float64Array(0);
  private capacity = 0;
  private readonly kernels: Kernels;

  constructor(readonly units: number, readonly outputs: number, private readonly params: DenseParams, private readonly arena: Arena) {
    this.kernels = arena.kernels;
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.ys = this.arena.alloc(capacity * this.outputs);
    this.capacity = capacity;
  }

  /** h: [batch, units] starting at hOffset; fills rows [r0, r1) of this.ys. */
  forward(h: Float64Array, hOffset: number, { r0, r1 }: RowRange): void {
    const { kernel, bias } = this.params;
    const { units, outputs } = this;
    this.kernels.broadcastRows(this.ys, r0 * outputs, outputs, bias, 0, r1 - r0, outputs);
    this.kernels.addMatMul(this.ys, r0 * outputs, outputs, h, hOffset + r0 * units, units, kernel, 0, outputs, r1 - r0, units, outputs);
  }

  /** dh = dY·Kᵀ for rows [r0, r1), written into dh at dhOffset (where row 0 goes). */
  backward(dY: Float64Array, dh: Float64Array, dhOffset: number, { r0, r1 }: RowRange): void {
    const { units, outputs } = this;
    const start = dhOffset + r0 * units;
    dh.fill(0, start, start + (r1 - r0) * units);
    this.kernels.addMatMulTransposeB(dh, start, units, dY, r0 * outputs, outputs, this.params.kernel, 0, outputs, r1 - r0, units, outputs);
  }

  /** dK += hᵀ·dY, db += Σ_batch dY, for part of K's rows and of b. */
  accumulateGradients(h: Float64Array, hOffset: number, dY: Float64Array, batch: number, part: GradientPart): void {
    const { dKernel, dBias } = this.params;
    const { units, outputs } = this;
    const kStart = shareStart(units, part.part, part.parts);
    const kEnd = shareStart(units, part.part + 1, part.parts);
    const bStart = shareStart(outputs, part.part, part.parts);
    const bEnd = shareStart(outputs, part.part + 1, part.parts);
    this.kernels.addMatMulTransposeA(dKernel, kStart * outputs, outputs, h, hOffset + kStart, units, dY, 0, outputs, batch, kEnd - kStart, outputs);
    this.kernels.addColumnSums(dBias, bStart, dY, bStart, outputs, batch, bEnd - bStart);
  }
}
