// The sequences of a CSV as a model of whole sequences reads them (long layout: rows grouped by
// the sequence column; wide layout: one row each), run through the model one at a time: what
// `forecast` gives for such a model, a value or a class per sequence.
import { DataError, ModelError, UsageError } from '../errors.js';
import { unusedBackend } from '../options/unused-backend.js';
import { readCsv, readInput } from '../data/csv-loader.js';
import { parseTable } from '../data/table-loader.js';
import { createEngine } from '../engines/create-engine.js';
import type { BackendChoice, EngineChoice, MissingPolicy, Table } from '../core/types.js';
import type { LoadedModel } from '../model-dir/model-dir.js';
import { sequenceInputs, type SequenceInputs } from '../pipeline/sequence-inputs.js';

export interface SequenceReadOptions {
  modelDir: string;
  file: string;
  engine: EngineChoice;
  backend: BackendChoice;
  /** The target column, when it is not the model's. */
  column?: string;
  timeColumn?: string;
  missing: MissingPolicy;
}

export interface ModelSequences {
  table: Table;
  samples: SequenceInputs;
  /** Whether the CSV has the target column (read as numbers); a classifier's labels are never read. */
  hasTarget: boolean;
  /** The model's raw outputs for each sequence, in the order of samples.ids. */
  outputs: Float32Array[];
  engine: string;
  backend: string;
  warnings: string[];
}

/** Reads the CSV's sequences and runs each through the model, its state reset between them as in training. */
export async function runSequences(options: SequenceReadOptions, model: LoadedModel): Promise<ModelSequences> {
  const meta = model.metadata;
  const p = meta.pipeline;
  const dir = options.modelDir;
  const layout = p.framing.kind === 'sequence' ? p.framing.layout : 'long';
  const missing = layout === 'wide' ? (meta.data.stepColumns ? null : 'data.stepColumns') : meta.data.sequenceColumn ? null : 'data.sequenceColumn';
  if (missing !== null) throw new ModelError(`${dir}/rnnfc.json: ${missing} is missing, so the sequences of a CSV cannot be read; retrain the model`);
  const input = await readInput(options.file);
  const header = readCsv(input, options.file);
  const column = options.column ?? meta.data.column;
  const steps = meta.data.stepColumns ?? [];
  const classify = meta.task?.kind === 'classify';
  // The target column is not needed to predict it: without one (and always for a classifier,
  // whose labels are not numbers), a numeric input column stands in for it while reading (its
  // values are not used).
  const hasTarget = !classify && (header.hasHeader ? header.columns.includes(column) : options.column !== undefined);
  const standIn = layout === 'wide' ? steps[0] : p.features.find((f) => f.kind === 'numeric')?.column;
  if (!hasTarget && !classify && p.target.transform.kind !== 'none') {
    throw new DataError(
      `${options.file}: column "${column}" not found: this model predicts the target's ${p.target.transform.kind} transform, which is un-done with the target's earlier values; the CSV needs the column`,
    );
  }
  let table: Table;
  try {
    table = parseTable(input, options.file, {
      target: hasTarget || standIn === undefined ? column : standIn,
      features: layout === 'wide' ? steps.join(',') : meta.data.features.join(','),
      missing: options.missing,
      ...(layout === 'wide' ? { layout: 'wide' as const } : { sequenceColumn: meta.data.sequenceColumn!, timeColumn: options.timeColumn ?? meta.data.timeColumn ?? undefined }),
    });
  } catch (e) {
    if (e instanceof UsageError && / not found in /.test(e.message)) throw new DataError(e.message);
    throw e;
  }
  const warnings = [...table.warnings];
  const target = { ...p.target, column: table.target };
  const samples = sequenceInputs(table, { features: p.features, target: hasTarget ? target : p.target, steps: p.lags, lastRows: p.framing.kind === 'sequence' && p.framing.lags !== null });
  warnings.push(...samples.warnings);
  const { engine } = await createEngine(options.engine, options.backend, { ...model.spec, batchSize: 1 }, 1);
  warnings.push(...unusedBackend(options, engine.name));
  const stepper = await engine.createStepper(model.spec, model.weights);
  // as in training: a stateful model starts each sequence from a zero state unless trained with --reset never
  const carry = meta.network.stateful && meta.training.reset === 'never';
  const size = p.lags * samples.width;
  const outputs: Float32Array[] = [];
  try {
    stepper.resetStates();
    samples.ends.forEach((_end, s) => {
      if (!carry) stepper.resetStates();
      outputs.push(Float32Array.from(stepper.predict(samples.x.subarray(s * size, (s + 1) * size))));
    });
  } finally {
    stepper.dispose();
  }
  return { table, samples, hasTarget, outputs, engine: engine.name, backend: engine.backend, warnings };
}
