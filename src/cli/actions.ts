// Glue between commander and the commands: typed options in, rendered results out.
import { UsageError } from '../errors.js';
import { forecast } from '../commands/forecast.js';
import { forecastStream, type StreamHeader } from '../commands/forecast-stream.js';
import { info } from '../commands/info.js';
import { prepare } from '../commands/prepare.js';
import { train } from '../commands/train.js';
import { classPredictionsCsv } from '../commands/train-classifier.js';
import { intervalLevels, settingsFrom, TRAIN_OPTIONS } from '../options/train-options.js';
import { choice, integer } from '../options/parse-values.js';
import { plotLosses, plotPredictions, prepareHeader, renderForecast, renderInfo, renderPrepareChunks, renderTrain } from '../render/render-commands.js';
import { resolveFormat, type Format } from '../render/format.js';
import { predictionsCsv } from '../render/predictions-csv.js';
import { streamHeaderLine, streamRowLine } from '../render/render-stream.js';
import { checkNotInput, checkOutputFile, requirePath, type OutputFile } from '../util/output-path.js';
import { writeOutput, type Content } from '../util/write-output.js';
import { detailsCsv, runsFailedError } from '../commands/compare.js';
import { resultsCsv } from '../compare/results-files.js';
import { createReporter, type Reporter } from './reporter.js';
import { Command, CommanderError } from 'commander';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { COMPARE_METRICS, compareExperiments, compareResultsFiles } from '../commands/compare.js';
import { experimentsFromFile, experimentsFromVariants, splitArgs } from '../compare/experiments.js';
import { renderCompare } from '../render/render-compare.js';
import { addTrainOptions } from './program.js';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** The signal received since the command started, if any. */
  interrupted: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** Set by actions so the top-level catch knows whether to print stacks. */
  verbose: boolean;
}

type Opts = Record<string, unknown>;
export type Actions = ReturnType<typeof createActions>;

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Train option values as given on the command line, keyed by long name. */
function givenTrainOptions(opts: Opts): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const def of TRAIN_OPTIONS) {
    const v = opts[camel(def.name)];
    if (v !== undefined) values[def.name] = v as string | boolean;
  }
  return values;
}

/** --threads, or the number of cores. */
function threadsOption(opts: Opts): number {
  return opts.threads === undefined ? os.availableParallelism() : integer('threads', opts.threads as string, 1);
}

function common(io: Io, opts: Opts, output?: OutputFile): { format: Format; reporter: Reporter } {
  io.verbose = Boolean(opts.verbose);
  // Written to a file (--output), the result is for programs: CSV unless --format says.
  const toTerminal = io.stdout.isTTY && (output === undefined || output.kind === 'stdout');
  return {
    format: resolveFormat(opts.format as Format | undefined, toTerminal),
    reporter: createReporter(io.stderr, Boolean(opts.quiet)),
  };
}

/** Writes to stdout, waiting for a slow reader rather than buffering the whole output. */
async function writeStdout(io: Io, content: Content): Promise<void> {
  for (const chunk of typeof content === 'string' ? [content] : content) {
    if (!io.stdout.write(chunk)) await new Promise((resolve) => io.stdout.once('drain', resolve));
  }
}

/** Writes a command's result to --output when given (checked before the work), else to stdout. */
async function emit(io: Io, output: OutputFile | undefined, content: Content): Promise<void> {
  if (output && output.kind !== 'stdout') await writeOutput(output, content);
  else await writeStdout(io, content);
}

/** --output's value, checked before any work. */
async function outputOption(opts: Opts): Promise<OutputFile | undefined> {
  return opts.output === undefined ? undefined : checkOutputFile(opts.output as string, '--output');
}

/**
 * When a results file goes to stdout, the summary that would have gone there goes to stderr
 * (nothing with --quiet), in the format stderr calls for unless --format says.
 */
function summaryToStderr(io: Io, opts: Opts, render: (format: Format) => string): void {
  if (!opts.quiet) io.stderr.write(render(resolveFormat(opts.format as Format | undefined, io.stderr.isTTY)));
}

