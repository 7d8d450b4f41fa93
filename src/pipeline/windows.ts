// Cuts samples from the encoded rows: `lags` consecutive rows of inputs ending at each sample's
// end row, and the next `horizon` scaled targets (horizon 0: the end row's own target).
import type { Windows } from '../core/types.js';
import type { EncodedRows } from './encode.js';

export function cutWindows(encoded: EncodedRows, ends: readonly number[], lags: number, horizon: number): Windows {
  const { width, inputs, target } = encoded;
  const outputs = Math.max(1, horizon);
  const samples = ends.length;
  const x = new Float32Array(samples * lags * width);
  const y = new Float32Array(samples * outputs);
  ends.forEach((e, s) => {
    x.set(inputs.subarray((e - lags + 1) * width, (e + 1) * width), s * lags * width);
    if (horizon === 0) y[s] = target[e]!;
    else for (let j = 0; j < horizon; j++) y[s * outputs + j] = target[e + 1 + j]!;
  });
  return { samples, steps: lags, features: width, outputs, x, y, end: Int32Array.from(ends) };
}

/** Sample s's inputs, [steps, features]. */
export function sampleInputs(w: Windows, s: number): Float32Array {
  const size = w.steps * w.features;
  return w.x.subarray(s * size, (s + 1) * size);
}
