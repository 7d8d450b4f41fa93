// Two-sided significance tests for comparing the test RMSEs of two experiment configurations, each
// run several times. Results match scipy.stats (checked against scipy 1.17.1) so that a number
// printed by `rnnfc compare` can be reproduced in Python.
//
// When a test is undefined its p is NaN, never a silent accident of 0 / 0:
//   welchTTest          either sample has fewer than 2 values, or both samples are constant
//                       (the variance of the mean difference is 0, so df is 0 / 0).
//   mannWhitneyU        never: with all values equal the only ordering is the observed one, p = 1.
//   wilcoxonSignedRank  every pair is equal: zero_method 'wilcox' drops zero differences, and
//                       no observation is left to rank.
// Empty samples, non-finite values and (for the paired test) samples of different lengths are
// caller bugs and throw.

import { describe, requireFiniteSample } from './describe.js';

export interface WelchTTest {
  /** (mean(a) - mean(b)) / sqrt(var(a)/na + var(b)/nb), sample variances. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number;
  /** Two-sided p-value. */
  p: number;
}

export interface MannWhitneyU {
  /** U for sample a: the number of pairs (x from a, y from b) with x > y, ties counting 1/2. */
  u: number;
  /** Two-sided p-value. */
  p: number;
}

export interface WilcoxonSignedRank {
  /** min(r+, r-), the smaller of the rank sums of positive and negative differences a - b. */
  w: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Welch's unequal-variance t-test (Welch 1947, "The generalization of 'Student's' problem when
 * several different population variances are involved", Biometrika 34). Same as
 * scipy.stats.ttest_ind(a, b, equal_var=False) and R's t.test(a, b).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchTTest {
  requireFiniteSample(a, 'a');
  requireFiniteSample(b, 'b');
  const na = a.length;
  const nb = b.length;
  if (na < 2 || nb < 2) return { t: Number.NaN, df: Number.NaN, p: Number.NaN };

  // describe() reports a constant sample with std exactly 0, which the se2 === 0 case relies on.
  const { mean: meanA, std: stdA } = describe(a);
  const { mean: meanB, std: stdB } = describe(b);
  const seA2 = (stdA * stdA) / na; // squared standard error of mean(a)
  const seB2 = (stdB * stdB) / nb;
  const se2 = seA2 + seB2;
  const meanDiff = meanA - meanB;
  if (se2 === 0) {
    // scipy reports p = 0 for two different constants and NaN for two equal ones; both rest on a
    // t distribution with 0 / 0 degrees of freedom, so neither is a p-value.
    return { t: meanDiff === 0 ? Number.NaN : Math.sign(meanDiff) * Infinity, df: Number.NaN, p: Number.NaN };
  }
  const t = meanDiff / Math.sqrt(se2);
  // Welch–Satterthwaite: df = (sA²/nA + sB²/nB)² / ((sA²/nA)²/(nA-1) + (sB²/nB)²/(nB-1))
  const df = (se2 * se2) / ((seA2 * seA2) / (na - 1) + (seB2 * seB2) / (nb - 1));
  return { t, df, p: studentTTwoSided(t, df) };
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum), two-sided, matching
 * scipy.stats.mannwhitneyu(a, b, alternative='two-sided') with its defaults use_continuity=True,
 * method='auto'. scipy's 'auto' (scipy/stats/_mannwhitneyu.py, _mwu_choose_method) uses the exact
 * null distribution unless both samples have more than 8 values or there are ties, and the normal
 * approximation otherwise, with the tie-corrected variance and a continuity correction of 1/2.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyU {
  requireFiniteSample(a, 'a');
  requireFiniteSample(b, 'b');
  const n1 = a.length;
  const n2 = b.length;
  const { ranks, tieSizes } = midranks([...a, ...b]);
  const rankSumA = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u1 = rankSumA - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  // The two-sided p doubles the upper tail at the larger of U1 and U2 (scipy does the same).
  const uMax = Math.max(u1, u2);
  const hasTies = tieSizes.some((t) => t > 1);

  if (!hasTies && (n1 <= 8 || n2 <= 8)) {
    return { u: u1, p: Math.min(1, 2 * mannWhitneyUpperTail(uMax, n1, n2)) };
  }
  // Normal approximation, scipy docs "Normal approximation and tie correction":
  // sd = sqrt(n1 n2 / 12 * ((n + 1) - sum(t³ - t) / (n (n - 1))))
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((s, t) => s + (t * t * t - t), 0);
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // sd is 0 only when every value is equal: then U1 = U2 = n1 n2 / 2 is the only possible outcome.
  if (sd === 0) return { u: u1, p: 1 };
  const z = (uMax - (n1 * n2) / 2 - 0.5) / sd;
  return { u: u1, p: Math.min(1, 2 * normalUpperTail(z)) };
}

