// The inputs of a saved whole-sequence model for the sequences of a new table: each sequence
// transformed on its own and encoded with the model's fitted encodings, as training framed them,
// one sample of its last `steps` rows each.
import { DataError } from '../errors.js';
import type { FeatureEncoding, Table, TargetEncoding } from '../core/types.js';
import { applyTransform, transformLag } from '../transforms/transform.js';
import { encodeRows } from './encode.js';
import { segmentStarts } from './dataset.js';

export interface SequenceInputs {
  /** The id of each sequence, in table order. */
  ids: string[];
  /** The table row of each sequence's last step (where its target sits). */
  ends: number[];
  /** [sequences, steps, width], flat. */
  x: Float32Array;
  width: number;
  warnings: string[];
}

export interface SequenceModel {
  features: FeatureEncoding[];
  target: TargetEncoding;
  /** Time steps per sample. */
  steps: number;
  /** Whether the model reads the last `steps` rows of longer sequences (trained with --lags). */
  lastRows: boolean;
}

export function sequenceInputs(table: Table, model: SequenceModel): SequenceInputs {
  const ids = table.sequences;
  if (!ids) throw new RangeError('the table has no sequences');
  const rows = table.times.length;
  const transformed = new Map<string, Float64Array>();
  const segments = segmentStarts(table);
  const transforms = [model.target.transform, ...model.features.flatMap((f) => (f.kind === 'numeric' ? [f.transform] : []))];
  const start = Math.max(0, ...transforms.map(transformLag));
  for (const c of table.columns) {
    if (c.type !== 'number') continue;
    const f = model.features.find((e) => e.column === c.name);
    const transform = f?.kind === 'numeric' ? f.transform : c.name === model.target.column ? model.target.transform : { kind: 'none' as const };
    const out = new Float64Array(rows);
    segments.forEach((a, k) => {
      const b = segments[k + 1] ?? rows;
      out.set(applyTransform(c.values.subarray(a, b), transform, (r) => `${table.file}:${table.lines[a + r]}: column "${c.name}"`), a);
    });
    transformed.set(c.name, out);
  }
  // the target may be absent from a table to forecast: encoding it is then a row of NaN
  if (!transformed.has(model.target.column)) transformed.set(model.target.column, new Float64Array(rows).fill(NaN));
  const encoded = encodeRows(table, model.features, model.target, transformed, 0);
  const { width } = encoded;
  const ends: number[] = [];
  segments.forEach((a, k) => {
    const b = segments[k + 1] ?? rows;
    const n = b - a - start;
    if (model.lastRows ? n < model.steps : n !== model.steps) {
      throw new DataError(
        `${table.file}:${table.lines[a]}: sequence "${ids[a]}" has ${n} rows, but the model reads ` +
          (model.lastRows ? `the last ${model.steps} rows of each sequence` : `sequences of ${model.steps} rows; every sequence must have that many`),
      );
    }
    ends.push(b - 1);
  });
  const size = model.steps * width;
  const x = new Float32Array(ends.length * size);
  ends.forEach((e, s) => x.set(encoded.inputs.subarray((e - model.steps + 1) * width, (e + 1) * width), s * size));
  return { ids: ends.map((e) => ids[e]!), ends, x, width, warnings: encoded.unseenWarnings(0, rows) };
}
