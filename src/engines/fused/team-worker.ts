// A worker thread of a ThreadTeam: rebuilds the main thread's network over the shared memory,
// says it is ready, then runs its share of every step the main thread starts until told to stop.
import { parentPort, workerData } from 'node:worker_threads';
import { CONTROL, type TeamWorkerData } from './thread-team.js';

const data = workerData as TeamWorkerData;
const control = new Int32Array(data.control);
try {
  const { Network } = await import('./network.js');
  const { runShare } = await import('./thread-team.js');
  const network = Network.attach(data.spec, data.capacity, data.kernels, data.memory);
  // Read before saying ready: the main thread may start the first step right after.
  let seen = Atomics.load(control, CONTROL.STEP);
  parentPort!.postMessage('ready');
  for (;;) {
    for (let spin = 0; spin < 20_000 && Atomics.load(control, CONTROL.STEP) === seen; spin++);
    Atomics.wait(control, CONTROL.STEP, seen);
    const step = Atomics.load(control, CONTROL.STEP);
    if (step === seen) continue;
    seen = step;
    if (Atomics.load(control, CONTROL.STOP)) break;
    runShare(network, control, data.index, data.threads);
  }
} catch (e) {
  Atomics.store(control, CONTROL.FAILED, 1);
  Atomics.notify(control, CONTROL.GENERATION);
  throw e;
}