const colour = (stream: NodeJS.WriteStream) => Boolean(stream.isTTY) && !process.env.NO_COLOR;

export function createActions(io: Io) {
  return {
    async prepare(file: string, opts: Opts) {
      requirePath(file, '<csv>');
      const settings = settingsFrom(givenTrainOptions(opts));
      const output = await outputOption(opts);
      await checkNotInput(output, file, 'the input CSV this run reads');
      const { format, reporter } = common(io, opts, output);
      const result = await prepare({ file, settings });
      result.notes?.forEach((n) => reporter.note(n));
      result.warnings.forEach((w) => reporter.warn(w));
      if (format === 'csv') reporter.info(prepareHeader(result).join('\n'));
      await emit(io, output, renderPrepareChunks(result, format));
    },

    async train(file: string, opts: Opts) {
      requirePath(file, '<csv>');
      const { format, reporter } = common(io, opts);
      const settings = settingsFrom(givenTrainOptions(opts));
      let progress: ReturnType<Reporter['progress']> | undefined;
      const result = await train({
        file,
        settings,
        out: opts.out as string | undefined,
        predictions: opts.predictions as string | undefined,
        intervals: opts.interval === undefined ? undefined : intervalLevels(opts.interval as string),
        report: opts.report as string | undefined,
        description: describeCommand('train', [file], { ...givenTrainOptions(opts), ...(opts.interval === undefined ? {} : { interval: opts.interval as string }) }),
        lockTimeout: lockTimeout(opts),
        threads: threadsOption(opts),
        interrupted: io.interrupted,
        onStart(run) {
          reporter.info(`training ${settings.cell} ${settings.units.join('x')} on ${run.trainRows} rows with the ${run.engine} engine (${run.reason})`);
          progress = reporter.progress('epochs', settings.epochs);
        },
        onEpoch(epoch, _epochs, loss, valLoss) {
          progress?.update(epoch, `loss ${loss.toPrecision(4)}${valLoss === undefined ? '' : `, validation ${valLoss.toPrecision(4)}`}`);
        },
      }).finally(() => progress?.stop());
      result.notes?.forEach((n) => reporter.note(n));
      result.warnings.forEach((w) => reporter.warn(w));
      const plot = Boolean(opts.plot) && !result.classification;
      if (result.predictionsToStdout) {
        await writeStdout(io, result.classification ? classPredictionsCsv(result.classification) : predictionsCsv(result.predictions, result.intervals?.levels, result.framing));
        summaryToStderr(io, opts, (f) => renderTrain(result, f, plot && f === 'table', io.stderr.columns || 80, colour(io.stderr)));
        return;
      }
      await writeStdout(io, renderTrain(result, format, plot, io.stdout.columns || 80, colour(io.stdout)));
      if (plot && format !== 'table' && !opts.quiet) {
        // The chart is for a person: on stderr when that is a terminal, never inside CSV or JSON.
        if (io.stderr.isTTY) {
          io.stderr.write(plotPredictions(result, io.stderr.columns || 80, colour(io.stderr)) + '\n');
          if (result.history.length > 1) io.stderr.write('\n' + plotLosses(result, io.stderr.columns || 80, colour(io.stderr)) + '\n');
        }
        else reporter.note(`--plot drew nothing: the output is ${format.toUpperCase()} and stderr is not a terminal; use --format table to get the chart on stdout`);
      }
    },

    async forecast(modelDir: string, file: string | undefined, opts: Opts) {
      requirePath(modelDir, '<model-dir>');
      if (file !== undefined) requirePath(file, '[csv]');
      if (opts.stream) return forecastStreamAction(io, modelDir, file, opts);
      const streamOnly = (['sequenceColumn', 'resetEvery', 'skipBadRows'] as const).find((o) => opts[o] !== undefined);
      if (streamOnly) throw new UsageError(`--${streamOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --stream`);
      // forecast's --column, --time-column, --missing, --engine and --backend are train's options.
      const s = settingsFrom(givenTrainOptions(opts));
      const output = await outputOption(opts);
      await checkNotInput(output, file, 'the input CSV this run reads');
      const { format, reporter } = common(io, opts, output);
      const result = await forecast({
        modelDir,
        file,
        horizon: opts.horizon === undefined ? undefined : integer('horizon', opts.horizon as string, 1),
        engine: s.engine,
        backend: s.backend,
        column: s.target,
        timeColumn: s.timeColumn,
        missing: s.missing,
        intervals: opts.interval === undefined ? undefined : intervalLevels(opts.interval as string),
        report: opts.report as string | undefined,
        description: describeCommand('forecast', file === undefined ? [modelDir] : [modelDir, file], {
          horizon: opts.horizon as string,
          ...givenTrainOptions(opts),
          ...(opts.interval === undefined ? {} : { interval: opts.interval as string }),
        }),
      });
      if (result.reportFile) reporter.info(`report written to ${result.reportFile}`);
      result.warnings.forEach((w) => reporter.warn(w));
      await emit(io, output, renderForecast(result, format));
    },

    async compare(files: string[], opts: Opts) {
      files.forEach((f) => requirePath(f, '<csv...>'));
      const { format, reporter } = common(io, opts);
      const commandLine = givenTrainOptions(opts);
      const variants = (opts.variant as string[] | undefined) ?? [];
      let result;
      if (opts.experiments === undefined && variants.length === 0) {
        if (Object.keys(commandLine).length > 0) {
          throw new UsageError(`train options (--${Object.keys(commandLine)[0]}) need --experiments or --variant; without them the arguments are results files to summarise`);
        }
        // Options that only running a study uses would be silently ignored here.
        const runOnly = (['repeats', 'jobs', 'results', 'details'] as const).find((o) => opts[o] !== undefined);
        if (runOnly) throw new UsageError(`--${runOnly} needs --experiments or --variant; without them the arguments are results files to summarise`);
        result = await compareResultsFiles({ files, baseline: opts.baseline as string | undefined, report: opts.report as string | undefined, description: compareDescription(files, opts) });
      } else {
        if (files.length !== 1) throw new UsageError(`compare with ${opts.experiments !== undefined ? '--experiments' : '--variant'} takes one data CSV, got ${files.length}`);
        let experiments;
        if (opts.experiments !== undefined) {
          if (variants.length > 0) throw new UsageError('give either --experiments or --variant, not both');
          const file = opts.experiments as string;
          requirePath(file, '--experiments');
          const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
            throw new UsageError(`--experiments ${file}: cannot read file (${e.code === 'ENOENT' ? 'no such file' : e.code})`);
          });
          experiments = experimentsFromFile(text, file, commandLine);
        } else {
          experiments = experimentsFromVariants(variants.map(parseVariant), commandLine);
        }
        let progress: ReturnType<Reporter['progress']> | undefined;
        result = await compareExperiments({
          file: files[0]!,
          experiments,
          report: opts.report as string | undefined,
          description: compareDescription(files, opts),
          repeats: opts.repeats === undefined ? 10 : integer('repeats', opts.repeats as string, 1),
          jobs: opts.jobs === undefined ? os.availableParallelism() : integer('jobs', opts.jobs as string, 1),
          threads: threadsOption(opts),
          baseline: opts.baseline as string | undefined,
          results: opts.results as string | undefined,
          details: opts.details as string | undefined,
          metric: opts.metric === undefined ? undefined : choice('metric', opts.metric as string, COMPARE_METRICS),
          interrupted: io.interrupted,
          onStart(total) {
            reporter.info(`running ${experiments.length} experiments x ${total / experiments.length} repeats`);
            progress = reporter.progress('runs', total);
          },
          onRun(done) {
            progress?.update(done);
          },
        }).finally(() => progress?.stop());
      }
      result.warnings.forEach((w) => reporter.warn(w));
      if (opts.report !== undefined) reporter.info(`report written to ${opts.report as string}`);
      if (result.toStdout) {
        await writeStdout(io, result.toStdout === 'results' ? resultsCsv(result.groups) : detailsCsv(result.runs));
        summaryToStderr(io, opts, (f) => renderCompare(result, f, io.stderr.columns || 80));
      } else {
        await writeStdout(io, renderCompare(result, format, io.stdout.columns || 80));
      }
      // What could be summarised is printed; a study with an experiment that never ran still fails.
      if (result.failed.length > 0) throw runsFailedError(result.failed);
    },

    async info(opts: Opts) {
      const { format } = common(io, opts);
      io.stdout.write(renderInfo(await info(), format));
    },
  };
}

