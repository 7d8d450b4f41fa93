import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mannWhitneyU, welchTTest, wilcoxonSignedRank } from '../../src/stats/significance.js';

// Reference values: unless said otherwise, computed with scipy 1.17.1 (numpy 2.4.6) by
//   scipy.stats.ttest_ind(a, b, equal_var=False)   -> statistic, df, pvalue
//   scipy.stats.mannwhitneyu(a, b)                  -> statistic, pvalue  (two-sided, method 'auto')
//   scipy.stats.wilcoxon(a, b)                      -> statistic, pvalue  (two-sided, method 'auto')
// and printed with repr(float(...)).

function assertClose(actual: number, expected: number, what: string, relTol = 1e-9): void {
  const ok = Math.abs(actual - expected) <= relTol * Math.abs(expected);
  assert.ok(ok, `${what}: expected ${expected}, got ${actual}`);
}

// R's datasets::sleep (Student 1908): extra sleep in hours with two drugs, 10 patients.
const sleepDrug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleepDrug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

// Test RMSEs of 10 repeated runs of two configurations, as `rnnfc compare` will produce them.
const lstmRmse = [0.1831, 0.1794, 0.1902, 0.1856, 0.1811, 0.1877, 0.1823, 0.1949, 0.1801, 0.1865];
const gruRmse = [0.1779, 0.1812, 0.1768, 0.179, 0.1805, 0.1751, 0.1833, 0.1784, 0.1762, 0.1797];
// The same runs reported to 3 decimals: ties within and across samples.
const lstmRmse3 = [0.183, 0.179, 0.19, 0.186, 0.181, 0.188, 0.182, 0.195, 0.18, 0.186];
const gruRmse3 = [0.178, 0.181, 0.177, 0.179, 0.181, 0.175, 0.183, 0.178, 0.176, 0.18];

// --- argument checks and degenerate samples first ---

test('all tests reject empty samples and non-finite values', () => {
  for (const fn of [welchTTest, mannWhitneyU, wilcoxonSignedRank]) {
    assert.throws(() => fn([], [1, 2]), {
      name: 'RangeError',
      message: 'a must contain at least one value, got an empty array',
    });
    assert.throws(() => fn([1, 2], [3, Number.NaN]), {
      name: 'RangeError',
      message: 'b[1] must be a finite number, got NaN',
    });
    assert.throws(() => fn([1, 2], [3, '4' as unknown as number]), {
      name: 'TypeError',
      message: 'b[1] must be a number, got the string "4"',
    });
  }
});

test('welchTTest: p is NaN with fewer than 2 values in a sample (no variance)', () => {
  const r = welchTTest([1], [2, 3, 4]);
  assert.ok(Number.isNaN(r.t) && Number.isNaN(r.df) && Number.isNaN(r.p));
  assert.ok(Number.isNaN(welchTTest([2, 3, 4], [1]).p));
});

test('welchTTest: p is NaN when both samples are constant (df would be 0 / 0)', () => {
  // scipy gives p = nan for equal constants and p = 0.0 for different ones; see significance.ts.
  const equal = welchTTest([0.2, 0.2, 0.2], [0.2, 0.2]);
  assert.ok(Number.isNaN(equal.t) && Number.isNaN(equal.df) && Number.isNaN(equal.p));
  const different = welchTTest([1, 1, 1], [2, 2, 2]);
  assert.equal(different.t, -Infinity);
  assert.ok(Number.isNaN(different.df) && Number.isNaN(different.p));
});

test('welchTTest: one constant sample is fine (df = n - 1 of the other)', () => {
  // scipy: ttest_ind([1,1,1], [2,3,4], equal_var=False) -> t -3.464101615137755, df 2.0,
  // p 0.07417990022744854
  const r = welchTTest([1, 1, 1], [2, 3, 4]);
  assertClose(r.t, -3.464101615137755, 't');
  assertClose(r.df, 2, 'df');
  assertClose(r.p, 0.07417990022744854, 'p');
});

