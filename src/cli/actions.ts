// Glue between commander and the commands: typed options in, rendered results out.
import { UsageError } from '../errors.js';
import { forecast } from '../commands/forecast.js';
import { info } from '../commands/info.js';
import { prepare } from '../commands/prepare.js';
import { train } from '../commands/train.js';
import { settingsFrom, TRAIN_OPTIONS } from '../options/train-options.js';
import { integer } from '../options/parse-values.js';
import { prepareHeader, renderForecast, renderInfo, renderPrepareChunks, renderTrain } from '../render/render-commands.js';
import { resolveFormat, type Format } from '../render/format.js';
import { createReporter, type Reporter } from './reporter.js';
import { Command, CommanderError } from 'commander';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { compareExperiments, compareResultsFiles } from '../commands/compare.js';
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

function common(io: Io, opts: Opts): { format: Format; reporter: Reporter } {
  io.verbose = Boolean(opts.verbose);
  return {
    format: resolveFormat(opts.format as Format | undefined, io.stdout.isTTY),
    reporter: createReporter(io.stderr, Boolean(opts.quiet)),
  };
}

export function createActions(io: Io) {
  return {
    async prepare(file: string, opts: Opts) {
      const { format, reporter } = common(io, opts);
      const result = await prepare({ file, settings: settingsFrom(givenTrainOptions(opts)) });
      result.warnings.forEach((w) => reporter.warn(w));
      if (format === 'csv') reporter.info(prepareHeader(result).join('\n'));
      for (const chunk of renderPrepareChunks(result, format)) {
        // Respect back-pressure: a slow reader must not make rnnfc buffer the whole output.
        if (!io.stdout.write(chunk)) await new Promise((resolve) => io.stdout.once('drain', resolve));
      }
    },

    async train(file: string, opts: Opts) {
      const { format, reporter } = common(io, opts);
      const settings = settingsFrom(givenTrainOptions(opts));
      let progress: ReturnType<Reporter['progress']> | undefined;
      const result = await train({
        file,
        settings,
        out: opts.out as string | undefined,
        predictions: opts.predictions as string | undefined,
        lockTimeout: opts.lockTimeout === undefined ? 0 : integer('lock-timeout', opts.lockTimeout as string, 0),
        interrupted: io.interrupted,
        onStart(run) {
          reporter.info(`training ${settings.cell} ${settings.units.join('x')} on ${run.trainRows} rows with the ${run.engine} engine (${run.reason})`);
          progress = reporter.progress('epochs', settings.epochs);
        },
        onEpoch(epoch, _epochs, loss) {
          progress?.update(epoch, `loss ${loss.toPrecision(4)}`);
        },
      }).finally(() => progress?.stop());
      result.warnings.forEach((w) => reporter.warn(w));
      io.stdout.write(renderTrain(result, format, Boolean(opts.plot), io.stdout.columns ?? 80, Boolean(io.stdout.isTTY) && !process.env.NO_COLOR));
    },

    async forecast(modelDir: string, file: string | undefined, opts: Opts) {
      const { format, reporter } = common(io, opts);
      // forecast's --column, --time-column, --missing, --engine and --backend are train's options.
      const s = settingsFrom(givenTrainOptions(opts));
      const result = await forecast({
        modelDir,
        file,
        horizon: opts.horizon === undefined ? undefined : integer('horizon', opts.horizon as string, 1),
        engine: s.engine,
        backend: s.backend,
        column: s.target,
        timeColumn: s.timeColumn,
        missing: s.missing,
      });
      result.warnings.forEach((w) => reporter.warn(w));
      io.stdout.write(renderForecast(result, format));
    },

    async compare(files: string[], opts: Opts) {
      const { format, reporter } = common(io, opts);
      const commandLine = givenTrainOptions(opts);
      const variants = (opts.variant as string[] | undefined) ?? [];
      let result;
      if (opts.experiments === undefined && variants.length === 0) {
        if (Object.keys(commandLine).length > 0) {
          throw new UsageError(`train options (--${Object.keys(commandLine)[0]}) need --experiments or --variant; without them the arguments are results files to summarise`);
        }
        result = await compareResultsFiles({ files, baseline: opts.baseline as string | undefined });
      } else {
        if (files.length !== 1) throw new UsageError(`compare with ${opts.experiments !== undefined ? '--experiments' : '--variant'} takes one data CSV, got ${files.length}`);
        let experiments;
        if (opts.experiments !== undefined) {
          if (variants.length > 0) throw new UsageError('give either --experiments or --variant, not both');
          const file = opts.experiments as string;
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
          repeats: opts.repeats === undefined ? 10 : integer('repeats', opts.repeats as string, 1),
          jobs: opts.jobs === undefined ? os.availableParallelism() : integer('jobs', opts.jobs as string, 1),
          baseline: opts.baseline as string | undefined,
          results: opts.results as string | undefined,
          details: opts.details as string | undefined,
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
      io.stdout.write(renderCompare(result, format, io.stdout.columns ?? 80));
    },

    async info(opts: Opts) {
      const { format } = common(io, opts);
      io.stdout.write(renderInfo(await info(), format));
    },
  };
}

/** NAME="--stateful --reset=epoch", parsed by the same option parser as `rnnfc train`. */
function parseVariant(spec: string): { name: string; values: Record<string, string | boolean> } {
  const eq = spec.indexOf('=');
  const name = eq < 0 ? spec : spec.slice(0, eq);
  if (name.trim() === '') throw new UsageError(`--variant needs NAME="options", got "${spec}"`);
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
