// The blocked Householder QR and the CholeskyQR of orthogonal.ts on one WebAssembly memory, their
// bulk steps in the SIMD kernels of assembly/qr.ts, which do per element the
// operations of the TypeScript functions in their order (so the same bits): the panel factored
// row-major with lanes over its columns, the reflectors kept as V and as VT (row-major, columns
// past nb zero), T and T' of every block kept for the second pass; A'A and its Cholesky factor
// with lanes over even and odd rows; Q = A R^-1 with lanes over rows.
//
// With a helper thread, every step is split between it and the main thread in chunks each takes
// as it gets free: columns of the seeded normal matrix to draw, columns of A'A, trailing columns
// to update, rows of Q = A R^-1 to solve. A column's (or row's) numbers do not depend on the thread that computes
// it, so the result is the same whatever the split; the helper starts while the main thread draws
// the first normal numbers, joins that step, and then every step that begins after.
import { Worker } from 'node:worker_threads';
import { fillNormals } from '../util/random.js';
import { kernelImports } from './fused/simd-kernels.js';
import { BLOCK, COLUMNS_PER_STEP, type MatrixSource, type Workspace } from './qr-workspace.js';

interface QrExports {
  reflectorProducts(w: number, wStride: number, vt: number, vtStride: number, c: number, cStride: number, rows: number, kCount: number, cols: number): void;
  reflectorUpdate(c: number, cStride: number, v: number, vStride: number, w: number, wStride: number, rows: number, nb: number, cols: number, grouped: number): void;
  loadReflectors(v: number, vt: number, vtStride: number, a: number, lda: number, rows: number, nb: number, padded: number): void;
  triangularMultiply(w: number, wStride: number, m: number, nb: number, upper: number, cols: number, tmp: number): void;
  householderPanel(p: number, pStride: number, rows: number, nb: number, tau: number): void;
  solveRows(x: number, ldx: number, r: number, ldr: number, rows: number, n: number): void;
  gramColumns(g: number, n: number, a: number, lda: number, m: number, j0: number, j1: number, p: number): void;
  choleskyUpper(g: number, n: number, j0: number, j1: number): number;
  copyPanel(p: number, pStride: number, a: number, lda: number, rows: number, nb: number, toPanel: number): void;
}

const PAGE_BYTES = 65536;
/** The most the kernels' module declares (4 GiB). */
const MAX_PAGES = 65536;
/** Columns a thread takes at a time (even, so that only a step's last chunk can hold its odd column). */
const CHUNK = 16;
/** Rows of X = A R^-1 a thread takes at a time (a multiple of the kernel's 8; 32 rows of 1000 columns stay in L2). */
const SOLVE_CHUNK = 32;
/** Columns of the seeded normal matrix a thread draws at a time. */
const FILL_CHUNK = 16;
/** Columns of G = A'A a thread takes at a time. */
const GRAM_CHUNK = 8;
/** Columns of the Cholesky factorization per call of its kernel. */
const CHOLESKY_COLUMNS = 8;
/** Polls before sleeping while waiting for the other thread: most waits are short. */
const SPINS = 20_000;

/** Slots of the control block shared with the helper. */
const CONTROL = {
  /** Bumped by the main thread to start a step (or to stop). */
  STEP: 0,
  /** Set by the helper once it can take work. */
  READY: 1,
  /** 1 tells the helper to exit. */
  STOP: 2,
  /** The next chunk to take: step * CLAIMS + chunk, so that a late claim never takes the next step's chunk. */
  NEXT: 3,
  /** Columns of the current step done. */
  DONE: 4,
  /** Set by a helper that failed. */
  FAILED: 5,
  /** Columns the helper has done, all steps together. */
  HELPED: 6,
  SIZE: 7,
} as const;
const CLAIMS = 4096;

