// The naive forecasts every result is shown beside. Each is a predictor like the network:
// given the true values up to the forecast origin, the next h values.

export interface Predictor {
  readonly name: string;
  /** The next h values after `history` (the true values up to and including the origin). */
  predict(history: ArrayLike<number>, h: number): number[];
}

/** The last observed value, repeated h times. */
export function persistence(): Predictor {
  return {
    name: 'persistence',
    predict: (history, h) => Array.from({ length: h }, () => history[history.length - 1]!),
  };
}

/** Each value forecast by the one m steps before it (the latest season observed). */
export function seasonalNaive(m: number): Predictor {
  return {
    name: 'seasonal-naive',
    predict(history, h) {
      const n = history.length;
      return Array.from({ length: h }, (_, j) => history[n - m + (j % m)]!);
    },
  };
}

/** A constant: the mean of the training targets. */
export function constantMean(mean: number): Predictor {
  return { name: 'mean', predict: (_history, h) => Array.from({ length: h }, () => mean) };
}
