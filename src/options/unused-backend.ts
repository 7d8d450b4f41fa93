// --engine auto may give a run to the fused engine, which has no backends: a --backend given with
// it would otherwise be dropped without a word.
import type { RunSettings } from './train-options.js';

/** The warning when `settings.backend` was given but `engine` ran without it. */
export function unusedBackend(settings: Pick<RunSettings, 'engine' | 'backend'>, engine: string): string[] {
  if (settings.backend === 'auto' || engine !== 'fused') return [];
  return [`--backend ${settings.backend} is not used: --engine ${settings.engine} picked the fused engine, which needs no backend; give --engine tfjs to run on ${settings.backend}`];
}
