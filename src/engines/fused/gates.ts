// The element-wise part of one time step of the GRU and LSTM cells: the gate activations going
// forward and their derivatives going back, over `rows` consecutive batch rows. These are the
// reference, as linear-algebra.ts is for the products: simd-kernels.ts runs the same operations
// in WebAssembly SIMD (assembly/gates.ts, with exp and tanh giving Math.exp's and Math.tanh's
// bits) and must give the same bits, so change the operations in both or neither.
// Offsets address row 0 of the rows given; gate rows are g·units long, state rows units long.

/** The logistic function, as tfjs' 'sigmoid' activation: 1 / (1 + e^-x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** GRU, gates [z, r, hh] per row: z, r = σ(pre-activation) in place, resetH = r ⊙ hPrev. */
export function gruUpdateResetGates(
  gates: Float64Array, gOff: number,
  hPrev: Float64Array, hOff: number,
  resetH: Float64Array, rOff: number,
  rows: number, u: number,
): void {
  const g3 = 3 * u;
  for (let b = 0; b < rows; b++) {
    const row = gOff + b * g3;
    for (let k = 0; k < u; k++) {
      const z = sigmoid(gates[row + k]!);
      const r = sigmoid(gates[row + u + k]!);
      gates[row + k] = z;
      gates[row + u + k] = r;
      resetH[rOff + b * u + k] = r * hPrev[hOff + b * u + k]!;
    }
  }
}

/** GRU: hh = tanh(pre-activation) in place, hNext = z ⊙ hPrev + (1 - z) ⊙ hh. */
export function gruCandidate(
  gates: Float64Array, gOff: number,
  hPrev: Float64Array, hOff: number,
  hNext: Float64Array, nOff: number,
  rows: number, u: number,
): void {
  const g3 = 3 * u;
  for (let b = 0; b < rows; b++) {
    const row = gOff + b * g3;
    for (let k = 0; k < u; k++) {
      const z = gates[row + k]!;
      const hh = Math.tanh(gates[row + 2 * u + k]!);
      gates[row + 2 * u + k] = hh;
      hNext[nOff + b * u + k] = z * hPrev[hOff + b * u + k]! + (1 - z) * hh;
    }
  }
}

/**
 * GRU going back, with dh = dOut + dhNext: the pre-activation gradients of z and hh, and dhNext
 * set to the direct path's share dh ⊙ z.
 */
export function gruUpdateCandidateGradients(
  gates: Float64Array, gOff: number,
  hPrev: Float64Array, hOff: number,
  dOut: Float64Array, dOff: number,
  dhNext: Float64Array, sOff: number,
  dGates: Float64Array,
  rows: number, u: number,
): void {
  const g3 = 3 * u;
  for (let b = 0; b < rows; b++) {
    const row = gOff + b * g3;
    for (let k = 0; k < u; k++) {
      const s = b * u + k;
      const z = gates[row + k]!;
      const hh = gates[row + 2 * u + k]!;
      const hp = hPrev[hOff + s]!;
      const dh = dOut[dOff + s]! + dhNext[sOff + s]!;
      dGates[row + k] = dh * (hp - hh) * z * (1 - z);
      dGates[row + 2 * u + k] = dh * (1 - z) * (1 - hh * hh);
      // the direct path h = z ⊙ hPrev + ...
      dhNext[sOff + s] = dh * z;
    }
  }
}

/** GRU going back: the reset gate's pre-activation gradient from dResetH, and its share of dhNext. */
export function gruResetGradients(
  gates: Float64Array, gOff: number,
  hPrev: Float64Array, hOff: number,
  dResetH: Float64Array, dhNext: Float64Array, sOff: number,
  dGates: Float64Array,
  rows: number, u: number,
): void {
  const g3 = 3 * u;
  for (let b = 0; b < rows; b++) {
    const row = gOff + b * g3;
    for (let k = 0; k < u; k++) {
      const s = b * u + k;
      const r = gates[row + u + k]!;
      dGates[row + u + k] = dResetH[sOff + s]! * hPrev[hOff + s]! * r * (1 - r);
      dhNext[sOff + s] += dResetH[sOff + s]! * r;
    }
  }
}

/**
 * LSTM, gates [i, f, g, o] per row: activations in place, cNext = f ⊙ cPrev + i ⊙ g,
 * tanhC = tanh(cNext), hNext = o ⊙ tanhC. cPrev, cNext, tanhC and hNext share the offsets
 * of their rows (sOff for the step's own arrays, pOff/nOff for the previous and next states).
 */
export function lstmGates(
  gates: Float64Array, gOff: number,
  cs: Float64Array, pOff: number, nOff: number,
  tanhCs: Float64Array, tOff: number,
  hs: Float64Array,
  rows: number, u: number,
): void {
  const g4 = 4 * u;
  for (let b = 0; b < rows; b++) {
    const row = gOff + b * g4;
    for (let k = 0; k < u; k++) {
      const i = sigmoid(gates[row + k]!);
      const f = sigmoid(gates[row + u + k]!);
      const g = Math.tanh(gates[row + 2 * u + k]!);
      const o = sigmoid(gates[row + 3 * u + k]!);
      gates[row + k] = i;
      gates[row + u + k] = f;
      gates[row + 2 * u + k] = g;
      gates[row + 3 * u + k] = o;
      const cNext = f * cs[pOff + b * u + k]! + i * g;
      const tanhC = Math.tanh(cNext);
      cs[nOff + b * u + k] = cNext;
      tanhCs[tOff + b * u + k] = tanhC;
      hs[nOff + b * u + k] = o * tanhC;
    }
  }
}

/**
 * LSTM going back, with dh = dOut + dhNext and dc = dcNext + dh ⊙ o ⊙ (1 - tanh²c): the four
 * pre-activation gradients, and dcNext set to dc ⊙ f.
 */
export function lstmGateGradients(
  gates: Float64Array, gOff: number,
  cs: Float64Array, tanhCs: Float64Array, pOff: number,
  dOut: Float64Array, dhNext: Float64Array, dcNext: Float64Array, sOff: number,
  dGates: Float64Array,
  rows: number, u: number,
): void {
  const g4 = 4 * u;
  for (let b = 0; b < rows; b++) {
    const row = gOff + b * g4;
    for (let k = 0; k < u; k++) {
      const s = b * u + k;
      const i = gates[row + k]!;
      const f = gates[row + u + k]!;
      const g = gates[row + 2 * u + k]!;
      const o = gates[row + 3 * u + k]!;
      const tanhC = tanhCs[pOff + s]!;
      const dh = dOut[pOff + s]! + dhNext[sOff + s]!;
      // dc = dcNext + dh ⊙ o ⊙ (1 - tanh²c)
      const dc = dcNext[sOff + s]! + dh * o * (1 - tanhC * tanhC);
      dGates[row + k] = dc * g * i * (1 - i);
      dGates[row + u + k] = dc * cs[pOff + s]! * f * (1 - f);
      dGates[row + 2 * u + k] = dc * i * (1 - g * g);
      dGates[row + 3 * u + k] = dh * tanhC * o * (1 - o);
      dcNext[sOff + s] = dc * f;
    }
  }
}
