// A saved model fed one row at a time, for `forecast --stream`. Each row is transformed, scaled
// and encoded on arrival with the model's fitted encodings; what is carried from row to row
// depends on how the network was trained:
// - a window model (--lags n, one output per window) keeps the last rows it needs (n, plus the
//   rows its transforms look back on) and runs each row's window through the network, exactly as
//   `forecast` runs the last window of a history: stateless, every window from zero state;
//   stateful, the state carried from window to window as `forecast` primes it;
// - a model that reads whole sequences or puts a label on every step (per-step) runs as a stateful
//   batch-1 twin with one time step, fed one row a call, the state carried: its output at a row is
//   what the network gives at that step of the whole sequence run at once.
// `reset()` forgets what is carried: the kept rows and the network state.
import type { NetworkSpec, Stepper } from '../engines/types.js';
import type { FeatureEncoding, TargetEncoding, Transform } from '../core/types.js';
import { inputWidth } from '../pipeline/encode.js';
import { encodeOneHot } from '../transforms/one-hot.js';
import { scaleValue, unscaleValue } from '../transforms/scaler.js';
import { applyTransform, invertTransform, transformLag } from '../transforms/transform.js';
import type { ForecastReset } from '../core/types.js';

/** One input row: the value of each column the model reads, by name. */
export type RowValues = ReadonlyMap<string, number | string>;

/** What the network gives for a row, before it is read as a forecast or as class probabilities. */
export type RowOutput =
  /** Regression: the h forecast values (the estimate of the row itself for --horizon 0), un-scaled and un-transformed. */
  | { kind: 'forecast'; values: number[] }
  /** Classification: one probability per class. */
  | { kind: 'classes'; probabilities: number[] };

/** How the network's outputs are read. */
export type OutputReading =
  | { kind: 'regression'; target: TargetEncoding; horizon: number }
  | { kind: 'classify'; classes: readonly string[]; head: 'sigmoid' | 'softmax' };

export interface RowStreamModelOptions {
  spec: NetworkSpec;
  features: readonly FeatureEncoding[];
  reading: OutputReading;
  /** Row by row with the state carried (whole sequences, per-step labels), or window by window. */
  mode: 'step' | 'window';
  /** A stateful window model reset after each window (train --forecast-reset step). */
  forecastReset: ForecastReset;
  /** Builds the batch-1 network this model runs (the twin for step mode). */
  stepper: Stepper;
}

/** The batch-1 twin that runs a whole-sequence or per-step network one row a call, state carried. */
export function stepTwin(spec: NetworkSpec): NetworkSpec {
  return { ...spec, timeSteps: 1, perStep: false, stateful: true, batchSize: 1, dropout: 0 };
}

export class RowStreamModel {
  private readonly width: number;
  /** Rows a window spans: the lags, or 1 in step mode. */
  private readonly steps: number;
  /** Rows before the first one with every transformed value. */
  private readonly start: number;
  /** Raw numeric values of the kept rows, by column (for the transforms and their inverse). */
  private readonly raw = new Map<string, number[]>();
  /** Encoded inputs of the kept rows, `width` each. */
  private encoded: Float32Array[] = [];
  /** Rows taken since the last reset. */
  private taken = 0;
  private readonly transforms = new Map<string, Transform>();
  /** Rows of each one-hot column whose category was not seen in training, and those categories. */
  private readonly unseen = new Map<string, { rows: number; categories: Set<string> }>();

  constructor(private readonly o: RowStreamModelOptions) {
    this.width = inputWidth(o.features);
    this.steps = o.mode === 'step' ? 1 : o.spec.timeSteps;
    for (const f of o.features) if (f.kind === 'numeric') this.transforms.set(f.column, f.transform);
    // the target's own values undo a diff or pct transform of the forecasts
    if (o.reading.kind === 'regression' && transformLag(o.reading.target.transform) > 0) this.transforms.set(o.reading.target.column, o.reading.target.transform);
    // as `forecast` counts it: the first row where every transform, the target's too, has a value
    this.start = Math.max(0, ...[...this.transforms.values()].map(transformLag));
    if (o.reading.kind === 'regression') this.start = Math.max(this.start, transformLag(o.reading.target.transform));
    if (this.width !== o.spec.features) throw new RangeError(`the encodings give ${this.width} inputs, the network reads ${o.spec.features}`);
  }

