// A seeded data set of labelled sequences in the layout people bring to "train on whole
// sequences, then stream row by row": sequences of 100 rows, 3 features, one 0/1 label per
// sequence (repeated on each of its rows, so --labels per-step can use it). No single row tells
// the class: x1 is shifted by only ±0.1 in unit noise, and x2 is a cycle whose period (16 rows for
// class 1, 20 for class 0, random phase) shows only over several rows; x3 is noise. A classifier
// that reads rows one at a time must accumulate the evidence, which is where per-step training helps.
import { seededRandom } from '../src/util/random.js';

export interface SequenceLabelOptions {
  sequences: number;
  steps: number;
  seed: number;
}

export const SEQUENCE_LABEL_DEFAULTS: SequenceLabelOptions = { sequences: 100, steps: 100, seed: 1 };

/** The CSV text: header `sequence,x1,x2,x3,label`, then `sequences * steps` rows. */
export function sequenceLabelsCsv(options: SequenceLabelOptions = SEQUENCE_LABEL_DEFAULTS): string {
  const { sequences, steps, seed } = options;
  const random = seededRandom(seed);
  // Box-Muller: a standard normal from two uniforms.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = ['sequence,x1,x2,x3,label'];
  for (let s = 1; s <= sequences; s++) {
    const label = random() < 0.5 ? 0 : 1;
    const phase = 2 * Math.PI * random();
    for (let t = 0; t < steps; t++) {
      const x1 = 0.1 * (2 * label - 1) + normal(); // the weak per-row evidence
      const x2 = Math.sin((2 * Math.PI * t) / (label ? 16 : 20) + phase) + 0.1 * normal(); // a cycle whose period tells the class
      const x3 = normal(); // pure noise
      lines.push(`s${String(s).padStart(3, '0')},${x1.toFixed(4)},${x2.toFixed(4)},${x3.toFixed(4)},${label}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
