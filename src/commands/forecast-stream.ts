// rnnfc forecast MODEL [csv|-] --stream: reads CSV rows from a file or standard input as they
// come and hands on the model's output for each row as soon as it is read: a regression model's
// forecast from that row, a classifier's class probabilities and predicted class. What is carried
// from row to row is in src/stream/row-stream-model.ts; the state is forgotten when the sequence
// column's value changes and every --reset-every rows.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { DataError, InterruptedError, ModelError, UsageError } from '../errors.js';
import type { BackendChoice, EngineChoice } from '../core/types.js';
import { csvRecords, type StreamedRecord } from '../data/csv-row-stream.js';
import { isMissingValue } from '../data/missing-values.js';
import { createEngine } from '../engines/create-engine.js';
import { loadModelDir } from '../model-dir/model-dir.js';
import type { ModelMetadata } from '../model-dir/metadata.js';
import { unusedBackend } from '../options/unused-backend.js';
import { RowStreamModel, stepTwin, type OutputReading, type RowOutput } from '../stream/row-stream-model.js';

export interface StreamForecastOptions {
  modelDir: string;
  /** The CSV to read; standard input when absent or '-'. */
  file?: string;
  /** Standard input (injected so that tests can feed it). */
  stdin: Readable;
  engine: EngineChoice;
  backend: BackendChoice;
  /** The column whose change of value starts a new sequence (and resets the state); the model's sequence column when absent. */
  sequenceColumn?: string;
  /** Reset the state every n rows. */
  resetEvery?: number;
  /** Count bad rows and go on, instead of stopping at the first. */
  skipBadRows: boolean;
  /** The time column of the CSV; the model's when absent. */
  timeColumn?: string;
  /** The signal received, if any (SIGINT, SIGTERM): reading stops, the rows read so far have their outputs. */
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** Aborted when a signal arrives, to stop waiting for input that may never come. */
  stop?: AbortSignal;
  /** Called once, when the input's header is read and checked. */
  onHeader(header: StreamHeader): void | Promise<void>;
  /** Called for each data row read, in order, as soon as it is read. */
  onRow(row: StreamedRow): void | Promise<void>;
}

export interface StreamHeader {
  /** `time` when the input has the model's time column, else `row` (the data row's number). */
  label: 'time' | 'row';
  /** The sequence column's name, when rows carry one. */
  sequence?: string;
  reading: { kind: 'forecast'; horizon: number } | { kind: 'classes'; classes: readonly string[] };
}

export interface StreamedRow {
  /** 1-based line of the row in the input. */
  line: number;
  /** The row's time label, or its data row number. */
  label: string;
  sequence?: string;
  /** Null for the rows after a reset that are too few for an output. */
  output: RowOutput | null;
  /** The most probable class, for a classifier. */
  predicted?: string;
}

export interface StreamForecastResult {
  model: string;
  engine: string;
  backend: string;
  /** Data rows read, bad ones included. */
  rows: number;
  /** Rows with an output. */
  outputs: number;
  /** Bad rows left out with --skip-bad-rows, and the first one's message. */
  skipped: number;
  firstSkipped?: string;
  warnings: string[];
}