test('mannWhitneyU: all values equal gives U = n1 n2 / 2 and p = 1', () => {
  // scipy: mannwhitneyu([1,1,1], [1,1,1]) -> statistic 4.5, pvalue 1.0
  assert.deepEqual(mannWhitneyU([1, 1, 1], [1, 1, 1]), { u: 4.5, p: 1 });
});

test('mannWhitneyU: one value per sample', () => {
  // scipy: mannwhitneyu([1], [2]) -> 0.0, 1.0 ; mannwhitneyu([1], [2,3,4]) -> 0.0, 0.5
  assert.deepEqual(mannWhitneyU([1], [2]), { u: 0, p: 1 });
  assert.deepEqual(mannWhitneyU([1], [2, 3, 4]), { u: 0, p: 0.5 });
});

test('wilcoxonSignedRank: samples of different lengths are a RangeError', () => {
  assert.throws(() => wilcoxonSignedRank([1, 2, 3], [1, 2]), {
    name: 'RangeError',
    message: 'a and b must be paired samples of the same length, got 3 and 2 values',
  });
});

test('wilcoxonSignedRank: p is NaN when every pair is equal (nothing left to rank)', () => {
  // scipy 1.17.1 returns pvalue 1.0 here for n <= 13 (permutation test of an empty sum) and nan
  // for larger n (0 / 0 in the normal approximation); we say "undefined" in both cases.
  const r = wilcoxonSignedRank([0.1, 0.2, 0.3], [0.1, 0.2, 0.3]);
  assert.equal(r.w, 0);
  assert.ok(Number.isNaN(r.p));
  assert.ok(Number.isNaN(wilcoxonSignedRank(new Array(20).fill(1), new Array(20).fill(1)).p));
});

test('wilcoxonSignedRank: one pair and two pairs', () => {
  // scipy: wilcoxon([1], [2]) -> 0.0, 1.0 ; wilcoxon([1,2], [2,3]) -> 0.0, 0.5
  assert.deepEqual(wilcoxonSignedRank([1], [2]), { w: 0, p: 1 });
  assert.deepEqual(wilcoxonSignedRank([1, 2], [2, 3]), { w: 0, p: 0.5 });
});

test('tests do not mutate their inputs', () => {
  const a = [3, 1, 2, 5, 4];
  const b = [2, 2, 6, 1, 0];
  welchTTest(a, b);
  mannWhitneyU(a, b);
  wilcoxonSignedRank(a, b);
  assert.deepEqual(a, [3, 1, 2, 5, 4]);
  assert.deepEqual(b, [2, 2, 6, 1, 0]);
});

// --- Welch ---

test('welchTTest: R sleep data, the example of ?t.test', () => {
  // R: t.test(extra ~ group, data = sleep) prints t = -1.8608, df = 17.776, p-value = 0.07939.
  // scipy: -1.8608134674868526, 17.776473516178488, 0.0793941401873583
  const r = welchTTest(sleepDrug1, sleepDrug2);
  assertClose(r.t, -1.8608134674868526, 't');
  assertClose(r.df, 17.776473516178488, 'df');
  assertClose(r.p, 0.0793941401873583, 'p');
  assert.equal(r.p.toFixed(5), '0.07939');
});

test('welchTTest: 10 runs each, typical RMSEs', () => {
  // scipy: 3.6156100547939696, 13.309758329802117, 0.0030281920654742947
  const r = welchTTest(lstmRmse, gruRmse);
  assertClose(r.t, 3.6156100547939696, 't');
  assertClose(r.df, 13.309758329802117, 'df');
  assertClose(r.p, 0.0030281920654742947, 'p');
});

test('welchTTest: swapping the samples flips t and keeps p', () => {
  const ab = welchTTest(lstmRmse, gruRmse);
  const ba = welchTTest(gruRmse, lstmRmse);
  assert.equal(ba.t, -ab.t);
  assertClose(ba.p, ab.p, 'p', 1e-12);
});