/**
 * Wilcoxon signed-rank test for paired samples, two-sided, matching scipy.stats.wilcoxon(a, b)
 * with its defaults zero_method='wilcox', correction=False, method='auto'. In scipy 1.17 'auto'
 * (scipy/stats/_wilcoxon.py, _wilcoxon_nd) means, with n the number of pairs before dropping
 * zero differences:
 *   - n <= 50, no ties, no zeros: the exact null distribution of r+ (Hollander & Wolfe,
 *     Nonparametric Statistical Methods, 3rd ed., section 3.1: each of the 2^n sign patterns of
 *     the ranks is equally likely);
 *   - n <= 13 with ties or zeros: a permutation test over all 2^n sign flips, which is the same
 *     enumeration done on the midranks of the non-zero differences;
 *   - otherwise the normal approximation with tie-corrected variance
 *     n'(n'+1)(2n'+1)/24 - sum(t³ - t)/48 (n' = non-zero differences) and no continuity correction.
 * Older scipy (before the permutation branch) used the normal approximation whenever there were
 * ties or zeros; the two differ for small samples.
 */
export function wilcoxonSignedRank(a: readonly number[], b: readonly number[]): WilcoxonSignedRank {
  requireFiniteSample(a, 'a');
  requireFiniteSample(b, 'b');
  if (a.length !== b.length) {
    throw new RangeError(
      `a and b must be paired samples of the same length, got ${a.length} and ${b.length} values`,
    );
  }
  const n = a.length;
  const differences = a.map((x, i) => x - b[i]);
  const nonZero = differences.filter((d) => d !== 0);
  if (nonZero.length === 0) return { w: 0, p: Number.NaN };

  const { ranks, tieSizes } = midranks(nonZero.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) rPlus += ranks[i];
    else rMinus += ranks[i];
  });
  const w = Math.min(rPlus, rMinus);
  const hasTies = tieSizes.some((t) => t > 1);
  const hasZeros = nonZero.length < n;

  if ((!hasTies && !hasZeros && n <= 50) || ((hasTies || hasZeros) && n <= 13)) {
    return { w, p: signedRankExactTwoSided(ranks, rPlus) };
  }
  const m = nonZero.length;
  const tieTerm = tieSizes.reduce((s, t) => s + (t * t * t - t), 0);
  const sd = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - tieTerm / 48);
  const z = (rPlus - (m * (m + 1)) / 4) / sd;
  return { w, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/** Ranks 1..n with ties given their average rank, and the size of every tie group. */
function midranks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]] = averageRank;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * P(U >= u) under H0 for samples of sizes n1, n2 without ties. The number of orderings of the
 * pooled sample with U = k is the coefficient of q^k in the Gaussian binomial coefficient
 *   [m+n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i)
 * (Andrews, The Theory of Partitions, 1976, thm 3.1; Mann & Whitney 1947 give the equivalent
 * recurrence). Counting with BigInt keeps it exact, and taking m = min(n1, n2) keeps it at
 * O(m² n) operations even when the other sample is large.
 */