export async function forecastStream(options: StreamForecastOptions): Promise<StreamForecastResult> {
  if (options.resetEvery !== undefined && (!Number.isInteger(options.resetEvery) || options.resetEvery < 1)) {
    throw new UsageError(`--reset-every must be a positive integer, got ${options.resetEvery}`);
  }
  const fromStdin = options.file === undefined || options.file === '-';
  const name = fromStdin ? 'stdin' : options.file!;
  const model = await loadModelDir(options.modelDir);
  const meta = model.metadata;
  const p = meta.pipeline;
  if (p.scaler && p.lags > 1) {
    throw new ModelError(`${options.modelDir}: the model was written by an older rnnfc (one scaler per lag) and cannot be streamed; retrain it`);
  }
  if (p.framing.kind === 'sequence' && p.framing.layout === 'wide') {
    throw new UsageError(`${options.modelDir} was trained on the wide layout, where each row is a whole sequence; --stream reads one time step a row`);
  }
  const reading = outputReading(meta);
  // whole sequences and per-step labels: one row a call, the state carried
  const mode = model.spec.perStep || p.framing.kind === 'sequence' ? 'step' : 'window';
  const spec = mode === 'step' ? stepTwin(model.spec) : { ...model.spec, batchSize: 1 };
  const { engine } = await createEngine(options.engine, options.backend, spec, 1);
  const warnings = [...unusedBackend(options, engine.name)];
  const input = fromStdin ? options.stdin : await openFile(options.file!);
  const stepper = await engine.createStepper(spec, model.weights);
  const result: StreamForecastResult = { model: options.modelDir, engine: engine.name, backend: engine.backend, rows: 0, outputs: 0, skipped: 0, warnings };
  let stream: RowStreamModel | undefined;
  try {
    stream = new RowStreamModel({ spec, features: p.features, reading, mode, forecastReset: meta.training.forecastReset, stepper });
    const records = csvRecords(input, name, ',', options.stop);
    const first = await records.next();
    if (first.done) throw new DataError(`${name}: no header line: the input is empty`);
    const columns = readHeader(first.value, name, meta, stream.numericColumns(), options);
    await options.onHeader({
      label: columns.time === null ? 'row' : 'time',
      ...(columns.sequence === null ? {} : { sequence: first.value.fields[columns.sequence]! }),
      reading: reading.kind === 'classify' ? { kind: 'classes', classes: reading.classes } : { kind: 'forecast', horizon: reading.horizon },
    });
    let sequence: string | undefined;
    let sinceReset = 0;
    let rows = 0;
    for await (const record of records) {
      if (options.interrupted?.()) break;
      rows++;
      result.rows = rows;
      const where = `${name}:${record.line}`;
      const rowSequence = columns.sequence === null ? undefined : record.fields[columns.sequence];
      const label = columns.time === null ? String(rows) : (record.fields[columns.time] ?? '');
      let output: RowOutput | null;
      try {
        const values = rowValues(record, columns, where);
        if ((rowSequence !== undefined && sequence !== undefined && rowSequence !== sequence) || (options.resetEvery !== undefined && sinceReset === options.resetEvery)) {
          stream.reset();
          sinceReset = 0;
        }
        output = stream.push(values, where);
      } catch (e) {
        if (!(e instanceof DataError) || !options.skipBadRows) throw e;
        result.skipped++;
        result.firstSkipped ??= e.message;
        continue;
      }
      sequence = rowSequence;
      sinceReset++;
      if (output) result.outputs++;
      await options.onRow({
        line: record.line,
        label,
        ...(rowSequence === undefined ? {} : { sequence: rowSequence }),
        output,
        ...(output?.kind === 'classes' && reading.kind === 'classify' ? { predicted: reading.classes[argmax(output.probabilities)] } : {}),
      });
    }
  } finally {
    stepper.dispose();
    if (!fromStdin) input.destroy();
  }
  const signal = options.interrupted?.();
  if (signal) throw new InterruptedError(`interrupted by ${signal} after ${result.rows} ${result.rows === 1 ? 'row' : 'rows'}`, signal);
  warnings.push(...stream!.unseenWarnings());
  if (result.skipped > 0) {
    warnings.push(`${result.skipped} bad ${result.skipped === 1 ? 'row was' : 'rows were'} skipped (the first: ${result.firstSkipped})`);
  }
  return result;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** How the network's outputs are read: a forecast of the target, or class probabilities. */
function outputReading(meta: ModelMetadata): OutputReading {
  const task = meta.task;
  if (task?.kind === 'classify') return { kind: 'classify', classes: task.classes, head: task.head };
  return { kind: 'regression', target: meta.pipeline.target, horizon: meta.pipeline.horizon };
}

interface InputColumns {
  /** Field index of each column the model reads. */
  fields: Map<string, number>;
  numeric: Set<string>;
  time: number | null;
  sequence: number | null;
  count: number;
}

/** Checks the input's header against the model's columns; a mismatch is a ModelError listing both. */
function readHeader(record: StreamedRecord, name: string, meta: ModelMetadata, numeric: string[], options: StreamForecastOptions): InputColumns {
  const header = record.fields;
  const needed = [...new Set([...meta.pipeline.features.map((f) => f.column), ...numeric])];
  const missing = needed.filter((c) => !header.includes(c));
  // columns named on the command line must be there too
  // the model's sequence column (a model of whole sequences) unless --sequence-column names another
  const sequenceColumn = options.sequenceColumn ?? meta.data.sequenceColumn ?? undefined;
  const asked = [
    ...(sequenceColumn !== undefined && !header.includes(sequenceColumn) ? [[options.sequenceColumn !== undefined ? '--sequence-column names' : 'its sequence column is', sequenceColumn]] : []),
    ...(options.timeColumn !== undefined && !header.includes(options.timeColumn) ? [['--time-column names', options.timeColumn]] : []),
  ];
  if (missing.length + asked.length > 0) {
    const list = (cs: readonly string[]) => cs.map((c) => `"${c}"`).join(', ');
    throw new ModelError(
      `${name}:${record.line}: the header does not have the columns the model reads: the model reads ${list(needed)}` +
        `${asked.map(([what, c]) => ` and ${what} "${c}"`).join('')}; the header has ${list(header)} (missing: ${list([...missing, ...asked.map(([, c]) => c!)])})`,
    );
  }
  const timeName = options.timeColumn ?? meta.data.timeColumn;
  const time = timeName === undefined || timeName === null ? -1 : header.indexOf(timeName);
  return {
    fields: new Map(needed.map((c) => [c, header.indexOf(c)])),
    numeric: new Set(numeric),
    time: time < 0 ? null : time,
    sequence: sequenceColumn === undefined ? null : header.indexOf(sequenceColumn),
    count: header.length,
  };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The values of the model's columns in a record; a bad row is a DataError naming it. */
function rowValues(record: StreamedRecord, columns: InputColumns, where: string): Map<string, number | string> {
  if (record.fields.length !== columns.count) {
    throw new DataError(`${where}: ${record.fields.length} ${record.fields.length === 1 ? 'field' : 'fields'}, the header has ${columns.count}`);
  }
  const values = new Map<string, number | string>();
  for (const [column, j] of columns.fields) {
    const text = record.fields[j]!;
    if (!columns.numeric.has(column)) {
      values.set(column, text);
      continue;
    }
    if (isMissingValue(text)) throw new DataError(`${where}: column "${column}": missing value ${JSON.stringify(text)}`);
    const value = Number(text);
    if (!NUMBER.test(text) || !Number.isFinite(value)) throw new DataError(`${where}: column "${column}": ${JSON.stringify(text)} is not a number`);
    values.set(column, value);
  }
  return values;
}

/** Opens the CSV, failing before anything is written when it cannot be read. */
async function openFile(file: string): Promise<Readable> {
  try {
    const handle = await fs.promises.open(file, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new DataError(`${file}: is a directory`);
    }
    return handle.createReadStream();
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(`${file}: cannot read file: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code)}`);
  }
}
