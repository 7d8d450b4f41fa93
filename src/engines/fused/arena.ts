// Where a fused network keeps every buffer: one shared WebAssembly memory, so the SIMD kernels
// work on the buffers in place (no copy per step) and worker threads can train on the same
// parameters. Buffers are carved off the end and never freed; the memory grows when they do not
// fit, and being shared, growing it leaves the views already handed out valid.
import { plainKernels, type Kernels } from './linear-algebra.js';
import { createSimdKernels, simdAvailable } from './simd-kernels.js';

/**
 * Which kernels run the matrix products: 'auto' WebAssembly SIMD where the runtime has it and a
 * product is big enough to gain from it, 'simd' every product in WebAssembly (tests), 'plain'
 * TypeScript only. All give the same bits.
 */
export type KernelChoice = 'auto' | 'simd' | 'plain';

const PAGE_BYTES = 65536;
/** The most the kernels' module declares (4 GiB). */
const MAX_PAGES = 65536;

export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly kernels: Kernels;
  /** Bytes handed out so far. */
  private used = 0;

  /**
   * A fresh memory, or `memory` of another thread's arena: the same sequence of alloc calls then
   * hands out views of the same buffers.
   */
  constructor(choice: KernelChoice = 'auto', memory?: WebAssembly.Memory) {
    if (choice !== 'auto' && choice !== 'simd' && choice !== 'plain') {
      throw new TypeError(`kernels must be auto, simd or plain, got ${JSON.stringify(choice)}`);
    }
    this.memory = memory ?? new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    if (choice === 'simd') this.kernels = createSimdKernels(this.memory, 0);
    else if (choice === 'auto' && simdAvailable()) this.kernels = createSimdKernels(this.memory);
    else this.kernels = plainKernels;
  }

  /** A new zeroed buffer of `length` float64s, 16-byte aligned. */
  alloc(length: number): Float64Array {
    const start = this.used;
    const end = start + Math.ceil((length * 8) / 16) * 16;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    this.used = end;
    return new Float64Array(this.memory.buffer, start, length);
  }
}