function mannWhitneyUpperTail(u: number, n1: number, n2: number): number {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  let counts: bigint[] = [1n]; // [n + i choose i]_q, here for i = 0
  for (let i = 1; i <= m; i++) {
    const degree = i * n;
    const next = new Array<bigint>(degree + 1).fill(0n);
    for (let k = 0; k <= degree; k++) {
      // multiply by (1 - q^(n+i)), then divide by (1 - q^i), which is exact
      const product = (counts[k] ?? 0n) - (k >= n + i ? counts[k - n - i] : 0n);
      next[k] = product + (k >= i ? next[k - i] : 0n);
    }
    counts = next;
  }
  let tail = 0n;
  let total = 0n;
  counts.forEach((c, k) => {
    total += c;
    if (k >= u) tail += c;
  });
  return Number(tail) / Number(total);
}

/**
 * Two-sided p of the signed-rank statistic r+ by enumerating the 2^n equally likely sign patterns
 * of the given (mid)ranks: p = 2 min(P(R+ <= r+), P(R+ >= r+)), capped at 1. Midranks are
 * multiples of 1/2, so sums are counted on doubled ranks, which are integers. Counts stay below
 * 2^50 for n <= 50 and are therefore exact in a double.
 */
function signedRankExactTwoSided(ranks: readonly number[], rPlus: number): number {
  const doubled = ranks.map((r) => Math.round(2 * r));
  const total = doubled.reduce((s, r) => s + r, 0);
  let counts = new Float64Array(total + 1);
  counts[0] = 1;
  for (const r of doubled) {
    const next = counts.slice();
    for (let s = total - r; s >= 0; s--) next[s + r] += counts[s];
    counts = next;
  }
  const observed = Math.round(2 * rPlus);
  let atMost = 0;
  let atLeast = 0;
  for (let s = 0; s <= total; s++) {
    if (s <= observed) atMost += counts[s];
    if (s >= observed) atLeast += counts[s];
  }
  const patterns = 2 ** ranks.length;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / patterns);
}

/** P(|T| >= |t|) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2), NR 6.4. */
function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
}

/** P(Z >= z) for a standard normal Z, as erfc(z / sqrt 2) / 2. */
function normalUpperTail(z: number): number {
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const tail = erfc(Math.abs(z) / Math.SQRT2) / 2;
  return z >= 0 ? tail : 1 - tail;
}

/**
 * erfc(x) for x >= 0 as the regularized upper incomplete gamma function Q(1/2, x²)
 * (Numerical Recipes, 2nd ed., section 6.2, gser / gcf). With a = 1/2, Γ(a) = sqrt(π) exactly, so
 * no log-gamma approximation limits the accuracy.
 */
function erfc(x: number): number {
  const a = 0.5;
  const y = x * x;
  if (y === 0) return 1;
  const prefactor = Math.exp(-y + a * Math.log(y)) / Math.sqrt(Math.PI);
  if (y < a + 1) {
    // series for P(a, y): sum y^k / (a (a+1) ... (a+k)), Q = 1 - P
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 500; k++) {
      term *= y / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * Number.EPSILON) break;
    }
    return 1 - sum * prefactor;
  }
  // continued fraction for Q(a, y), modified Lentz
  const tiny = 1e-300;
  let b = y + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON) break;
  }
  return prefactor * h;
}

/**
 * I_x(a, b), the regularized incomplete beta function (Numerical Recipes, 2nd ed., section 6.4,
 * betai), evaluated with the continued fraction where it converges fast and the symmetry
 * I_x(a, b) = 1 - I_{1-x}(b, a) elsewhere.
 */
function regularizedIncompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Continued fraction for I_x(a, b) by the modified Lentz method (Numerical Recipes 6.4, betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    // even step of the recurrence
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    // odd step
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON) break;
  }
  return h;
}

/**
 * ln Γ(z) for z > 0 by the Lanczos approximation with g = 7 and 9 coefficients (the widely used
 * set from Godfrey; relative error around 1e-15), using the reflection formula below 1/2.
 */
function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const x = z - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (x + i);
  const t = x + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(series);
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