  /** The numeric columns a row must give (features, and the target where its transform is undone from its values). */
  numericColumns(): string[] {
    return [...this.transforms.keys()];
  }

  /** Rows after a reset before the first output. */
  get warmUp(): number {
    return this.start + this.steps - 1;
  }

  reset(): void {
    this.raw.clear();
    this.encoded = [];
    this.taken = 0;
    this.o.stepper.resetStates();
  }

  /**
   * Takes one row; returns the network's output for it, or null while the rows since the last
   * reset are too few. `where` names the row in a DataError (a log of a value <= 0): such a row
   * is left out, and what is carried is as before it.
   */
  push(row: RowValues, where: string): RowOutput | null {
    const t = this.taken;
    // the transformed value of each numeric column at this row (NaN before its transform has one)
    const transformed = new Map<string, number>();
    for (const [column, transform] of this.transforms) {
      const kept = this.raw.get(column) ?? [];
      const lag = transformLag(transform);
      const window = [...kept.slice(Math.max(0, kept.length - lag)), row.get(column) as number];
      const values = applyTransform(window, transform, () => `${where}: column "${column}"`);
      transformed.set(column, values[values.length - 1]!);
    }
    // encoded as encodeRows does, into 32-bit floats
    const input = new Float32Array(this.width);
    let offset = 0;
    for (const f of this.o.features) {
      if (f.kind === 'numeric') {
        input[offset] = t < this.start ? NaN : scaleValue(f.scaler, 0, transformed.get(f.column)!);
        offset += 1;
      } else {
        const category = String(row.get(f.column));
        if (!encodeOneHot(f.categories, category, input, offset)) {
          const u = this.unseen.get(f.column) ?? { rows: 0, categories: new Set<string>() };
          u.rows++;
          u.categories.add(category);
          this.unseen.set(f.column, u);
        }
        offset += f.categories.length;
      }
    }
    const keep = this.start + this.steps + 1;
    for (const column of this.transforms.keys()) {
      const kept = this.raw.get(column) ?? [];
      kept.push(row.get(column) as number);
      if (kept.length > keep) kept.shift();
      this.raw.set(column, kept);
    }
    this.encoded.push(input);
    if (this.encoded.length > this.steps) this.encoded.shift();
    this.taken++;
    if (this.taken < this.start + this.steps) return null;
    const x = new Float32Array(this.steps * this.width);
    this.encoded.forEach((e, i) => x.set(e, i * this.width));
    const out = this.o.stepper.predict(x);
    if (this.o.mode === 'window' && this.o.spec.stateful && this.o.forecastReset === 'step') this.o.stepper.resetStates();
    return this.read(out);
  }

  /** One warning per one-hot column that met categories not seen in the training rows. */
  unseenWarnings(): string[] {
    return [...this.unseen].map(([column, { rows, categories }]) => {
      const list = [...categories].slice(0, 3).map((c) => JSON.stringify(c)).join(', ');
      return (
        `${rows} ${rows === 1 ? 'row' : 'rows'} of column "${column}" ${rows === 1 ? 'holds a category' : 'hold categories'} not seen in the training rows ` +
        `(${list}${categories.size > 3 ? ', ...' : ''}): encoded as all zeros`
      );
    });
  }

  private read(out: Float32Array): RowOutput {
    const r = this.o.reading;
    if (r.kind === 'classify') {
      const probabilities = r.head === 'sigmoid' && out.length === 1 ? [1 - out[0]!, out[0]!] : Array.from(out);
      return { kind: 'classes', probabilities };
    }
    // the row just taken is row `last` of the kept target values
    const values = this.raw.get(r.target.column) ?? [];
    // only diff and pct read earlier values, and then the target's values are kept
    const last = Math.max(0, values.length - 1);
    const outputs = Array.from(out, (v) => unscaleValue(r.target.scaler, 0, v));
    const first = r.horizon === 0 || this.o.mode === 'step' ? last : last + 1;
    return { kind: 'forecast', values: invertTransform(r.target.transform, outputs, first, (row) => values[row]!) };
  }
}
