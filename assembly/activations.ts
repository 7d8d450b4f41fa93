// e^x, e^x - 1 and tanh on both f64 lanes at once, giving exactly what V8's Math.exp and
// Math.tanh give, so that the gates of a cell can run in WebAssembly SIMD with the same bits as
// the TypeScript cells (src/engines/fused/gates.ts). V8 computes both with fdlibm's algorithms
// (src/base/ieee754.cc, from FreeBSD's msun); these are the same algorithms, operation for
// operation, with each branch computed on both lanes and the lane's own branch selected. fdlibm
// uses only IEEE +, -, *, / and exponent arithmetic, and wasm has no fused multiply-add, so the
// results are the same bits; test/engines/fused/activations.test.ts checks that against Math.exp
// and Math.tanh over millions of arguments. Arguments outside the range the lanes handle (NaN,
// infinities, |x| near the overflow threshold) go to Math.exp or Math.tanh itself, imported.
//
// The algorithms and constants are fdlibm's, under this notice:
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

// V8 compiles these two imports into direct calls of its own exp and tanh (as Math.exp and
// Math.tanh call them), without entering JavaScript.
@external("Math", "exp") declare function mathExp(x: f64): f64;
@external("Math", "tanh") declare function mathTanh(x: f64): f64;

const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const INV_LN2: f64 = 1.44269504088896338700e+00; // 0x3ff71547 652b82fe
// exp's polynomial
const P1: f64 = 1.66666666666666019037e-01; // 0x3FC55555 5555553E
const P2: f64 = -2.77777777770155933842e-03; // 0xBF66C16C 16BEBD93
const P3: f64 = 6.61375632143793436117e-05; // 0x3F11566A AF25DE2C
const P4: f64 = -1.65339022054652515390e-06; // 0xBEBBBD41 C5D26BF1
const P5: f64 = 4.13813679705723846039e-08; // 0x3E663769 72BEA4D0
// expm1's polynomial
const Q1: f64 = -3.33333333333331316428e-02; // BFA11111 111110F4
const Q2: f64 = 1.58730158725481460165e-03; // 3F5A01A0 19FE5585
const Q3: f64 = -7.93650757867487942473e-05; // BF14CE19 9EAADBB7
const Q4: f64 = 4.00821782732936239552e-06; // 3ED0CFCA 86E65239
const Q5: f64 = -2.01099218183624371326e-07; // BE8AFDB7 6E09C32D

// The splatted constants live in globals: TurboFan builds a v128 constant from immediates with
// three instructions at every use in a loop, a global is one load. resetConstants writes them
// again, so that the optimizer cannot fold them back into constants (it is never needed).
let ZERO: v128 = f64x2.splat(0.0);
export let ONE: v128 = f64x2.splat(1.0);
let MINUS_ONE: v128 = f64x2.splat(-1.0);
let HALF: v128 = f64x2.splat(0.5);
let TWO: v128 = f64x2.splat(2.0);
let MINUS_TWO: v128 = f64x2.splat(-2.0);
let THREE: v128 = f64x2.splat(3.0);
let SIX: v128 = f64x2.splat(6.0);
let TWENTY: v128 = f64x2.splat(20.0);
let FIFTY_SIX: v128 = f64x2.splat(56.0);
let V_INV_LN2: v128 = f64x2.splat(INV_LN2);
let V_LN2_HI: v128 = f64x2.splat(LN2_HI);
let V_LN2_LO: v128 = f64x2.splat(LN2_LO);
let V_P1: v128 = f64x2.splat(P1);
let V_P2: v128 = f64x2.splat(P2);
let V_P3: v128 = f64x2.splat(P3);
let V_P4: v128 = f64x2.splat(P4);
let V_P5: v128 = f64x2.splat(P5);
let V_Q1: v128 = f64x2.splat(Q1);
let V_Q2: v128 = f64x2.splat(Q2);
let V_Q3: v128 = f64x2.splat(Q3);
let V_Q4: v128 = f64x2.splat(Q4);
let V_Q5: v128 = f64x2.splat(Q5);
let ABS_MASK: v128 = i64x2.splat(0x7fffffffffffffff);
let EXPONENT_BIAS_SHIFT: v128 = i64x2.splat(1023 - 0x4338000000000000);
let EXP_LIMIT_HIGH_BELOW: v128 = i64x2.splat(0x40861fff);
let FAR_HIGH_BELOW: v128 = i64x2.splat(0x3ff0a2b1);
let NAN_INF_HIGH_BELOW: v128 = i64x2.splat(0x7fefffff);
let NEAR_HIGH: v128 = i64x2.splat(0x3fd62e42);
let ONE_HIGH_BELOW: v128 = i64x2.splat(0x3fefffff);
let ROUNDING_SHIFT: v128 = f64x2.splat(6755399441055744.0);
let SIGN_BIT: v128 = f64x2.splat(-0.0);
let TANH_ONE_HIGH_BELOW: v128 = i64x2.splat(0x4035ffff);
let TINY_HIGH: v128 = i64x2.splat(0x3e300000);

