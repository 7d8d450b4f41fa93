// The recurrent state a stateful network carries from training into its batch-1 forecasting
// twin. A stateful trainer of batch size B keeps B state rows: row b has read training rows
// b, b + B, b + 2B, ... in time order, so row B - 1 is the one that has just read the last
// training row, and it is the one the test (which follows that row in time) continues from.
import { GATES, type NetworkSpec } from './types.js';

/** States per recurrent layer: h, and c for an LSTM. */
function statesPerLayer(spec: NetworkSpec): number {
  return spec.cell === 'lstm' ? 2 : 1;
}

/** The size of each state array of a network with `batch` rows, in readStates' order. */
export function stateSizes(spec: NetworkSpec, batch: number): number[] {
  if (!(spec.cell in GATES)) throw new TypeError(`cell must be one of lstm, gru, rnn, got ${JSON.stringify(spec.cell)}`);
  return spec.units.flatMap((u) => Array<number>(statesPerLayer(spec)).fill(batch * u));
}

/** Throws a RangeError unless `states` fits a batch-1 twin of `spec` (empty when stateless). */
export function checkTwinStates(spec: NetworkSpec, states: readonly Float32Array[]): void {
  const sizes = spec.stateful ? stateSizes(spec, 1) : [];
  if (states.length !== sizes.length) {
    throw new RangeError(`states must hold ${sizes.length} arrays (h${spec.cell === 'lstm' ? ' and c' : ''} per layer${spec.stateful ? '' : ': none, the network is stateless'}), got ${states.length}`);
  }
  states.forEach((s, i) => {
    if (s.length !== sizes[i]) throw new RangeError(`state ${i} must hold ${sizes[i]} values, got ${s.length}`);
  });
}

/**
 * The state the batch-1 twin starts the test from: the last row of each of the trainer's
 * states (`trainerStates` as Trainer.readStates gives them, [batchSize, units] each).
 * Empty for a stateless network.
 */
export function testStartStates(spec: NetworkSpec, trainerStates: readonly Float32Array[]): Float32Array[] {
  if (!spec.stateful) return [];
  const sizes = stateSizes(spec, spec.batchSize);
  if (trainerStates.length !== sizes.length || trainerStates.some((s, i) => s.length !== sizes[i])) {
    throw new RangeError(`trainer states must be ${sizes.length} arrays of [${spec.batchSize}, units] values, got lengths ${trainerStates.map((s) => s.length).join(', ')}`);
  }
  return trainerStates.map((s) => {
    const units = s.length / spec.batchSize;
    return s.slice((spec.batchSize - 1) * units);
  });
}
