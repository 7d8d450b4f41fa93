// What every baseline forecaster shares with the others (and, in spirit, with the network): it is
// fitted once on the training targets and then asked, at each forecast origin, for the next h
// values given every observation up to that origin. Everything is on the original scale.

export type BaselineName = 'persistence' | 'seasonal-naive' | 'mean' | 'holt-winters';

export interface Baseline {
  readonly name: BaselineName;
  /** What it forecasts, in a few words for messages ("the value 12 steps earlier"). */
  readonly description: string;
  /**
   * Learns what it needs from the training targets (original scale, in time order): the mean
   * keeps their mean; the others keep nothing. Called once, before any predict.
   */
  fit(trainingTargets: readonly number[]): void;
  /**
   * The h values after the last one of `history` (every observation before the forecast
   * origin, in time order, original scale). `history` may be a view (a subarray): it is read,
   * never kept or changed. Throws a RangeError when the history is too short for this baseline
   * (see minimumHistory).
   */
  predict(history: ArrayLike<number>, h: number): number[];
  /** The fewest observations of history predict needs. */
  readonly minimumHistory: number;
}

export type { BaselineSet } from '../core/types.js';

/** Holt-Winters refits at every test origin: cheap for a year of months, not for 35,000 hours. */
export const CLASSICAL_AUTO_ORIGINS = 200;

export function checkHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`h must be a positive integer, got ${h}`);
}

export function checkHistory(baseline: Baseline, history: ArrayLike<number>): void {
  if (history.length < baseline.minimumHistory) {
    throw new RangeError(`${baseline.name} needs at least ${baseline.minimumHistory} observations of history, got ${history.length}`);
  }
}