/** forecast --stream: one line per input row, written as soon as the row is read. */
async function forecastStreamAction(io: Io, modelDir: string, file: string | undefined, opts: Opts): Promise<void> {
  const notWithStream = (['horizon', 'interval', 'output', 'report', 'column', 'target', 'missing'] as const).find((o) => opts[o] !== undefined);
  if (notWithStream) throw new UsageError(`--${notWithStream} cannot be used with --stream`);
  const { format, reporter } = common(io, opts);
  const s = settingsFrom(givenTrainOptions(opts));
  let header: StreamHeader | undefined;
  // a signal stops the wait for the next row (main records which signal it was)
  const stop = new AbortController();
  const abort = () => stop.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const result = await forecastStream({
    modelDir,
    file,
    stdin: process.stdin,
    engine: s.engine,
    backend: s.backend,
    timeColumn: s.timeColumn,
    sequenceColumn: opts.sequenceColumn as string | undefined,
    resetEvery: opts.resetEvery === undefined ? undefined : integer('reset-every', opts.resetEvery as string, 1),
    skipBadRows: Boolean(opts.skipBadRows),
    interrupted: io.interrupted,
    stop: stop.signal,
    async onHeader(h) {
      header = h;
      const line = streamHeaderLine(h, format);
      if (line) await writeStdout(io, line);
    },
    async onRow(row) {
      await writeStdout(io, streamRowLine(header!, row, format));
    },
  }).finally(() => {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  });
  result.warnings.forEach((w) => reporter.warn(w));
}

