// Data-parallel training of one network on several threads: the main thread and its workers
// share the network's memory (arena.ts), each runs the forward and backward pass of its own rows
// of the batch, then each sums its own part of the parameter gradients over every row. Every
// number is computed by one thread with exactly the operations one thread alone would do, in the
// same order, so the result does not depend on the thread count or on timing.
//
// Threads meet through Atomics on a small shared control block: the main thread starts a step;
// everyone meets after the forward pass (the main thread then computes the loss), before the
// backward pass, after every time step of the backward pass (each thread then adds its part of
// that step's parameter gradients, while the step's gate gradients are still in cache), before
// the head's gradients, and at the end.
import { Worker } from 'node:worker_threads';
import type { LossName } from '../types.js';
import type { Network } from './network.js';
import { rowRange } from './parts.js';

/** Slots of the control block. */
export const CONTROL = {
  /** Bumped by the main thread to start a step (or to stop). */
  STEP: 0,
  BATCH: 1,
  /** Index in LOSSES. */
  LOSS: 2,
  /** 1 while the step applies dropout. */
  DROPOUT: 3,
  /** 1 tells the workers to exit. */
  STOP: 4,
  /** Barrier: arrivals, and the generation the waiters watch. */
  ARRIVED: 5,
  GENERATION: 6,
  /** Set by a worker that failed; everyone waiting gives up. */
  FAILED: 7,
  SIZE: 8,
} as const;

/** What a worker needs to rebuild the main thread's network over the same memory. */
export interface TeamWorkerData {
  spec: Network['spec'];
  capacity: number;
  kernels: 'auto' | 'simd' | 'plain';
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  index: number;
  threads: number;
}

const LOSSES: LossName[] = ['mse', 'mae', 'binary-crossentropy', 'categorical-crossentropy'];
/** Polls before sleeping on a barrier: most waits are short, and waking a sleeper costs more. */
const SPINS = 20_000;

/** Waits until every one of `parties` threads has arrived. Throws if a worker failed. */
export function meet(control: Int32Array, parties: number): void {
  const generation = Atomics.load(control, CONTROL.GENERATION);
  if (Atomics.add(control, CONTROL.ARRIVED, 1) === parties - 1) {
    Atomics.store(control, CONTROL.ARRIVED, 0);
    Atomics.add(control, CONTROL.GENERATION, 1);
    Atomics.notify(control, CONTROL.GENERATION);
    return;
  }
  for (let spin = 0; spin < SPINS; spin++) if (Atomics.load(control, CONTROL.GENERATION) !== generation) return;
  while (Atomics.load(control, CONTROL.GENERATION) === generation) {
    if (Atomics.load(control, CONTROL.FAILED)) throw new Error('a training thread failed');
    Atomics.wait(control, CONTROL.GENERATION, generation, 200);
  }
}

/** One thread's share of a step, after the main thread prepared the batch. */
export function runShare(network: Network, control: Int32Array, index: number, threads: number): void {
  const batch = Atomics.load(control, CONTROL.BATCH);
  const loss = LOSSES[Atomics.load(control, CONTROL.LOSS)]!;
  network.joinBatch(Atomics.load(control, CONTROL.DROPOUT) === 1);
  const rows = rowRange(batch, index, threads);
  network.forwardRows(batch, rows);
  meet(control, threads);
  if (index === 0) network.computeLoss(batch, loss);
  meet(control, threads);
  const part = { part: index, parts: threads };
  network.backwardRows(batch, rows, part, () => meet(control, threads));
  meet(control, threads);
  network.accumulateHeadGradients(batch, part);
  meet(control, threads);
}

export class ThreadTeam {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private stopped = false;

  private constructor(private readonly network: Network, readonly threads: number) {
    this.control = new Int32Array(new SharedArrayBuffer(CONTROL.SIZE * 4));
  }

  /** Starts threads - 1 workers on `network` (built with `capacity` and `kernels`) and waits until they are ready. */
  static async start(network: Network, threads: number, capacity: number, kernels: TeamWorkerData['kernels']): Promise<ThreadTeam> {
    const team = new ThreadTeam(network, threads);
    const ready: Promise<void>[] = [];
    for (let index = 1; index < threads; index++) {
      const data: TeamWorkerData = { spec: network.spec, capacity, kernels, memory: network.arena.memory, control: team.control.buffer as SharedArrayBuffer, index, threads };
      const worker = new Worker(new URL('./team-worker.js', import.meta.url), { workerData: data });
      worker.unref();
      team.workers.push(worker);
      ready.push(new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a training thread exited with code ${code} before it started`)));
      }));
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      team.stop();
      throw e;
    }
    return team;
  }

  /** One forward and backward pass of a prepared batch, split between the threads. */
  lossAndGradient(batch: number, loss: LossName, training: boolean): number {
    const { control, network, threads } = this;
    Atomics.store(control, CONTROL.BATCH, batch);
    Atomics.store(control, CONTROL.LOSS, LOSSES.indexOf(loss));
    Atomics.store(control, CONTROL.DROPOUT, training && network.spec.dropout > 0 ? 1 : 0);
    Atomics.add(control, CONTROL.STEP, 1);
    Atomics.notify(control, CONTROL.STEP);
    runShare(network, control, 0, threads);
    return network.loss();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.control, CONTROL.STOP, 1);
    Atomics.add(this.control, CONTROL.STEP, 1);
    Atomics.notify(this.control, CONTROL.STEP);
    for (const worker of this.workers) void worker.terminate();
  }
}
