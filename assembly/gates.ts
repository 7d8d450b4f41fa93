// WebAssembly SIMD versions of the gate functions in src/engines/fused/gates.ts: the same
// operations in the same order on two units at a time (lanes run over units k, never along a
// sum), with exp and tanh from activations.ts, which give Math.exp's and Math.tanh's bits.
// Pointers are byte addresses of row 0 of the rows given; gate rows are g·u float64s long,
// state rows u. With u odd, the last unit of a row runs alone in lane 0 of a vector.
import { ONE, sigmoidLanes, tanhLanes } from './activations';

// The unit k of a row: two lanes, or one (the last of an odd row) with lane 1 a copy.
@inline
function get(p: usize, pair: bool): v128 {
  return pair ? v128.load(p) : f64x2.splat(load<f64>(p));
}

@inline
function put(p: usize, v: v128, pair: bool): void {
  if (pair) v128.store(p, v);
  else store<f64>(p, f64x2.extract_lane(v, 0));
}

// GRU: z, r = σ(pre-activation) in place, resetH = r ⊙ hPrev.
@inline
function gruUpdateResetGatesUnit(gates: usize, hPrev: usize, resetH: usize, row: usize, st: usize, ub: usize, kb: usize, pair: bool): void {
  const z = sigmoidLanes(get(row + kb, pair));
  const r = sigmoidLanes(get(row + ub + kb, pair));
  put(row + kb, z, pair);
  put(row + ub + kb, r, pair);
  put(resetH + st + kb, f64x2.mul(r, get(hPrev + st + kb, pair)), pair);
}

export function gruUpdateResetGates(gates: usize, hPrev: usize, resetH: usize, rows: i32, u: i32): void {
  const ub = <usize>u << 3;
  for (let b = 0; b < rows; b++) {
    const row = gates + <usize>b * 3 * ub;
    const st = <usize>b * ub;
    let k = 0;
    for (; k + 1 < u; k += 2) gruUpdateResetGatesUnit(gates, hPrev, resetH, row, st, ub, <usize>k << 3, true);
    if (k < u) gruUpdateResetGatesUnit(gates, hPrev, resetH, row, st, ub, <usize>k << 3, false);
  }
}

// GRU: hh = tanh(pre-activation) in place, hNext = z ⊙ hPrev + (1 - z) ⊙ hh.
@inline
function gruCandidateUnit(gates: usize, hPrev: usize, hNext: usize, row: usize, st: usize, ub: usize, kb: usize, pair: bool): void {
  const z = get(row + kb, pair);
  const hh = tanhLanes(get(row + 2 * ub + kb, pair));
  put(row + 2 * ub + kb, hh, pair);
  put(hNext + st + kb, f64x2.add(f64x2.mul(z, get(hPrev + st + kb, pair)), f64x2.mul(f64x2.sub(ONE, z), hh)), pair);
}

export function gruCandidate(gates: usize, hPrev: usize, hNext: usize, rows: i32, u: i32): void {
  const ub = <usize>u << 3;
  for (let b = 0; b < rows; b++) {
    const row = gates + <usize>b * 3 * ub;
    const st = <usize>b * ub;
    let k = 0;
    for (; k + 1 < u; k += 2) gruCandidateUnit(gates, hPrev, hNext, row, st, ub, <usize>k << 3, true);
    if (k < u) gruCandidateUnit(gates, hPrev, hNext, row, st, ub, <usize>k << 3, false);
  }
}

// GRU going back: dz, dhh pre-activation gradients; dhNext = dh ⊙ z (dh = dOut + dhNext).
@inline
function gruUpdateCandidateGradientsUnit(gates: usize, hPrev: usize, dOut: usize, dhNext: usize, dGates: usize, row: usize, st: usize, ub: usize, kb: usize, pair: bool): void {
  const z = get(gates + row + kb, pair);
  const hh = get(gates + row + 2 * ub + kb, pair);
  const hp = get(hPrev + st + kb, pair);
  const dh = f64x2.add(get(dOut + st + kb, pair), get(dhNext + st + kb, pair));
  put(dGates + row + kb, f64x2.mul(f64x2.mul(f64x2.mul(dh, f64x2.sub(hp, hh)), z), f64x2.sub(ONE, z)), pair);
  put(dGates + row + 2 * ub + kb, f64x2.mul(f64x2.mul(dh, f64x2.sub(ONE, z)), f64x2.sub(ONE, f64x2.mul(hh, hh))), pair);
  put(dhNext + st + kb, f64x2.mul(dh, z), pair);
}

export function gruUpdateCandidateGradients(gates: usize, hPrev: usize, dOut: usize, dhNext: usize, dGates: usize, rows: i32, u: i32): void {
  const ub = <usize>u << 3;
  for (let b = 0; b < rows; b++) {
    const row = <usize>b * 3 * ub;
    const st = <usize>b * ub;
    let k = 0;
    for (; k + 1 < u; k += 2) gruUpdateCandidateGradientsUnit(gates, hPrev, dOut, dhNext, dGates, row, st, ub, <usize>k << 3, true);
    if (k < u) gruUpdateCandidateGradientsUnit(gates, hPrev, dOut, dhNext, dGates, row, st, ub, <usize>k << 3, false);
  }
}