/** --lock-timeout: seconds to wait for the lock on --out, which it needs. */
function lockTimeout(opts: Opts): number {
  if (opts.lockTimeout === undefined) return 0;
  if (opts.out === undefined) throw new UsageError('--lock-timeout needs --out: the lock it waits for guards the model directory');
  return integer('lock-timeout', opts.lockTimeout as string, 0);
}

function compareDescription(files: string[], opts: Opts): string {
  const own: Record<string, string> = {};
  for (const name of ['experiments', 'repeats', 'baseline']) if (opts[name] !== undefined) own[name] = String(opts[name]);
  const variants = ((opts.variant as string[] | undefined) ?? []).map((v) => ['--variant', v]);
  return describeCommand('compare', [...files, ...variants.flat()], { ...own, ...givenTrainOptions(opts) });
}

/** The command as a person would type it again, for a report's heading. */
function describeCommand(command: string, args: string[], options: Record<string, string | boolean>): string {
  const quote = (v: string) => (/^[\w./:%,=+-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  const flags = Object.entries(options).map(([k, v]) => (v === true ? `--${k}` : `--${k} ${quote(String(v))}`));
  return ['rnnfc', command, ...args.map(quote), ...flags].join(' ');
}

/** NAME="--stateful --reset=epoch", parsed by the same option parser as `rnnfc train`. */
function parseVariant(spec: string): { name: string; values: Record<string, string | boolean> } {
  const eq = spec.indexOf('=');
  const name = eq < 0 ? spec : spec.slice(0, eq);
  // "--cell gru" without its NAME= would otherwise run the defaults under the name "--cell gru".
  if (eq < 0 || name.trim() === '' || name.trimStart().startsWith('-')) {
    throw new UsageError(`--variant needs NAME="options" (e.g. --variant gru="--cell gru", or stateless="" for the defaults), got "${spec}"`);
  }
  const parser = addTrainOptions(new Command('variant')).exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  try {
    parser.parse(eq < 0 ? [] : splitArgs(spec.slice(eq + 1)), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(`variant "${name}": ${e.message.replace(/^error: /, '')}`);
    throw e;
  }
  if (parser.args.length > 0) throw new UsageError(`variant "${name}": unexpected argument "${parser.args[0]}"`);
  return { name, values: givenTrainOptions(parser.opts()) };
}
