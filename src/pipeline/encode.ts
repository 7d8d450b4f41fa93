// Every row of the table as network inputs: each numeric feature transformed and scaled with
// its own scaler, each category feature one-hot; and the target transformed and scaled.
import type { FeatureEncoding, Table, TargetEncoding } from '../core/types.js';
import { encodeOneHot } from '../transforms/one-hot.js';
import { scaleValue } from '../transforms/scaler.js';

export interface EncodedRows {
  /** Inputs per row: one per numeric feature, one per category of a one-hot feature. */
  width: number;
  /** [rows, width]; NaN in rows before the transforms have a value. */
  inputs: Float32Array;
  /** The scaled, transformed target of each row. */
  target: Float64Array;
  /** Names of the inputs, for `prepare` (`temp`, `wnd_dir=SE`). */
  names: string[];
  /** One warning per column with categories not seen in training rows, counting rows in [from, to). */
  unseenWarnings(from: number, to: number): string[];
}

export function inputWidth(features: readonly FeatureEncoding[]): number {
  return features.reduce((n, f) => n + (f.kind === 'numeric' ? 1 : f.categories.length), 0);
}

export function inputNames(features: readonly FeatureEncoding[]): string[] {
  return features.flatMap((f) => (f.kind === 'numeric' ? [f.column] : f.categories.map((c) => `${f.column}=${c}`)));
}

export function encodeRows(table: Table, features: FeatureEncoding[], target: TargetEncoding, transformed: Map<string, Float64Array>, start: number): EncodedRows {
  const rows = table.times.length;
  const width = inputWidth(features);
  const inputs = new Float32Array(rows * width);
  const unseen = features.map(() => new Uint8Array(rows));
  let offset = 0;
  features.forEach((f, k) => {
    if (f.kind === 'numeric') {
      const values = transformed.get(f.column)!;
      for (let r = 0; r < rows; r++) inputs[r * width + offset] = r < start ? NaN : scaleValue(f.scaler, 0, values[r]!);
      offset += 1;
    } else {
      const column = table.columns.find((c) => c.name === f.column)!;
      const values = column.values as string[];
      for (let r = 0; r < rows; r++) if (!encodeOneHot(f.categories, values[r]!, inputs, r * width + offset)) unseen[k]![r] = 1;
      offset += f.categories.length;
    }
  });
  const t = transformed.get(target.column)!;
  const targetScaled = Float64Array.from(t, (v, r) => (r < start ? NaN : scaleValue(target.scaler, 0, v)));
  return {
    width,
    inputs,
    target: targetScaled,
    names: inputNames(features),
    unseenWarnings(from, to) {
      const out: string[] = [];
      features.forEach((f, k) => {
        if (f.kind !== 'one-hot') return;
        const column = table.columns.find((c) => c.name === f.column)!.values as string[];
        const seen = new Set<string>();
        let count = 0;
        for (let r = from; r < to; r++) {
          if (unseen[k]![r]) {
            count++;
            seen.add(column[r]!);
          }
        }
        if (count > 0) {
          const list = [...seen].slice(0, 3).map((c) => JSON.stringify(c)).join(', ');
          out.push(
            `${count} ${count === 1 ? 'row' : 'rows'} of column "${f.column}" ${count === 1 ? 'holds a category' : 'hold categories'} not seen in the training rows (${list}${seen.size > 3 ? ', ...' : ''}): encoded as all zeros`,
          );
        }
      });
      return out;
    },
  };
}
