// All of a network's parameters live in one flat Float64Array (and their gradients in another
// of the same layout), so an optimizer step is a single loop. This file maps that vector to and
// from tfjs-layers' weight list: per recurrent layer kernel, recurrent_kernel, bias; then the head.
import { GATES, type NamedWeight, type NetworkSpec } from '../types.js';

export interface WeightSlot {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

/** Names, shapes and offsets of every weight tensor in tfjs-layers' order. */
export function weightLayout(spec: NetworkSpec): WeightSlot[] {
  const g = GATES[spec.cell];
  const slots: WeightSlot[] = [];
  let offset = 0;
  const add = (name: string, shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    slots.push({ name, shape, offset, size });
    offset += size;
  };
  let inputSize = spec.features;
  spec.units.forEach((units, i) => {
    add(`rnn_${i}/kernel`, [inputSize, g * units]);
    add(`rnn_${i}/recurrent_kernel`, [units, g * units]);
    add(`rnn_${i}/bias`, [g * units]);
    inputSize = units;
  });
  add('head/kernel', [inputSize, spec.outputs]);
  add('head/bias', [spec.outputs]);
  return slots;
}

/** The parameter count of a layout. */
export function parameterCount(layout: WeightSlot[]): number {
  const last = layout[layout.length - 1]!;
  return last.offset + last.size;
}

/** A new flat vector holding `weights`, after checking their count and shapes against `layout`. */
export function packWeights(layout: WeightSlot[], weights: NamedWeight[]): Float64Array {
  if (!Array.isArray(weights)) throw new TypeError(`weights must be an array of NamedWeight, got ${typeof weights}`);
  if (weights.length !== layout.length) {
    throw new RangeError(`expected ${layout.length} weight tensors, got ${weights.length}`);
  }
  const params = new Float64Array(parameterCount(layout));
  layout.forEach((slot, i) => {
    const w = weights[i]!;
    if (w.shape.length !== slot.shape.length || w.shape.some((d, k) => d !== slot.shape[k])) {
      throw new RangeError(`weight ${slot.name}: expected shape [${slot.shape.join(', ')}], got [${w.shape.join(', ')}]`);
    }
    if (w.values.length !== slot.size) {
      throw new RangeError(`weight ${slot.name}: expected ${slot.size} values, got ${w.values.length}`);
    }
    params.set(w.values, slot.offset);
  });
  return params;
}

/** The weights in `params`, copied to Float32Arrays in tfjs-layers' order and shapes. */
export function unpackWeights(layout: WeightSlot[], params: Float64Array): NamedWeight[] {
  return layout.map((slot) => ({
    name: slot.name,
    shape: [...slot.shape],
    values: Float32Array.from(params.subarray(slot.offset, slot.offset + slot.size)),
  }));
}
