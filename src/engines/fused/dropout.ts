// Input dropout of a recurrent layer as tfjs-layers applies it: one mask per batch, [batch, inputSize],
// shared by every time step, each entry 0 with probability `rate`, else 1 / (1 - rate); training only.
// The masks come from a seeded generator, so they repeat run after run (they cannot match tfjs',
// which draws from its own random source).

/** Fills mask[0 .. count) with a new dropout mask; mutates only `mask`. */
export function drawDropoutMaskInPlace(mask: Float64Array, count: number, rate: number, random: () => number): void {
  const keep = 1 / (1 - rate);
  for (let k = 0; k < count; k++) mask[k] = random() < rate ? 0 : keep;
}

/** out[t, b, k] = inputs[t, b, k] · mask[b, k] for rows b in [r0, r1) of `batch` rows of `width` values. */
export function applyMaskToRows(
  out: Float64Array, outOff: number,
  inputs: Float64Array, inputsOff: number,
  mask: Float64Array, batch: number, width: number, timeSteps: number, r0: number, r1: number,
): void {
  const rowSize = batch * width;
  for (let t = 0; t < timeSteps; t++) {
    const base = t * rowSize;
    for (let k = r0 * width; k < r1 * width; k++) out[outOff + base + k] = inputs[inputsOff + base + k]! * mask[k]!;
  }
}