test('welchTTest: unequal sizes (10 and 5)', () => {
  // scipy: 2.0413830922100695, 12.970538443257544, 0.06210134378107847
  const r = welchTTest(
    [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
    [1.15, 0.88, 0.9, 0.74, 1.21],
  );
  assertClose(r.t, 2.0413830922100695, 't');
  assertClose(r.df, 12.970538443257544, 'df');
  assertClose(r.p, 0.06210134378107847, 'p');
});

// --- Mann–Whitney U ---

test('mannWhitneyU: exact distribution, textbook example of ?wilcox.test', () => {
  // Hollander & Wolfe (1973), 69f., permeability constants of the chorioamnion at term (x) and
  // at 12 to 26 weeks (y), as in R's ?wilcox.test examples: R's one-sided
  // wilcox.test(x, y, alternative = "g") gives W = 35, p-value = 0.1272; two-sided is twice that.
  // scipy (exact, n2 = 5 <= 8, no ties): 35.0, 0.2544122544122544
  const r = mannWhitneyU(
    [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
    [1.15, 0.88, 0.9, 0.74, 1.21],
  );
  assert.equal(r.u, 35);
  assertClose(r.p, 0.2544122544122544, 'p');
});

test('mannWhitneyU: exact for complete separation, 3 and 3', () => {
  // 2 / C(6, 3) = 0.1; scipy: mannwhitneyu([1,2,3], [4,5,6]) -> 0.0, 0.1
  const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
  assert.equal(r.u, 0);
  assertClose(r.p, 0.1, 'p');
  // scipy: mannwhitneyu([1.5,4,2], [3,5,6,7]) -> 1.0, 0.11428571428571428
  assertClose(mannWhitneyU([1.5, 4, 2], [3, 5, 6, 7]).p, 0.11428571428571428, 'p 3v4');
});

test('mannWhitneyU: exact when one sample has 8 values, normal when both have 9', () => {
  const x8 = [0.181, 0.176, 0.189, 0.184, 0.179, 0.187, 0.174, 0.192];
  const y10 = [0.171, 0.185, 0.169, 0.178, 0.173, 0.167, 0.18, 0.175, 0.17, 0.177];
  // scipy: 67.0, 0.01554001554001554 (method='asymptotic' would give 0.018543312903260167)
  const r8 = mannWhitneyU(x8, y10);
  assert.equal(r8.u, 67);
  assertClose(r8.p, 0.01554001554001554, 'p 8v10');
  // scipy: 69.0, 0.013418657920497472 (method='exact' would give 0.010612916495269437)
  const r9 = mannWhitneyU([...x8, 0.183], y10.slice(0, 9));
  assert.equal(r9.u, 69);
  assertClose(r9.p, 0.013418657920497472, 'p 9v9');
});

test('mannWhitneyU: 10 runs each, no ties (normal approximation)', () => {
  // scipy: 89.0, 0.0036105143123296027
  const r = mannWhitneyU(lstmRmse, gruRmse);
  assert.equal(r.u, 89);
  assertClose(r.p, 0.0036105143123296027, 'p');
  // U is the statistic of the first sample: U(b, a) = n1 n2 - U(a, b), p unchanged
  const swapped = mannWhitneyU(gruRmse, lstmRmse);
  assert.equal(swapped.u, 11);
  assertClose(swapped.p, r.p, 'p swapped', 1e-12);
});

test('mannWhitneyU: 10 runs each with ties (tie-corrected normal approximation)', () => {
  // scipy: 88.5, 0.003947853114329796
  const r = mannWhitneyU(lstmRmse3, gruRmse3);
  assert.equal(r.u, 88.5);
  assertClose(r.p, 0.003947853114329796, 'p');
});

test('mannWhitneyU: R sleep data, ties, small samples', () => {
  // R: wilcox.test(extra ~ group, data = sleep) prints W = 25.5, p-value = 0.06933 (normal
  // approximation with continuity correction, because of ties).
  // scipy: 25.5, 0.06932757543362658
  const r = mannWhitneyU(sleepDrug1, sleepDrug2);
  assert.equal(r.u, 25.5);
  assertClose(r.p, 0.06932757543362658, 'p');
});

// --- Wilcoxon signed rank ---

test('wilcoxonSignedRank: exact, textbook example of ?wilcox.test', () => {
  // Hollander & Wolfe (1973), 29f., Hamilton depression scale at the first (x) and second (y)
  // visit after starting a tranquilizer, as in R's ?wilcox.test examples:
  // wilcox.test(x, y, paired = TRUE, alternative =
  // "greater") gives V = 40, p-value = 0.01953 (= 10/512); two-sided is 20/512.
  // scipy: 5.0, 0.0390625
  const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
  const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
  assert.deepEqual(wilcoxonSignedRank(x, y), { w: 5, p: 20 / 512 });
});

test('wilcoxonSignedRank: 10 paired runs, no ties (exact)', () => {
  // scipy: 5.0, 0.01953125
  assert.deepEqual(wilcoxonSignedRank(lstmRmse, gruRmse), { w: 5, p: 0.01953125 });
});

test('wilcoxonSignedRank: 10 pairs with ties and zeros (exact over sign flips of midranks)', () => {
  // differences 2, 0, -1, 4, 3, 3, 0, 5, 1, 3
  // scipy 1.17.1: 1.5, 0.0234375 (its 'auto' runs a permutation test for n <= 13 with ties;
  // method='asymptotic', the choice of older scipy, gives 0.020085286672471166)
  const a = [12, 15, 11, 18, 14, 16, 13, 17, 15, 14];
  const b = [10, 15, 12, 14, 11, 13, 13, 12, 14, 11];
  assert.deepEqual(wilcoxonSignedRank(a, b), { w: 1.5, p: 0.0234375 });
});

test('wilcoxonSignedRank: R sleep data (a zero difference and ties)', () => {
  // scipy 1.17.1: 0.0, 0.00390625 (all 9 non-zero differences negative: 2 * 2/2^10).
  // R's wilcox.test(..., paired = TRUE) prints V = 0, p-value = 0.009091 because it uses the
  // normal approximation with continuity correction there; scipy's
  // wilcoxon(method='asymptotic', correction=True) reproduces 0.009090698015925044.
  assert.deepEqual(wilcoxonSignedRank(sleepDrug1, sleepDrug2), { w: 0, p: 0.00390625 });
});

test('wilcoxonSignedRank: 20 pairs with ties and zeros (normal approximation, tie-corrected)', () => {
  // scipy: 3.0, 0.00031510876541012523 (3 zero differences)
  const a = [3, 5, 2, 6, 4, 7, 3, 5, 6, 4, 8, 2, 5, 6, 7, 3, 4, 5, 6, 9];
  const b = [2, 3, 2, 4, 5, 5, 1, 3, 4, 4, 6, 1, 4, 4, 5, 3, 2, 3, 5, 6];
  const r = wilcoxonSignedRank(a, b);
  assert.equal(r.w, 3);
  assertClose(r.p, 0.00031510876541012523, 'p');
});

test('wilcoxonSignedRank: exact up to 50 pairs, normal approximation above', () => {
  // numpy: i = np.arange(1, 61); d = (i * 37 % 61) - 20.25; a = i + d; b = i (no ties, no zeros)
  const i = Array.from({ length: 60 }, (_, k) => k + 1);
  const a = i.map((v) => v + (((v * 37) % 61) - 20.25));
  const b = i.map((v) => v);
  // scipy wilcoxon(a[:50], b[:50]): 299.0, 0.0008156048825487261 (asymptotic: 0.0010845019501392556)
  const r50 = wilcoxonSignedRank(a.slice(0, 50), b.slice(0, 50));
  assert.equal(r50.w, 299);
  assertClose(r50.p, 0.0008156048825487261, 'p n=50');
  // scipy wilcoxon(a, b): 400.0, 0.00014990574129693715
  const r60 = wilcoxonSignedRank(a, b);
  assert.equal(r60.w, 400);
  assertClose(r60.p, 0.00014990574129693715, 'p n=60');
});
