// Glue between commander and the commands: typed options in, rendered results out.
import { UsageError } from '../errors.js';
import { forecast } from '../commands/forecast.js';
import { info } from '../commands/info.js';
import { prepare } from '../commands/prepare.js';
import { train } from '../commands/train.js';
import { settingsFrom, TRAIN_OPTIONS, type EngineChoice } from '../options/train-options.js';
import { choice, integer } from '../options/parse-values.js';
import type { BackendChoice } from '../engines/tfjs/tf.js';
import type { MissingPolicy } from '../data/csv-loader.js';
import { describeScaler, renderForecast, renderInfo, renderPrepare, renderTrain } from '../render/render-commands.js';
import { resolveFormat, type Format } from '../render/format.js';
import { createReporter, type Reporter } from './reporter.js';

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
      if (format === 'csv') reporter.info(describeScaler(result.scaler, result.lags).join('\n'));
      io.stdout.write(renderPrepare(result, format));
    },

    async train(file: string, opts: Opts) {
      const { format, reporter } = common(io, opts);
      const settings = settingsFrom(givenTrainOptions(opts));
      if (opts.lockTimeout !== undefined) integer('lock-timeout', opts.lockTimeout as string, 0);
      let progress: ReturnType<Reporter['progress']> | undefined;
      const result = await train({
        file,
        settings,
        out: opts.out as string | undefined,
        predictions: opts.predictions as string | undefined,
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
      io.stdout.write(renderTrain(result, format, Boolean(opts.plot), io.stdout.columns ?? 80));
    },

    async forecast(modelDir: string, file: string | undefined, opts: Opts) {
      const { format, reporter } = common(io, opts);
      const result = await forecast({
        modelDir,
        file,
        horizon: integer('horizon', opts.horizon as string, 1),
        engine: opts.engine === undefined ? 'auto' : choice<EngineChoice>('engine', opts.engine as string, ['auto', 'fused', 'tfjs']),
        backend: opts.backend === undefined ? 'auto' : choice<BackendChoice>('backend', opts.backend as string, ['auto', 'tensorflow', 'wasm', 'cpu']),
        column: opts.column as string | undefined,
        timeColumn: opts.timeColumn as string | undefined,
        missing: opts.missing === undefined ? 'error' : choice<MissingPolicy>('missing', opts.missing as string, ['error', 'drop', 'ffill', 'interpolate']),
      });
      result.warnings.forEach((w) => reporter.warn(w));
      io.stdout.write(renderForecast(result, format));
    },

    async info(opts: Opts) {
      const { format } = common(io, opts);
      io.stdout.write(renderInfo(await info(), format));
    },
  };
}

export { UsageError };