/** Slots of the step description (float64: byte addresses may pass 2^31). */
const STEP = { BLOCK: 0, NB: 1, TRANSPOSED: 2, FROM: 3, ROWS: 4, COLS: 5, KIND: 6, SEED: 7, R: 8, LDR: 9, SIZE: 10 } as const;
const KINDS = ['reflect', 'solve', 'fill', 'gram'] as const;

/** The addresses every thread's kernels use, in bytes. */
interface Layout {
  m: number;
  n: number;
  /** The matrix being factored. */
  a: number;
  /** G = A'A (n x n), then its Cholesky factor. */
  g: number;
  /** Per thread: the lanes' sums of GRAM_CHUNK columns of G. */
  p: number[];
  v: number;
  vt: number;
  /** T and T' of every block: 2 * blocks * BLOCK^2 float64s. */
  t: number;
  /** Per thread: scratch W (BLOCK x COLUMNS_PER_STEP) and z (BLOCK). */
  w: number[];
  z: number[];
}

/** What the helper thread gets. */
export interface QrHelperData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  step: SharedArrayBuffer;
  layout: Layout;
}

export interface HelperOptions {
  /** Threads to use: a helper thread from 2 on. */
  threads: number;
  /**
   * Wait (up to 10 s) for the helper to be ready before the first step, and let it take the first
   * chunk of every step, so that it surely takes part (tests).
   */
  helperFirst?: boolean;
  /** Told at the end how many trailing columns the helper updated (tests). */
  onHelperColumns?: (columns: number) => void;
}

/**
 * Every buffer in one WebAssembly memory, the matrix (m x n, column-major) from `source`; with 2
 * or more threads, one helper thread that takes part in the trailing updates, the solve and the
 * normal draws.
 */