export function resetConstants(): void {
  ZERO = f64x2.splat(0.0);
  ONE = f64x2.splat(1.0);
  MINUS_ONE = f64x2.splat(-1.0);
  HALF = f64x2.splat(0.5);
  TWO = f64x2.splat(2.0);
  MINUS_TWO = f64x2.splat(-2.0);
  THREE = f64x2.splat(3.0);
  SIX = f64x2.splat(6.0);
  TWENTY = f64x2.splat(20.0);
  FIFTY_SIX = f64x2.splat(56.0);
  V_INV_LN2 = f64x2.splat(INV_LN2);
  V_LN2_HI = f64x2.splat(LN2_HI);
  V_LN2_LO = f64x2.splat(LN2_LO);
  V_P1 = f64x2.splat(P1);
  V_P2 = f64x2.splat(P2);
  V_P3 = f64x2.splat(P3);
  V_P4 = f64x2.splat(P4);
  V_P5 = f64x2.splat(P5);
  V_Q1 = f64x2.splat(Q1);
  V_Q2 = f64x2.splat(Q2);
  V_Q3 = f64x2.splat(Q3);
  V_Q4 = f64x2.splat(Q4);
  V_Q5 = f64x2.splat(Q5);
  ABS_MASK = i64x2.splat(0x7fffffffffffffff);
  EXPONENT_BIAS_SHIFT = i64x2.splat(1023 - 0x4338000000000000);
  EXP_LIMIT_HIGH_BELOW = i64x2.splat(0x40861fff);
  FAR_HIGH_BELOW = i64x2.splat(0x3ff0a2b1);
  NAN_INF_HIGH_BELOW = i64x2.splat(0x7fefffff);
  NEAR_HIGH = i64x2.splat(0x3fd62e42);
  ONE_HIGH_BELOW = i64x2.splat(0x3fefffff);
  ROUNDING_SHIFT = f64x2.splat(6755399441055744.0);
  SIGN_BIT = f64x2.splat(-0.0);
  TANH_ONE_HIGH_BELOW = i64x2.splat(0x4035ffff);
  TINY_HIGH = i64x2.splat(0x3e300000);
}

// The high 32 bits of |x| as an integer lane, as fdlibm's GET_HIGH_WORD(hx, x); hx &= 0x7fffffff.
@inline
function absHighWord(x: v128): v128 {
  return i64x2.shr_u(v128.and(x, ABS_MASK), 32);
}

// The sign bit of each lane (fdlibm's xsb), alone.
@inline
function signBits(x: v128): v128 {
  return v128.and(x, SIGN_BIT);
}

// 2^k for integer-valued f64 lanes k (|k| <= 1022), built in the exponent field: adding
// 1.5·2^52 puts k in the low bits of the sum (as two's complement, once 0x4338... is taken off).
@inline
function powerOfTwo(k: v128): v128 {
  const shifted = f64x2.add(k, ROUNDING_SHIFT);
  return i64x2.shl(i64x2.add(shifted, EXPONENT_BIAS_SHIFT), 52);
}

// fdlibm's argument reduction, shared by exp and expm1: k = 0 where |x| <= ln2 / 2, ±1 below
// 1.5 ln2 (x ∓ ln2_hi), else (int)(x / ln2 ± 1 / 2); returned as a double. For k = ±1,
// x - k·ln2_hi is exactly fdlibm's x ∓ ln2_hi, and k = 0 leaves x as it is.
@inline
function reductionMultiple(x: v128, hx: v128): v128 {
  const sign = signBits(x);
  const far = i64x2.gt_s(hx, FAR_HIGH_BELOW); // hx >= 0x3ff0a2b2
  const near = i64x2.gt_s(hx, NEAR_HIGH);
  const half = v128.or(HALF, sign); // ±0.5 by the sign bit
  const unit = v128.or(ONE, sign);
  const rounded = f64x2.trunc(f64x2.add(f64x2.mul(V_INV_LN2, x), half));
  return v128.bitselect(rounded, v128.and(unit, near), far);
}

