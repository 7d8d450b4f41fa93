// Picks and creates the engine for a run: fused for the small networks it is fast at, tfjs
// otherwise (see select-engine.ts for the rule). Only the tfjs engine loads TensorFlow.js here.
import { createFusedEngine } from './fused/fused-engine.js';
import { selectEngine, type EngineChoice } from './select-engine.js';
import { createTfjsEngine } from './tfjs/tfjs-engine.js';
import { loadTf, type BackendChoice } from './tfjs/tf.js';
import type { Engine, NetworkSpec } from './types.js';

export interface EngineChoiceResult {
  engine: Engine;
  /** Why this engine, in words for the user. */
  reason: string;
}

export async function createEngine(choice: EngineChoice, backend: BackendChoice, spec: NetworkSpec, trainingRows: number): Promise<EngineChoiceResult> {
  const picked = selectEngine(choice, spec, trainingRows);
  if (picked.engine === 'fused') return { engine: createFusedEngine(), reason: picked.reason };
  const { tf, backend: name } = await loadTf(backend);
  return { engine: createTfjsEngine(tf, name), reason: picked.reason };
}