export function simdWorkspace(module: WebAssembly.Module, source: Exclude<MatrixSource, Float64Array>, m: number, n: number, options: HelperOptions): Workspace {
  const parties = options.threads >= 2 ? 2 : 1;
  const total = workspaceBytes(m, n, parties);
  const blocks = Math.ceil(n / BLOCK);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(total / PAGE_BYTES), maximum: MAX_PAGES, shared: true });
  const wasm = new WebAssembly.Instance(module, kernelImports(memory)).exports as unknown as QrExports;
  let used = 0;
  const alloc = (length: number) => {
    const array = new Float64Array(memory.buffer, used, length);
    used += Math.ceil(length / 2) * 16;
    return array;
  };
  const a = alloc(m * n);
  const q = alloc(m * n);
  const v = alloc(m * BLOCK);
  // vt also holds the panel while it is factored.
  const vt = alloc(m * BLOCK);
  const tau = alloc(n);
  const tAll = alloc(2 * blocks * BLOCK * BLOCK);
  const scratch = Array.from({ length: parties }, () => alloc(BLOCK * COLUMNS_PER_STEP + BLOCK));
  const g = alloc(n * n);
  const sums = Array.from({ length: parties }, () => alloc(2 * n * GRAM_CHUNK));
  const layout: Layout = {
    m,
    n,
    a: a.byteOffset,
    g: g.byteOffset,
    p: sums.map((s) => s.byteOffset),
    v: v.byteOffset,
    vt: vt.byteOffset,
    t: tAll.byteOffset,
    w: scratch.map((s) => s.byteOffset),
    z: scratch.map((s) => s.byteOffset + BLOCK * COLUMNS_PER_STEP * 8),
  };
  const z = scratch[0]!.subarray(BLOCK * COLUMNS_PER_STEP);
  const team = parties === 2 ? startHelper({ module, memory, control: new SharedArrayBuffer(CONTROL.SIZE * 4), step: new SharedArrayBuffer(STEP.SIZE * 8), layout }) : null;
  try {
    if (team && options.helperFirst) team.waitUntilReady(10_000);
    if (typeof source === 'function') source(a);
    else if (!team) fillNormals(a, source.normals, 0);
    // The helper, once started, joins the draws under way.
    else team.run(wasm, { ...NO_STEP, kind: 'fill', from: a.byteOffset, rows: m, cols: n, seed: source.normals }, options.helperFirst === true);
  } catch (e) {
    team?.stop();
    throw e;
  }
  /** T (upper) of `block`, nb x nb column-major; T' follows it. */
  const tOf = (block: number, nb: number) => tAll.subarray(2 * block * BLOCK * BLOCK, 2 * block * BLOCK * BLOCK + nb * nb);
  const ttOf = (block: number, nb: number) => tAll.subarray((2 * block + 1) * BLOCK * BLOCK, (2 * block + 1) * BLOCK * BLOCK + nb * nb);
  const at = (c: Float64Array, row: number, col: number) => c.byteOffset + (col * m + row) * 8;
  let loaded = -1;
  return {
    a,
    q,
    g,
    factorPanel(j0, nb) {
      const rows = m - j0;
      wasm.copyPanel(vt.byteOffset, BLOCK, at(a, j0, j0), m, rows, nb, 1);
      wasm.householderPanel(vt.byteOffset, BLOCK, rows, nb, tau.byteOffset + j0 * 8);
      wasm.copyPanel(vt.byteOffset, BLOCK, at(a, j0, j0), m, rows, nb, 0);
    },
    loadBlock(block, nb, first) {
      const j0 = block * BLOCK;
      const rows = m - j0;
      wasm.loadReflectors(v.byteOffset, vt.byteOffset, BLOCK, at(a, j0, j0), m, rows, nb, Math.ceil(nb / 8) * 8);
      loaded = block;
      if (!first) return;
      // triangularFactor, its products V[:, 0:i]' v_i from the kernel (each sum from row i on, in order).
      const t = tOf(block, nb);
      for (let i = 0; i < nb; i++) {
        const taui = tau[j0 + i]!;
        if (i > 0) wasm.reflectorProducts(z.byteOffset, BLOCK, vt.byteOffset, BLOCK, v.byteOffset + i * rows * 8, rows, rows, Math.ceil(i / 8) * 8, 1);
        for (let k = 0; k < i; k++) {
          let sum = 0;
          for (let l = k; l < i; l++) sum += t[k + l * nb]! * z[l]!;
          t[k + i * nb] = -taui * sum;
        }
        t[i + i * nb] = taui;
      }
      const tt = ttOf(block, nb);
      for (let i = 0; i < nb; i++) for (let l = 0; l < nb; l++) tt[i + l * nb] = t[l + i * nb]!;
    },
    apply(block, nb, transposed, c, r0, c0, c1) {
      if (loaded !== block) throw new Error('applyBlockReflector: the block is not loaded');
      const step: Step = { ...NO_STEP, kind: 'reflect', block, nb, transposed, from: at(c, r0, c0), rows: m - r0, cols: c1 - c0 };
      if (team?.ready()) team.run(wasm, step, options.helperFirst === true);
      else applyColumns(wasm, layout, 0, step, 0, step.cols);
    },
    solve(r0, r1, from) {
      const [x, r, ldr] = from === 'gram' ? [a, g, n] : [q, a, m];
      const step: Step = { ...NO_STEP, kind: 'solve', from: at(x, r0, 0), rows: r1 - r0, cols: n, r: r.byteOffset, ldr };
      if (team?.ready()) team.run(wasm, step, options.helperFirst === true);
      else for (let first = 0; first < step.rows; first += SOLVE_CHUNK) solveChunk(wasm, layout, step, first, Math.min(step.rows, first + SOLVE_CHUNK));
    },
    gram(j0, j1) {
      const step: Step = { ...NO_STEP, kind: 'gram', block: j0, cols: j1 - j0 };
      if (team?.ready()) team.run(wasm, step, options.helperFirst === true);
      else for (let first = 0; first < step.cols; first += GRAM_CHUNK) gramChunk(wasm, layout, 0, step, first, Math.min(step.cols, first + GRAM_CHUNK));
    },
    cholesky() {
      // In pieces: the runtime compiles a kernel with its optimizing compiler once it has run a
      // while, which one call of the whole factorization (tens of ms) would not benefit from.
      for (let j0 = 0; j0 < n; j0 += CHOLESKY_COLUMNS) {
        const failed = wasm.choleskyUpper(g.byteOffset, n, j0, Math.min(n, j0 + CHOLESKY_COLUMNS));
        if (failed >= 0) return failed;
      }
      return -1;
    },
    close() {
      if (!team) return;
      team.stop();
      options.onHelperColumns?.(team.helped());
    },
  };
}