// Whether a lane needs Math.exp itself: |x| >= 708 (0x40862000, where 2^k could leave the normal
// numbers), NaN, or x = 1, for which V8 returns Math.E, one bit off fdlibm's steps.
@inline
function expLeftToMath(x: v128, hx: v128): bool {
  return v128.any_true(v128.or(i64x2.gt_s(hx, EXP_LIMIT_HIGH_BELOW), f64x2.eq(x, ONE)));
}

// e^x in both lanes for |x| < 708; |x| < 2^-28 gives 1 + x, as fdlibm's exp.
@inline
function expInRange(x: v128, hx: v128): v128 {
  const k = reductionMultiple(x, hx);
  const hi = f64x2.sub(x, f64x2.mul(k, V_LN2_HI));
  const lo = f64x2.mul(k, V_LN2_LO);
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  const poly = f64x2.add(V_P1, f64x2.mul(t, f64x2.add(V_P2, f64x2.mul(t, f64x2.add(V_P3, f64x2.mul(t, f64x2.add(V_P4, f64x2.mul(t, V_P5))))))));
  const c = f64x2.sub(r, f64x2.mul(t, poly));
  // fdlibm: k = 0 gives 1 - ((x·c)/(c - 2) - x), otherwise 1 - ((lo - (x·c)/(2 - c)) - hi) scaled
  // by 2^k; with k = 0 (lo = 0, hi = x) the second is the first, bit for bit, since c - 2 is
  // exactly -(2 - c).
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(TWO, c));
  const y = f64x2.sub(ONE, f64x2.sub(f64x2.sub(lo, q), hi));
  const scaled = f64x2.mul(y, powerOfTwo(k));
  const tiny = i64x2.lt_s(hx, TINY_HIGH);
  return v128.bitselect(f64x2.add(ONE, x), scaled, tiny);
}

/** Math.exp of both lanes. */
@inline
export function expLanes(x: v128): v128 {
  const hx = absHighWord(x);
  if (expLeftToMath(x, hx)) return f64x2.replace_lane(f64x2.splat(mathExp(f64x2.extract_lane(x, 0))), 1, mathExp(f64x2.extract_lane(x, 1)));
  return expInRange(x, hx);
}

/** 1 / (1 + Math.exp(-x)) on both lanes: the logistic function as the TypeScript computes it. */
@inline
export function sigmoidLanes(x: v128): v128 {
  return f64x2.div(ONE, f64x2.add(ONE, expLanes(f64x2.neg(x))));
}

// Which arguments expm1ForTanh is given: any mix, only negative ones (tanh of |x| < 1), or only
// positive ones (|x| >= 1). Constants, so that each inlined copy keeps only its own endings.
const MIXED = 0;
const BELOW_ONE = 1;
const FROM_ONE = 2;

