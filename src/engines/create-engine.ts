// Picks and creates the engine for a run: fused for the small networks it is fast at, tfjs
// otherwise (see select-engine.ts for the rule), and loads tfjs either way for the initial weights.
import { createFusedEngine } from './fused/fused-engine.js';
import { selectEngine, type EngineChoice } from './select-engine.js';
import { createTfjsEngine } from './tfjs/tfjs-engine.js';
import { loadTf, type BackendChoice, type Tf } from './tfjs/tf.js';
import type { Engine, NetworkSpec } from './types.js';

export interface EngineChoiceResult {
  engine: Engine;
  /** Why this engine, in words for the user. */
  reason: string;
  tf: Tf;
}

export async function createEngine(choice: EngineChoice, backend: BackendChoice, spec: NetworkSpec, trainingRows: number): Promise<EngineChoiceResult> {
  const picked = selectEngine(choice, spec, trainingRows);
  if (picked.engine === 'fused') {
    // The fused engine needs tfjs only for its seeded initializers, which run on the cpu
    // backend unless another backend was asked for.
    const { tf } = await loadTf(backend === 'auto' ? 'cpu' : backend);
    return { engine: createFusedEngine(), reason: picked.reason, tf };
  }
  const { tf, backend: name } = await loadTf(backend);
  return { engine: createTfjsEngine(tf, name), reason: picked.reason, tf };
}