/** Bytes of the memory of simdWorkspace. */
function workspaceBytes(m: number, n: number, parties: number): number {
  const blocks = Math.ceil(n / BLOCK);
  const sizes = [
    ...[m * n, m * n, m * BLOCK, m * BLOCK, n, 2 * blocks * BLOCK * BLOCK, ...Array<number>(parties).fill(BLOCK * COLUMNS_PER_STEP + BLOCK)],
    ...[n * n, ...Array<number>(parties).fill(2 * n * GRAM_CHUNK)],
  ];
  return sizes.reduce((sum, size) => sum + Math.ceil(size / 2) * 2, 0) * 8;
}

/** Whether an m x n factorization fits the kernels' memory (4 GiB: A and Q up to about 2.6e8 values each). */
export function fitsSimdMemory(m: number, n: number): boolean {
  return workspaceBytes(m, n, 2) <= MAX_PAGES * PAGE_BYTES;
}

interface Step {
  /**
   * 'reflect': a block reflector on columns; 'solve': rows of X = A R^-1 (`from` .. `from` +
   * rows, n columns); 'fill': columns of the seeded normal matrix at `from`; 'gram': columns
   * `block` .. `block` + cols - 1 of G = A'A.
   */
  kind: (typeof KINDS)[number];
  /** The seed of a 'fill'. */
  seed: number;
  /** R's address and stride in a 'solve'. */
  r: number;
  ldr: number;
  block: number;
  nb: number;
  transposed: boolean;
  /** Byte address of c[r0, c0]. */
  from: number;
  rows: number;
  cols: number;
}

/** applyBlockReflector on columns first .. last-1 of `step`, with thread `party`'s scratch. */
function applyColumns(wasm: QrExports, layout: Layout, party: number, step: Step, first: number, last: number): void {
  const { m } = layout;
  const w = layout.w[party]!;
  const cols = last - first;
  const from = step.from + first * m * 8;
  wasm.reflectorProducts(w, BLOCK, layout.vt, BLOCK, from, m, step.rows, Math.ceil(step.nb / 8) * 8, cols);
  // op(T) = T' when transposed: a lower-triangular sum over T' (column-major), else an upper one over T.
  const op = layout.t + (2 * step.block + (step.transposed ? 1 : 0)) * BLOCK * BLOCK * 8;
  wasm.triangularMultiply(w, BLOCK, op, step.nb, step.transposed ? 0 : 1, cols, layout.z[party]!);
  // As applyBlockReflector does: pairs of columns four reflectors at a time; the step's last
  // column, when the step has an odd count, one reflector at a time (only a step's last chunk is odd).
  const paired = cols - (cols % 2);
  if (paired > 0) wasm.reflectorUpdate(from, m, layout.v, step.rows, w, BLOCK, step.rows, step.nb, paired, 1);
  if (paired < cols) wasm.reflectorUpdate(from + paired * m * 8, m, layout.v, step.rows, w + paired * BLOCK * 8, BLOCK, step.rows, step.nb, 1, 0);
}

/** A step's fields that its kind does not use. */
const NO_STEP = { block: 0, nb: 0, transposed: false, from: 0, rows: 0, cols: 0, seed: 0, r: 0, ldr: 0 } as const;

