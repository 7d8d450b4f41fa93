// A Stepper that records what it is asked, for testing code that drives steppers.
import type { Stepper } from '../../src/engines/types.js';

export interface RecordingStepper extends Stepper {
  calls: { input: number[]; stepsSinceReset: number }[];
  resets: number;
}

/** Predicts `output(input, stepsSinceReset)`; counts calls since the last reset like a state would. */
export function recordingStepper(output: (input: number[], stepsSinceReset: number) => number): RecordingStepper {
  let since = 0;
  const s: RecordingStepper = {
    calls: [],
    resets: 0,
    predict(x) {
      const input = [...x];
      s.calls.push({ input, stepsSinceReset: since });
      const y = output(input, since);
      since++;
      return Float32Array.of(y);
    },
    resetStates() {
      since = 0;
      s.resets++;
    },
    readStates: () => [],
    setStates() {},
    dispose() {},
  };
  return s;
}
