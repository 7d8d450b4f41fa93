// The commander program: commands, options, help text and examples. The actions it calls live
// in actions.ts; the commands themselves in src/commands/.
import { Command, Option } from 'commander';
import { TRAIN_OPTIONS } from '../options/train-options.js';
import { VERSION } from '../version.js';
import type { Actions } from './actions.js';

function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output: table, csv or json (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json']))
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('--verbose', 'print the stack trace of internal errors');
}

export function addTrainOptions(cmd: Command, names?: string[]): Command {
  for (const def of TRAIN_OPTIONS) {
    if (names && !names.includes(def.name)) continue;
    const flags = def.arg ? `--${def.name} ${def.arg}` : `--${def.name}`;
    cmd.option(flags, def.description + (def.defaultText ? ` (default: ${def.defaultText})` : ''));
  }
  return cmd;
}

export function buildProgram(actions: Actions, output: { writeOut: (s: string) => void; writeErr: (s: string) => void }): Command {
  // Set before adding commands: subcommands copy these settings when they are created.
  const program = new Command('rnnfc')
    .exitOverride()
    .configureOutput(output)
    .description('Forecast time series with recurrent neural networks (LSTM, GRU, simple RNN).')
    .version(VERSION, '-V, --version')
    .addHelpText(
      'after',
      `
Examples:
  rnnfc prepare fixtures/shampoo.csv
  rnnfc train fixtures/shampoo.csv --stateful --reset=epoch --out model
  rnnfc forecast model --horizon 3
  rnnfc info

Exit codes: 0 ok, 1 internal error, 2 usage, 3 data, 4 model, 5 diverged, 6 --out locked by another run,
7 I/O error writing an output (disk full, read-only, permission), 130/143 interrupted.`,
    );

  addOutputOptions(
    addTrainOptions(
      program.command('prepare').argument('<csv>', 'the series (- for stdin)').description('print the framed, scaled rows the network will see, and the fitted scaler'),
      ['target', 'column', 'task', 'labels', 'features', 'time-column', 'missing', 'diff', 'lags', 'horizon', 'transform', 'test', 'test-file', 'sequence-column', 'layout', 'train-size', 'scale', 'range'],
    ).option('--output <file>', 'write the rows to this file (replaced atomically) instead of stdout'),
  ).action(actions.prepare);

  addOutputOptions(
    addTrainOptions(
      program
        .command('train')
        .argument('<csv>', 'the series (- for stdin)')
        .description('train a recurrent network, evaluate it walk-forward against persistence, optionally save it')
        .option('--out <dir>', 'save the model to this directory (replaced atomically)')
        .option('--predictions <file>', 'write the walk-forward predictions (time, actual, predicted, error) as CSV; - for stdout (the summary then goes to stderr)')
        .option('--plot', 'draw actual vs predicted test values, and the loss per epoch')
        .option('--interval <levels>', 'prediction intervals at these levels (e.g. 0.8,0.95), calibrated on the --validation rows (split conformal)')
        .option('--report <file>', 'write an HTML report: the series with the test predictions and intervals, the loss per epoch')
        .option('--lock-timeout <seconds>', 'if another run is writing the same --out, wait up to this many seconds for it, then fail with exit code 6 (default: 0)')
        .option('--threads <n>', 'threads one training may use: the fused engine splits large batches between them, with the same results (default: the number of cores)'),
    ),
  )
    .addHelpText(
      'after',
      `
The defaults are the published shampoo study's configuration: --diff 1 --lags 1 --test 12,
minmax to [-1, 1] fitted on the training rows, LSTM with 1 unit, batch size 1, 1000 epochs, Adam, MSE.

Examples:
  rnnfc train fixtures/shampoo.csv --stateful --reset=epoch --seed 1
  rnnfc train sales.csv --column Sales --units 32,16 --lags 6 --epochs 200 --out model --plot`,
    )
    .action(actions.train);

  addOutputOptions(
    program
      .command('forecast')
      .argument('<model-dir>', 'a directory written by rnnfc train --out')
      .argument('[csv]', 'history to forecast from (default: the history stored with the model); with --stream, the rows to read (default: standard input)')
      .description('forecast the next values with a saved model')
      .option('--horizon <h>', 'how many steps ahead to forecast (default: the horizon the model was trained for; more only for a model reading the target alone)')
      .option('--target <name|index>', 'target column of the CSV (default: the one the model was trained on)')
      .option('--column <name|index>', 'the same as --target')
      .option('--time-column <name|index>', 'time column of the CSV (default: the one the model was trained on)')
      .option('--missing <policy>', 'missing values: error, drop, ffill or interpolate (default: error)')
      .option('--engine <name>', 'auto, fused or tfjs (default: auto)')
      .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu (default: auto)')
      .option('--interval <levels>', 'prediction intervals at levels stored with the model (train --interval), e.g. 0.8,0.95')
      .option('--output <file>', 'write the forecast to this file (replaced atomically, only once it is complete) instead of stdout')
      .option('--report <file>', 'write an HTML report: the end of the history and the forecast, with its intervals')
      .option('--stream', 'read rows from the CSV (standard input when absent or -) as they come and print one line per row: its forecast, or its class probabilities and class')
      .option('--sequence-column <name>', 'with --stream: reset the state where this column\'s value changes (default: the sequence column of a model of whole sequences)')
      .option('--reset-every <n>', 'with --stream: reset the state every n rows')
      .option('--skip-bad-rows', 'with --stream: leave out bad rows (counted in a warning at the end) instead of stopping at the first'),
  )
    .addHelpText(
      'after',
      `
Examples:
  rnnfc forecast model --horizon 3
  tail -f readings.csv | rnnfc forecast model --stream --format csv`,
    )
    .action(actions.forecast);

  addOutputOptions(
    addTrainOptions(
      program
        .command('compare')
        .argument('<csv...>', 'the series to study (with --experiments or --variant), or results files to summarise')
        .description('run experiments repeatedly and compare their test RMSE: statistics, box plots and significance tests')
        .option('--experiments <file>', 'JSON: {"defaults": {...}, "experiments": {"name": {...}}} with train option names as keys')
        .option('--variant <name=options>', 'an experiment given as train options, e.g. stateful="--stateful --reset=epoch" (repeatable)', (v: string, all: string[] = []) => [...all, v])
        .option('--repeats <n>', 'runs per experiment; repeat r uses seed --seed + r (default: 10)')
        .option('--jobs <n>', 'runs in parallel on worker threads (default: the number of cores)')
        .option('--threads <n>', 'threads in all: each of the --jobs runs gets threads/jobs of them, at least 1 (default: the number of cores)')
        .option('--baseline <name>', 'experiment the others are tested against (default: the first)')
        .option('--results <file>', 'write the test RMSE of every run: one column per experiment, one row per repeat; - for stdout')
        .option('--metric <name>', 'the test metric to compare, over all horizon steps: rmse, mae, mape or mase (default: rmse); for classifiers log_loss, accuracy, balanced_accuracy or f1_macro (default: log_loss)')
        .option('--details <file>', 'write one row per run: experiment, repeat, seed, engine, seconds, rmse, mae, mape; - for stdout')
        .option('--report <file>', 'write an HTML report: box plots of the test RMSE against persistence, and the p-value table'),
    ),
  )
    .addHelpText(
      'after',
      `
Train options given here apply to every experiment unless the experiment sets them.

Examples:
  rnnfc compare fixtures/shampoo.csv --experiments fixtures/experiments/stateful-vs-stateless.json --repeats 10
  rnnfc compare sales.csv --variant stateful="--stateful" --variant stateless="" --epochs 200
  rnnfc compare stateful.csv stateless.csv`,
    )
    .action(actions.compare);

  addOutputOptions(program.command('info').description('version, the backends available here and the one auto picks')).action(actions.info);

  return program;
}