/** Rows first .. last-1 of a solve step. */
function solveChunk(wasm: QrExports, layout: Layout, step: Step, first: number, last: number): void {
  wasm.solveRows(step.from + first * 8, layout.m, step.r, step.ldr, last - first, layout.n);
}

/** Columns first .. last-1 of a gram step, with thread `party`'s scratch. */
function gramChunk(wasm: QrExports, layout: Layout, party: number, step: Step, first: number, last: number): void {
  wasm.gramColumns(layout.g, layout.n, layout.a, layout.m, layout.m, step.block + first, step.block + last, layout.p[party]!);
}

/** Columns first .. last-1 of a fill step: normal numbers (first m) on, as seededNormal draws them. */
function fillChunk(memory: WebAssembly.Memory, step: Step, first: number, last: number): void {
  fillNormals(new Float64Array(memory.buffer, step.from + first * step.rows * 8, (last - first) * step.rows), step.seed, first * step.rows);
}

/** What a step's chunks split, and how much each takes: columns of a block reflector or a fill, rows of a solve. */
function workOf(step: Step): { units: number; chunk: number } {
  if (step.kind === 'solve') return { units: step.rows, chunk: SOLVE_CHUNK };
  if (step.kind === 'gram') return { units: step.cols, chunk: GRAM_CHUNK };
  return { units: step.cols, chunk: step.kind === 'fill' ? Math.max(FILL_CHUNK, Math.ceil(step.cols / CLAIMS)) : CHUNK };
}

/** Takes chunks of the step numbered `id` until none is left. */
function takeChunks(wasm: QrExports, memory: WebAssembly.Memory, layout: Layout, party: number, control: Int32Array, id: number, step: Step): void {
  const base = (id % (0x7fffffff / CLAIMS | 0)) * CLAIMS;
  const { units, chunk } = workOf(step);
  const chunks = Math.ceil(units / chunk);
  for (;;) {
    const claim = Atomics.load(control, CONTROL.NEXT);
    if (claim < base || claim >= base + chunks) return;
    if (Atomics.compareExchange(control, CONTROL.NEXT, claim, claim + 1) !== claim) continue;
    const first = (claim - base) * chunk;
    const last = Math.min(units, first + chunk);
    if (step.kind === 'solve') solveChunk(wasm, layout, step, first, last);
    else if (step.kind === 'gram') gramChunk(wasm, layout, party, step, first, last);
    else if (step.kind === 'fill') fillChunk(memory, step, first, last);
    else applyColumns(wasm, layout, party, step, first, last);
    if (party > 0 && step.kind === 'reflect') Atomics.add(control, CONTROL.HELPED, last - first);
    Atomics.add(control, CONTROL.DONE, last - first);
    Atomics.notify(control, CONTROL.DONE);
  }
}

function readStep(shared: Float64Array): Step {
  return {
    block: shared[STEP.BLOCK]!,
    nb: shared[STEP.NB]!,
    transposed: shared[STEP.TRANSPOSED] === 1,
    from: shared[STEP.FROM]!,
    rows: shared[STEP.ROWS]!,
    cols: shared[STEP.COLS]!,
    kind: KINDS[shared[STEP.KIND]!]!,
    seed: shared[STEP.SEED]!,
    r: shared[STEP.R]!,
    ldr: shared[STEP.LDR]!,
  };
}