// e^x - 1 as fdlibm's expm1, for the arguments tanh gives it: x in (-2, -2^-27] (k = 0, -1, -2
// or -3) or [2, 64) (k from 3 to 92). fdlibm's ending for k = 1 is left out: no such x has it.
@inline
function expm1ForTanh(x: v128, kind: i32): v128 {
  const hx = absHighWord(x);
  const k = reductionMultiple(x, hx);
  const hi = f64x2.sub(x, f64x2.mul(k, V_LN2_HI));
  const lo = f64x2.mul(k, V_LN2_LO);
  const r = f64x2.sub(hi, lo);
  const c = f64x2.sub(f64x2.sub(hi, r), lo); // 0 where k = 0
  const hfx = f64x2.mul(HALF, r);
  const hxs = f64x2.mul(r, hfx);
  const r1 = f64x2.add(ONE, f64x2.mul(hxs, f64x2.add(V_Q1, f64x2.mul(hxs, f64x2.add(V_Q2, f64x2.mul(hxs, f64x2.add(V_Q3, f64x2.mul(hxs, f64x2.add(V_Q4, f64x2.mul(hxs, V_Q5))))))))));
  const t = f64x2.sub(THREE, f64x2.mul(r1, hfx));
  const e0 = f64x2.mul(hxs, f64x2.div(f64x2.sub(r1, t), f64x2.sub(SIX, f64x2.mul(r, t))));
  // every k but 0: e = (x·(e - c) - c) - hxs, then its ending
  const e = f64x2.sub(f64x2.sub(f64x2.mul(r, f64x2.sub(e0, c)), c), hxs);
  const eMinusX = f64x2.sub(e, r);
  // The endings other than k = 0 and k = -1 all end in a product with 2^k:
  //   k <= -2 or k > 56: (1 - (e - x))·2^k - 1
  //   k < 20:            ((1 - 2^-k) - (e - x))·2^k
  //   20 <= k <= 56:     ((x - (e + 2^-k)) + 1)·2^k
  let factor = f64x2.sub(ONE, eMinusX);
  let far = v128.or(f64x2.le(k, MINUS_TWO), f64x2.gt(k, FIFTY_SIX));
  if (kind == BELOW_ONE) far = f64x2.le(k, MINUS_TWO);
  if (kind != BELOW_ONE) {
    const twoPowMinusK = powerOfTwo(f64x2.neg(k));
    const near = v128.bitselect(
      f64x2.sub(f64x2.sub(ONE, twoPowMinusK), eMinusX),
      f64x2.add(f64x2.sub(r, f64x2.add(e, twoPowMinusK)), ONE),
      f64x2.lt(k, TWENTY),
    );
    factor = v128.bitselect(factor, near, far);
  }
  const scaled = f64x2.mul(factor, powerOfTwo(k));
  let y = v128.bitselect(f64x2.sub(scaled, ONE), scaled, far);
  if (kind != FROM_ONE) {
    // k = -1: 0.5·(x - e) - 0.5; k = 0: x - (x·e - hxs)
    y = v128.bitselect(f64x2.sub(f64x2.mul(HALF, f64x2.sub(r, e)), HALF), y, f64x2.eq(k, MINUS_ONE));
    y = v128.bitselect(f64x2.sub(r, f64x2.sub(f64x2.mul(r, e0), hxs)), y, f64x2.eq(k, ZERO));
  }
  return y;
}

/** Math.tanh of both lanes. */
@inline
export function tanhLanes(x: v128): v128 {
  const ix = absHighWord(x);
  if (v128.any_true(i64x2.gt_s(ix, NAN_INF_HIGH_BELOW))) {
    // NaN or an infinity in a lane (ix >= 0x7ff00000)
    return f64x2.replace_lane(f64x2.splat(mathTanh(f64x2.extract_lane(x, 0))), 1, mathTanh(f64x2.extract_lane(x, 1)));
  }
  // fdlibm, for 2^-28 <= |x| < 22: |x| >= 1 gives 1 - 2/(expm1(2|x|) + 2), below 1
  // -t/(t + 2) with t = expm1(-2|x|); the sign of x is put back after. Both lanes on the same
  // side of 1 (the common case) take the side's steps alone.
  const a = f64x2.abs(x);
  const large = i64x2.gt_s(ix, ONE_HIGH_BELOW); // ix >= 0x3ff00000
  let z: v128;
  if (!v128.any_true(large)) {
    const t = expm1ForTanh(f64x2.mul(MINUS_TWO, a), BELOW_ONE);
    z = f64x2.div(f64x2.neg(t), f64x2.add(t, TWO));
  } else if (i64x2.all_true(large)) {
    const t = expm1ForTanh(f64x2.mul(TWO, a), FROM_ONE);
    z = f64x2.sub(ONE, f64x2.div(TWO, f64x2.add(t, TWO)));
  } else {
    const t = expm1ForTanh(v128.bitselect(f64x2.mul(TWO, a), f64x2.mul(MINUS_TWO, a), large), MIXED);
    const d = f64x2.add(t, TWO);
    z = v128.bitselect(f64x2.sub(ONE, f64x2.div(TWO, d)), f64x2.div(f64x2.neg(t), d), large);
  }
  // |x| >= 22 (ix >= 0x40360000): 1 - tiny, which is 1
  z = v128.bitselect(ONE, z, i64x2.gt_s(ix, TANH_ONE_HIGH_BELOW));
  z = v128.xor(z, signBits(x));
  // |x| < 2^-28: x itself
  return v128.bitselect(x, z, i64x2.lt_s(ix, TINY_HIGH));
}