// GRU going back: dr from dResetH, and dhNext += dResetH ⊙ r.
@inline
function gruResetGradientsUnit(gates: usize, hPrev: usize, dResetH: usize, dhNext: usize, dGates: usize, row: usize, st: usize, ub: usize, kb: usize, pair: bool): void {
  const r = get(gates + row + kb, pair);
  const d = get(dResetH + st + kb, pair);
  put(dGates + row + kb, f64x2.mul(f64x2.mul(f64x2.mul(d, get(hPrev + st + kb, pair)), r), f64x2.sub(ONE, r)), pair);
  put(dhNext + st + kb, f64x2.add(get(dhNext + st + kb, pair), f64x2.mul(d, r)), pair);
}

export function gruResetGradients(gates: usize, hPrev: usize, dResetH: usize, dhNext: usize, dGates: usize, rows: i32, u: i32): void {
  const ub = <usize>u << 3;
  for (let b = 0; b < rows; b++) {
    const row = <usize>b * 3 * ub + ub;
    const st = <usize>b * ub;
    let k = 0;
    for (; k + 1 < u; k += 2) gruResetGradientsUnit(gates, hPrev, dResetH, dhNext, dGates, row, st, ub, <usize>k << 3, true);
    if (k < u) gruResetGradientsUnit(gates, hPrev, dResetH, dhNext, dGates, row, st, ub, <usize>k << 3, false);
  }
}

// LSTM: i, f, g, o activations in place, cNext = f ⊙ cPrev + i ⊙ g, tanhC = tanh(cNext),
// hNext = o ⊙ tanhC.
@inline
function lstmGatesUnit(gates: usize, cPrev: usize, cNext: usize, tanhC: usize, hNext: usize, row: usize, st: usize, ub: usize, kb: usize, pair: bool): void {
  const i = sigmoidLanes(get(row + kb, pair));
  const f = sigmoidLanes(get(row + ub + kb, pair));
  const g = tanhLanes(get(row + 2 * ub + kb, pair));
  const o = sigmoidLanes(get(row + 3 * ub + kb, pair));
  put(row + kb, i, pair);
  put(row + ub + kb, f, pair);
  put(row + 2 * ub + kb, g, pair);
  put(row + 3 * ub + kb, o, pair);
  const c = f64x2.add(f64x2.mul(f, get(cPrev + st + kb, pair)), f64x2.mul(i, g));
  const tc = tanhLanes(c);
  put(cNext + st + kb, c, pair);
  put(tanhC + st + kb, tc, pair);
  put(hNext + st + kb, f64x2.mul(o, tc), pair);
}

export function lstmGates(gates: usize, cPrev: usize, cNext: usize, tanhC: usize, hNext: usize, rows: i32, u: i32): void {
  const ub = <usize>u << 3;
  for (let b = 0; b < rows; b++) {
    const row = gates + <usize>b * 4 * ub;
    const st = <usize>b * ub;
    let k = 0;
    for (; k + 1 < u; k += 2) lstmGatesUnit(gates, cPrev, cNext, tanhC, hNext, row, st, ub, <usize>k << 3, true);
    if (k < u) lstmGatesUnit(gates, cPrev, cNext, tanhC, hNext, row, st, ub, <usize>k << 3, false);
  }
}

// LSTM going back: the four pre-activation gradients, dcNext = dc ⊙ f, with dh = dOut + dhNext
// and dc = dcNext + dh ⊙ o ⊙ (1 - tanh²c).
@inline
function lstmGateGradientsUnit(gates: usize, cPrev: usize, tanhC: usize, dOut: usize, dhNext: usize, dcNext: usize, dGates: usize, row: usize, st: usize, ub: usize, kb: usize, pair: bool): void {
  const i = get(gates + row + kb, pair);
  const f = get(gates + row + ub + kb, pair);
  const g = get(gates + row + 2 * ub + kb, pair);
  const o = get(gates + row + 3 * ub + kb, pair);
  const tc = get(tanhC + st + kb, pair);
  const dh = f64x2.add(get(dOut + st + kb, pair), get(dhNext + st + kb, pair));
  const dc = f64x2.add(get(dcNext + st + kb, pair), f64x2.mul(f64x2.mul(dh, o), f64x2.sub(ONE, f64x2.mul(tc, tc))));
  put(dGates + row + kb, f64x2.mul(f64x2.mul(f64x2.mul(dc, g), i), f64x2.sub(ONE, i)), pair);
  put(dGates + row + ub + kb, f64x2.mul(f64x2.mul(f64x2.mul(dc, get(cPrev + st + kb, pair)), f), f64x2.sub(ONE, f)), pair);
  put(dGates + row + 2 * ub + kb, f64x2.mul(f64x2.mul(dc, i), f64x2.sub(ONE, f64x2.mul(g, g))), pair);
  put(dGates + row + 3 * ub + kb, f64x2.mul(f64x2.mul(f64x2.mul(dh, tc), o), f64x2.sub(ONE, o)), pair);
  put(dcNext + st + kb, f64x2.mul(dc, f), pair);
}

export function lstmGateGradients(gates: usize, cPrev: usize, tanhC: usize, dOut: usize, dhNext: usize, dcNext: usize, dGates: usize, rows: i32, u: i32): void {
  const ub = <usize>u << 3;
  for (let b = 0; b < rows; b++) {
    const row = <usize>b * 4 * ub;
    const st = <usize>b * ub;
    let k = 0;
    for (; k + 1 < u; k += 2) lstmGateGradientsUnit(gates, cPrev, tanhC, dOut, dhNext, dcNext, dGates, row, st, ub, <usize>k << 3, true);
    if (k < u) lstmGateGradientsUnit(gates, cPrev, tanhC, dOut, dhNext, dcNext, dGates, row, st, ub, <usize>k << 3, false);
  }
}