/** Starts the helper thread (it does not wait for it). */
function startHelper(data: QrHelperData) {
  const control = new Int32Array(data.control);
  const shared = new Float64Array(data.step);
  const worker = new Worker(new URL('./orthogonal-worker.js', import.meta.url), { workerData: data });
  worker.unref();
  // A helper that cannot start leaves the work to the main thread.
  worker.on('error', () => Atomics.store(control, CONTROL.FAILED, 1));
  let id = 0;
  let stopped = false;
  return {
    ready: () => !stopped && Atomics.load(control, CONTROL.READY) === 1 && Atomics.load(control, CONTROL.FAILED) === 0,
    helped: () => Atomics.load(control, CONTROL.HELPED),
    waitUntilReady(ms: number) {
      const until = performance.now() + ms;
      while (Atomics.load(control, CONTROL.READY) === 0 && Atomics.load(control, CONTROL.FAILED) === 0 && performance.now() < until) {
        Atomics.wait(control, CONTROL.READY, 0, 5);
      }
    },
    /** One step split between both threads; returns when every column is done. */
    run(wasm: QrExports, step: Step, helperFirst: boolean) {
      id++;
      shared[STEP.BLOCK] = step.block;
      shared[STEP.NB] = step.nb;
      shared[STEP.TRANSPOSED] = step.transposed ? 1 : 0;
      shared[STEP.FROM] = step.from;
      shared[STEP.ROWS] = step.rows;
      shared[STEP.COLS] = step.cols;
      shared[STEP.KIND] = KINDS.indexOf(step.kind);
      shared[STEP.SEED] = step.seed;
      shared[STEP.R] = step.r;
      shared[STEP.LDR] = step.ldr;
      const base = (id % (0x7fffffff / CLAIMS | 0)) * CLAIMS;
      Atomics.store(control, CONTROL.DONE, 0);
      Atomics.store(control, CONTROL.NEXT, base);
      Atomics.store(control, CONTROL.STEP, id);
      Atomics.notify(control, CONTROL.STEP);
      if (helperFirst) {
        while (Atomics.load(control, CONTROL.NEXT) === base && !Atomics.load(control, CONTROL.FAILED)) Atomics.wait(control, CONTROL.NEXT, base, 1);
      }
      takeChunks(wasm, data.memory, data.layout, 0, control, id, step);
      for (let spin = 0; ; spin++) {
        const done = Atomics.load(control, CONTROL.DONE);
        if (done === workOf(step).units) return;
        if (spin < SPINS) continue;
        if (Atomics.load(control, CONTROL.FAILED)) throw new Error('the orthogonal initializer\'s helper thread failed');
        Atomics.wait(control, CONTROL.DONE, done, 10);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      Atomics.store(control, CONTROL.STOP, 1);
      Atomics.add(control, CONTROL.STEP, 1);
      Atomics.notify(control, CONTROL.STEP);
      void worker.terminate();
    },
  };
}

/** The helper thread's loop: takes chunks of every step the main thread starts until told to stop. */
export function runQrHelper(data: QrHelperData): void {
  const control = new Int32Array(data.control);
  const shared = new Float64Array(data.step);
  try {
    const wasm = new WebAssembly.Instance(data.module, kernelImports(data.memory)).exports as unknown as QrExports;
    // Read before saying ready: the main thread may start a step right after.
    let seen = Atomics.load(control, CONTROL.STEP);
    Atomics.store(control, CONTROL.READY, 1);
    Atomics.notify(control, CONTROL.READY);
    // Join the step under way, if any (the normal draws, begun while this thread started): a
    // step that has ended leaves no chunk to claim.
    if (seen > 0) takeChunks(wasm, data.memory, data.layout, 1, control, seen, readStep(shared));
    for (;;) {
      for (let spin = 0; spin < SPINS && Atomics.load(control, CONTROL.STEP) === seen; spin++);
      Atomics.wait(control, CONTROL.STEP, seen);
      if (Atomics.load(control, CONTROL.STOP)) return;
      const id = Atomics.load(control, CONTROL.STEP);
      if (id === seen) continue;
      seen = id;
      takeChunks(wasm, data.memory, data.layout, 1, control, id, readStep(shared));
    }
  } catch (e) {
    Atomics.store(control, CONTROL.FAILED, 1);
    Atomics.notify(control, CONTROL.DONE);
    throw e;
  }
}
