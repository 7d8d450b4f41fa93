// Seeded pseudo-random numbers: every random choice rnnfc makes (shuffling, dropout masks) comes
// from here, so the same --seed gives the same numbers, run after run.

/** mulberry32's increment: its state after k draws is the seed's plus k times this (mod 2^32). */
const STEP = 0x6d2b79f5;

/** mulberry32: a small, fast 32-bit generator with good statistical quality for this use. */
export function seededRandom(seed: number): () => number {
  return seededRandomFrom(seed, 0);
}

/**
 * seededRandom(seed) after `skip` draws, reached at once: mulberry32's state only counts draws,
 * so any stretch of its numbers can be drawn on its own (by another thread, say).
 */
export function seededRandomFrom(seed: number, skip: number): () => number {
  let a = (((Math.trunc(seed) ^ 0x9e3779b9) >>> 0) + Math.imul(skip, STEP)) >>> 0;
  return () => {
    a = (a + STEP) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new array with 0..n-1 in a random order (Fisher-Yates). */
export function permutation(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Runs `fn` with Math.random replaced by a seeded generator. tfjs draws its unseeded randomness
 * (dropout masks) from Math.random, so this is what makes tfjs training with dropout repeatable.
 */
export function withSeededMathRandom<T>(random: () => number, fn: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** Standard normal numbers from `random` by the Box-Muller transform, two per pair of uniforms. */
export function seededNormal(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * Fills `out` with the normal numbers from index `from` on of seededNormal(seededRandom(seed)):
 * the same numbers, drawn without the ones before them (normal 2p is the cosine and 2p + 1 the
 * sine of the pair drawn from uniforms 2p and 2p + 1).
 */
export function fillNormals(out: Float64Array, seed: number, from: number): void {
  const random = seededRandomFrom(seed, 2 * Math.floor(from / 2));
  let i = 0;
  const pair = () => {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    return [radius * Math.cos(angle), radius * Math.sin(angle)] as const;
  };
  if (from % 2 === 1 && out.length > 0) out[i++] = pair()[1];
  for (; i + 1 < out.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    out[i + 1] = radius * Math.sin(angle);
  }
  if (i < out.length) out[i] = pair()[0];
}
