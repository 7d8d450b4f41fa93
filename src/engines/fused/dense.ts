// The Dense head: y = act(h·K + b), K: [units, outputs], b: [outputs], act linear, sigmoid or
// softmax (over each row's outputs). A per-step network runs it over every time step's rows.
// Rows never mix except in dK and db, so forward and backward take a range of rows and the
// parameter gradients are summed in a separate phase (see recurrent-cell.ts).
import type { HeadKind } from '../types.js';
import type { Arena } from './arena.js';
import type { Kernels } from './linear-algebra.js';
import { shareStart } from './parts.js';
import type { GradientPart } from './recurrent-cell.js';

export interface DenseParams {
  kernel: Float64Array;
  bias: Float64Array;
  dKernel: Float64Array;
  dBias: Float64Array;
}

export class DenseHead {
  /** The last forward pass' outputs (after the activation), [rows, outputs]. */
  ys: Float64Array = new Float64Array(0);
  /** dLoss/d(pre-activation) of the last backward pass, [rows, outputs]. */
  private dA: Float64Array = new Float64Array(0);
  private capacity = 0;
  private readonly kernels: Kernels;

  constructor(
    readonly units: number,
    readonly outputs: number,
    private readonly params: DenseParams,
    private readonly arena: Arena,
    readonly activation: HeadKind = 'linear',
  ) {
    this.kernels = arena.kernels;
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.ys = this.arena.alloc(capacity * this.outputs);
    this.dA = this.arena.alloc(capacity * this.outputs);
    this.capacity = capacity;
  }

  /** h: `rows` rows of [units] starting at hOffset; fills `rows` rows of this.ys from row `at`. */
  forward(h: Float64Array, hOffset: number, at: number, rows: number): void {
    const { kernel, bias } = this.params;
    const { outputs, ys } = this;
    const yOff = at * outputs;
    this.kernels.broadcastRows(ys, yOff, outputs, bias, 0, rows, outputs);
    this.kernels.addMatMul(ys, yOff, outputs, h, hOffset, this.units, kernel, 0, outputs, rows, this.units, outputs);
    if (this.activation === 'sigmoid') {
      for (let k = yOff; k < yOff + rows * outputs; k++) ys[k] = 1 / (1 + Math.exp(-ys[k]!));
    } else if (this.activation === 'softmax') {
      softmaxRowsInPlace(ys, at, rows, outputs);
    }
  }

  /**
   * dY: dLoss/d(outputs after the activation), [rows, outputs], for `rows` rows from row `at`.
   * Keeps dA, dY through the activation, for accumulateGradients, and writes dh = dA·Kᵀ into dh
   * at dhOffset (where row `at` goes).
   */
  backward(dY: Float64Array, at: number, rows: number, dh: Float64Array, dhOffset: number): void {
    const { units, outputs, ys, dA } = this;
    const start = at * outputs;
    const end = start + rows * outputs;
    if (this.activation === 'sigmoid') {
      // dy/da = y (1 - y)
      for (let k = start; k < end; k++) dA[k] = dY[k]! * ys[k]! * (1 - ys[k]!);
    } else if (this.activation === 'softmax') {
      // da_i = y_i (dy_i - Σ_j dy_j y_j), per row
      for (let r = start; r < end; r += outputs) {
        let dot = 0;
        for (let k = r; k < r + outputs; k++) dot += dY[k]! * ys[k]!;
        for (let k = r; k < r + outputs; k++) dA[k] = ys[k]! * (dY[k]! - dot);
      }
    } else {
      for (let k = start; k < end; k++) dA[k] = dY[k]!;
    }
    dh.fill(0, dhOffset, dhOffset + rows * units);
    this.kernels.addMatMulTransposeB(dh, dhOffset, units, dA, start, outputs, this.params.kernel, 0, outputs, rows, units, outputs);
  }

  /** dK += hᵀ·dA, db += Σ_rows dA over all `rows` rows, for part of K's rows and of b. */
  accumulateGradients(h: Float64Array, hOffset: number, rows: number, part: GradientPart): void {
    const { dKernel, dBias } = this.params;
    const { units, outputs, dA } = this;
    const kStart = shareStart(units, part.part, part.parts);
    const kEnd = shareStart(units, part.part + 1, part.parts);
    const bStart = shareStart(outputs, part.part, part.parts);
    const bEnd = shareStart(outputs, part.part + 1, part.parts);
    this.kernels.addMatMulTransposeA(dKernel, kStart * outputs, outputs, h, hOffset + kStart, units, dA, 0, outputs, rows, kEnd - kStart, outputs);
    this.kernels.addColumnSums(dBias, bStart, dA, bStart, outputs, rows, bEnd - bStart);
  }
}

/** Softmax of rows [at, at + rows), shifted by each row's maximum so exp cannot overflow. */
function softmaxRowsInPlace(a: Float64Array, at: number, rows: number, width: number): void {
  for (let r = at; r < at + rows; r++) {
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
