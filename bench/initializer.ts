// Benchmark: the orthogonal recurrent kernel of an LSTM ([units, 4 units], the QR of a seeded
// 4 units x units normal matrix, normal draws included), the largest part of initialising a
// network. Q formed from the Householder reflectors on one thread (how every size was computed
// before Q = A R^-1, R from A'A) against what rnnfc does now: the TypeScript code (the fallback without
// WebAssembly SIMD), and the SIMD kernels on one thread and with a helper thread. The last three
// give the same bits, which this checks too.
import { orthogonalFactor, qFormFor, type QrOptions } from '../src/engines/orthogonal.js';
import { simdAvailable } from '../src/engines/fused/simd-kernels.js';

/** Milliseconds of one orthogonal [units, 4 units] kernel, and its bytes. */
function timeKernel(units: number, options: QrOptions): { ms: number; bytes: Buffer } {
  const started = performance.now();
  const q = orthogonalFactor({ normals: 1 }, 4 * units, units, options);
  const ms = performance.now() - started;
  return { ms, bytes: Buffer.from(q.buffer, q.byteOffset, q.byteLength) };
}

export async function benchInitializer(log: (line: string) => void): Promise<void> {
  if (!simdAvailable()) {
    log('no WebAssembly SIMD in this runtime: the TypeScript QR is the only one');
    return;
  }
  log('orthogonal recurrent kernel of an LSTM [units, 4 units], min of runs (ms; ratio to the first column)');
  log('  units   Q from reflectors,   Q now:        TypeScript   SIMD 1 thread   SIMD 2 threads   same bits');
  log('          SIMD 1 thread        formed by');
  for (const units of [200, 500, 1000]) {
    // Fewer repeats where one run takes seconds; interleaved, so that load hits all alike.
    const repeats = units >= 1000 ? 2 : units >= 500 ? 3 : 5;
    const best = { before: Infinity, plain: Infinity, one: Infinity, two: Infinity };
    let same = true;
    for (let r = 0; r < repeats; r++) {
      const before = timeKernel(units, { kernels: 'simd', threads: 1, form: 'reflectors' });
      const plain = timeKernel(units, { kernels: 'plain' });
      const one = timeKernel(units, { kernels: 'simd', threads: 1 });
      const two = timeKernel(units, { kernels: 'simd', threads: 2 });
      same &&= plain.bytes.equals(one.bytes) && plain.bytes.equals(two.bytes);
      best.before = Math.min(best.before, before.ms);
      best.plain = Math.min(best.plain, plain.ms);
      best.one = Math.min(best.one, one.ms);
      best.two = Math.min(best.two, two.ms);
      // Let the helper threads of this round exit before the next one is timed.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const form = { reflectors: 'reflectors', gram: "A R^-1, A'A", solve: 'A R^-1' }[qFormFor(4 * units, units)];
    const cell = (ms: number) => `${ms.toFixed(0).padStart(6)} (${(best.before / ms).toFixed(1)}x)`;
    log(
      `  ${String(units).padStart(5)}   ${best.before.toFixed(0).padStart(17)}   ${form.padEnd(11)}   ${cell(best.plain).padStart(10)}   ${cell(best.one).padStart(13)}   ${cell(best.two).padStart(14)}   ${same ? 'yes' : 'NO'}`,
    );
  }
}
