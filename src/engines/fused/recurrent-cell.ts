// What the network needs from a recurrent cell (LSTM, GRU, SimpleRNN): a forward pass over the
// time steps of one batch that keeps what backpropagation through time needs, and a backward pass
// that accumulates parameter gradients and, for stacked layers, the gradient of its inputs.
// Sequences are time-major, [timeSteps, batch, width], so one time step is a contiguous block.

/** Views of one layer's parameters and their gradients, in tfjs-layers' shapes (g gates). */
export interface CellParams {
  /** [inputSize, g * units] */
  kernel: Float64Array;
  /** [units, g * units] */
  recurrentKernel: Float64Array;
  /** [g * units] */
  bias: Float64Array;
  dKernel: Float64Array;
  dRecurrentKernel: Float64Array;
  dBias: Float64Array;
}

export interface CellShape {
  inputSize: number;
  units: number;
  timeSteps: number;
}

export interface RecurrentCell {
  readonly units: number;
  readonly inputSize: number;
  /**
   * The state each forward pass starts from and leaves behind: h, then c for LSTM, each
   * [capacity, units]. The network zeroes them for stateless passes.
   */
  readonly states: Float64Array[];
  /** Outputs of the last forward pass, [timeSteps + 1, batch, units]; slot 0 is the initial h. */
  readonly hs: Float64Array;
  /** Grows the work buffers to hold `capacity` rows; allocates only when it grows. */
  reserve(capacity: number): void;
  /** inputs: [timeSteps, batch, inputSize] starting at inputsOffset. */
  forward(inputs: Float64Array, inputsOffset: number, batch: number): void;
  /**
   * Backpropagation through time for the last forward pass. dOutputs: [timeSteps, batch, units],
   * the loss gradient reaching each output h_t from above. Adds to the parameter gradients;
   * writes the gradient of the inputs into dInputs ([timeSteps, batch, inputSize]) unless null.
   * The initial state is a constant: gradients stop at the batch boundary.
   */
  backward(inputs: Float64Array, inputsOffset: number, dOutputs: Float64Array, batch: number, dInputs: Float64Array | null): void;
}
