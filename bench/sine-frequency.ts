// The sine-frequency data set: each sample a whole sine wave of 100 steps, the target its
// frequency (cycles per sample), in the wide layout `frequency,x1,...,x100`: frequencies
// 1..maxFrequency, `examples` random-phase waves each, rows in a seeded random order (so that the
// last rows, the test set, hold every frequency).
import { permutation, seededRandom } from '../src/util/random.js';

export interface SineFrequencyOptions {
  maxFrequency: number;
  examples: number;
  steps: number;
  seed: number;
}

export const SINE_FREQUENCY_DEFAULTS: SineFrequencyOptions = { maxFrequency: 10, examples: 10, steps: 100, seed: 1 };

export function sineFrequencyCsv(o: SineFrequencyOptions = SINE_FREQUENCY_DEFAULTS): string {
  const random = seededRandom(o.seed);
  const rows: string[] = [];
  for (let f = 1; f <= o.maxFrequency; f++) {
    for (let e = 0; e < o.examples; e++) {
      const phase = 2 * Math.PI * random();
      const wave = Array.from({ length: o.steps }, (_, t) => Math.sin((2 * Math.PI * f * t) / o.steps + phase).toFixed(4));
      rows.push(`${f},${wave.join(',')}`);
    }
  }
  const order = permutation(rows.length, random);
  const head = ['frequency', ...Array.from({ length: o.steps }, (_, t) => `x${t + 1}`)].join(',');
  return [head, ...order.map((i) => rows[i]!)].join('\n') + '\n';
}
