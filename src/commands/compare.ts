// rnnfc compare: run every experiment of a study several times (in parallel, seeds paired by
// repeat), then summarise the test RMSEs, draw box plots and test the differences; or summarise
// results files written earlier.
import { promises as fs } from 'node:fs';
import { DataError, ExitCode, RunsFailedError, UsageError } from '../errors.js';
import { loadTable } from '../data/load.js';
import type { Experiment } from '../compare/experiments.js';
import { runPool } from '../compare/pool.js';
import { readResultsCsv, resultsCsv } from '../compare/results-files.js';
import { summarise, type ExperimentSummary } from '../compare/summary.js';
import type { RunMetrics, RunReply, RunTask } from '../compare/worker.js';
import { buildDataset } from '../pipeline/dataset.js';
import type { Season } from '../baselines/season.js';
import type { BaselineName } from '../baselines/baseline.js';
import { runBaselines } from '../run/run-once.js';
import { classBaselinesOf } from '../evaluate/classify-evaluation.js';
import type { ClassBaselineName } from '../baselines/class-baseline.js';
import { csv } from '../render/format.js';
import { writeOutput } from '../util/write-output.js';
import { checkDistinct, checkNotInput, checkOutputFile } from '../util/output-path.js';
import { checkReportFile, writeReport } from '../report/report-file.js';
import { compareReport } from '../report/compare-report.js';

export interface CompareRunOptions {
  file: string;
  experiments: Experiment[];
  repeats: number;
  jobs: number;
  /** Threads shared by the runs in parallel: each of the `jobs` runs gets threads / jobs (at least 1). */
  threads?: number;
  baseline?: string;
  results?: string;
  details?: string;
  /** HTML report to write. */
  report?: string;
  /** How the study was asked for (a command line), for the report's heading. */
  description?: string;
  /** The test metric the experiments are compared on (over all horizon steps). */
  metric?: CompareMetric;
  onStart?: (total: number) => void;
  onRun?: (done: number, total: number) => void;
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
}

export type RegressionMetric = 'rmse' | 'mae' | 'mape' | 'mase';
/** A classifier's test metrics: log loss (lower is better), the others higher is better. */
export type ClassMetric = 'log_loss' | 'accuracy' | 'balanced_accuracy' | 'f1_macro';
export type CompareMetric = RegressionMetric | ClassMetric;
export const REGRESSION_METRICS: readonly RegressionMetric[] = ['rmse', 'mae', 'mape', 'mase'];
export const CLASS_METRICS: readonly ClassMetric[] = ['log_loss', 'accuracy', 'balanced_accuracy', 'f1_macro'];
export const COMPARE_METRICS: readonly CompareMetric[] = [...REGRESSION_METRICS, ...CLASS_METRICS];

/** One run of a study: its test metrics (regression's, or a classifier's; the others null). */
export interface RunDetail extends RunMetrics {
  experiment: string;
  repeat: number;
  seed: number;
  engine: string | null;
  seconds: number | null;
  error: string | null;
}

export interface CompareResult {
  /** The metric compared; results files hold RMSE unless their header says otherwise. */
  metric: CompareMetric;
  /** The persistence forecast's RMSE on the same test targets (over all steps). */
  persistenceRmse: number | null;
  /** The persistence forecast's value of `metric`. */
  persistenceMetric: number | null;
  /** A classifier study's baselines (majority class, persistence label) on the baseline experiment's test targets. */
  classBaselines?: CompareClassBaseline[];
  /** The baselines on the test origins of the baseline experiment (empty when summarising files). */
  baselines: CompareBaseline[];
  season: Season | null;
  baseline: string;
  experiments: ExperimentSummary[];
  /** Test RMSE of each run, by experiment, in repeat order (null where a run failed). */
  groups: { name: string; values: (number | null)[] }[];
  runs: RunDetail[];
  warnings: string[];
  seconds: number;
  /** Experiments without a single successful run: the caller prints the rest, then fails with `exitCode`. */
  failed: FailedExperiment[];
  /** Which results file was asked for on standard output ("-" or /dev/stdout): the caller writes it there. */
  toStdout?: 'results' | 'details';
  /** Classification studies: the mean test accuracy of each experiment, shown beside the metric compared. */
  accuracy?: { name: string; mean: number | null }[];
}

/** A classification baseline's test metrics. */
export interface CompareClassBaseline {
  name: ClassBaselineName;
  log_loss: number;
  accuracy: number;
  balanced_accuracy: number;
  f1_macro: number;
}

/** A baseline's test metrics over all horizon steps. */
export interface CompareBaseline {
  name: BaselineName;
  rmse: number;
  mae: number;
  mape: number;
  mase: number;
  /** Wall time of fitting and forecasting (refitting at every origin, for Holt-Winters). */
  seconds: number;
}

export interface FailedExperiment {
  name: string;
  /** Why: the first failed run's error. */
  error: string;
  /** The exit code of that error (5 for divergence). */
  exitCode: number;
}

/** The error to exit with when some experiments have no successful run. */
export function runsFailedError(failed: FailedExperiment[]): RunsFailedError {
  const first = failed[0]!;
  const others = failed.length > 1 ? ` (and ${failed.length - 1} other experiment${failed.length > 2 ? 's' : ''}: ${failed.slice(1).map((f) => `"${f.name}"`).join(', ')})` : '';
  return new RunsFailedError(`experiment "${first.name}" has no successful run${others}; the first failure: ${first.error}`, first.exitCode);
}

export async function compareExperiments(options: CompareRunOptions): Promise<CompareResult> {
  const { experiments, repeats } = options;
  if (experiments.length === 0) throw new UsageError('no experiments: give --experiments FILE or --variant NAME="options"');
  const baseline = options.baseline ?? experiments[0]!.name;
  if (!experiments.some((e) => e.name === baseline)) {
    throw new UsageError(`--baseline "${baseline}" is not one of the experiments: ${experiments.map((e) => e.name).join(', ')}`);
  }
  const started = performance.now();
  const results = options.results === undefined ? undefined : await checkOutputFile(options.results, '--results');
  const details = options.details === undefined ? undefined : await checkOutputFile(options.details, '--details');
  const report = options.report === undefined ? undefined : await checkReportFile(options.report);
  checkDistinct([results, details, report]);
  await checkNotInput(results, options.file, 'the input CSV this run reads');
  await checkNotInput(details, options.file, 'the input CSV this run reads');
  await checkNotInput(report, options.file, 'the input CSV this run reads');
  // One series for the whole study: every experiment must read the data the same way.
  const first = experiments[0]!.settings;
  const { table } = await loadTable(options.file, first);
  for (const e of experiments) {
    const s = e.settings;
    const same = (k: 'target' | 'features' | 'timeColumn' | 'missing' | 'testFile') => s[k] === first[k];
    const samePipeline = (k: 'sequenceColumn' | 'layout') => s.pipeline[k] === first.pipeline[k];
    if (!same('target') || !same('features') || !same('timeColumn') || !same('missing') || !same('testFile') || !samePipeline('sequenceColumn') || !samePipeline('layout') || (s.pipeline.horizon === 0) !== (first.pipeline.horizon === 0)) {
      throw new UsageError(
        `experiment "${e.name}": --target, --features, --time-column, --missing, --test-file, --sequence-column and --layout must be the same for every experiment of a study`,
      );
    }
  }
  // The runs in parallel share the threads, so that --jobs and --threads together never ask for more.
  const parallelRuns = Math.max(1, Math.min(options.jobs, experiments.length * repeats));
  const threadsPerRun = Math.max(1, Math.floor((options.threads ?? 1) / parallelRuns));
  // Framed here too, to fail fast on framing problems (too few rows) before starting workers.
  const classify = table.labels !== undefined;
  const metric = options.metric ?? (classify ? 'log_loss' : 'rmse');
  if (classify !== (CLASS_METRICS as readonly string[]).includes(metric)) {
    throw new UsageError(
      classify
        ? `--metric ${metric} is a regression metric, but the experiments classify "${table.target}"; use one of ${CLASS_METRICS.join(', ')}`
        : `--metric ${metric} is a classification metric, but the experiments forecast "${table.target}"; use one of ${REGRESSION_METRICS.join(', ')}`,
    );
  }
  const datasets = new Map(experiments.map((e) => [e.name, buildDataset(table, e.settings.pipeline, { labels: e.settings.labels })]));
  const tasks: RunTask[] = experiments.flatMap((e, i) =>
    // baselines do not depend on the seed: evaluated once below, not in every run
    Array.from({ length: repeats }, (_, r) => ({ id: i * repeats + r, settings: { ...e.settings, seed: e.settings.seed + r, baselines: 'none' as const }, threads: threadsPerRun })),
  );
  options.onStart?.(tasks.length);
  const replies = await runPool(table, tasks, {
    jobs: options.jobs,
    onReply: (_reply, done) => options.onRun?.(done, tasks.length),
    interrupted: options.interrupted,
  });
  const warnings: string[] = [];
  const runs: RunDetail[] = replies.map((reply: RunReply, id) => {
    const e = experiments[Math.floor(id / repeats)]!;
    const repeat = (id % repeats) + 1;
    const seed = tasks[id]!.settings.seed;
    if (!reply.ok) {
      warnings.push(`experiment "${e.name}" repeat ${repeat} (seed ${seed}) failed: ${reply.error}`);
      return {
        experiment: e.name, repeat, seed, engine: null, seconds: null, rmse: null, mae: null, mape: null, mase: null,
        log_loss: null, accuracy: null, balanced_accuracy: null, f1_macro: null, error: reply.error,
      };
    }
    const { id: _id, ok: _ok, ...measured } = reply;
    return { experiment: e.name, repeat, seed, ...measured, error: null };
  });
  const failed: FailedExperiment[] = [];
  experiments.forEach((e, i) => {
    const own = replies.slice(i * repeats, (i + 1) * repeats);
    const first = own[0]!;
    if (own.every((r) => !r.ok) && !first.ok) failed.push({ name: e.name, error: first.error, exitCode: first.exitCode });
  });
  // With no run left there is nothing to summarise: fail at once.
  if (failed.length === experiments.length) throw runsFailedError(failed);
  const groups = experiments.map((e) => ({ name: e.name, values: runs.filter((r) => r.experiment === e.name).map((r) => r[metric]) }));
  const d = datasets.get(baseline)!;
  const baselineSettings = experiments.find((e) => e.name === baseline)!.settings;
  const { season, baselines: evaluated } = classify ? { season: null, baselines: { results: [], persistence: null } } : runBaselines(d, baselineSettings);
  // a classifier's baselines: the majority class and the persistence label on the same test targets
  const classBaselines = classify
    ? classBaselinesOf(d).results.map((b) => ({ name: b.name, log_loss: b.logLoss, accuracy: b.accuracy, balanced_accuracy: b.balancedAccuracy, f1_macro: b.f1Macro }))
    : undefined;
  const persistence = evaluated.persistence;
  if (results && results.kind !== 'stdout') await writeOutput(results, resultsCsv(groups));
  if (details && details.kind !== 'stdout') await writeOutput(details, detailsCsv(runs, classify));
  const result: CompareResult = {
    metric,
    persistenceRmse: persistence ? persistence.all.rmse : null,
    persistenceMetric: persistence ? persistence.all[metric as RegressionMetric] : null,
    baselines: evaluated.results.map((b) => ({ name: b.name, rmse: b.all.rmse, mae: b.all.mae, mape: b.all.mape, mase: b.all.mase, seconds: b.seconds })),
    season,
    baseline,
    experiments: summarise(groups, baseline, true),
    groups,
    runs,
    warnings,
    seconds: (performance.now() - started) / 1000,
    failed,
    toStdout: results?.kind === 'stdout' ? 'results' : details?.kind === 'stdout' ? 'details' : undefined,
    ...(classify
      ? {
          classBaselines,
          accuracy: experiments.map((e) => {
            const values = runs.filter((r) => r.experiment === e.name && r.accuracy !== null).map((r) => r.accuracy!);
            return { name: e.name, mean: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null };
          }),
        }
      : {}),
  };
  if (report) await writeReport(report, compareReport(result, options.description ?? `rnnfc compare ${options.file}`));
  return result;
}

export function detailsCsv(runs: RunDetail[], classify = false): string {
  if (classify) {
    return csv(
      ['experiment', 'repeat', 'seed', 'engine', 'seconds', 'log_loss', 'accuracy', 'balanced_accuracy', 'f1_macro', 'error'],
      runs.map((r) => [r.experiment, r.repeat, r.seed, r.engine, r.seconds, r.log_loss, r.accuracy, r.balanced_accuracy, r.f1_macro, r.error]),
    );
  }
  return csv(
    ['experiment', 'repeat', 'seed', 'engine', 'seconds', 'rmse', 'mae', 'mape', 'mase', 'error'],
    runs.map((r) => [r.experiment, r.repeat, r.seed, r.engine, r.seconds, r.rmse, r.mae, r.mape, r.mase, r.error]),
  );
}

export interface SummariseFilesOptions {
  files: string[];
  baseline?: string;
  report?: string;
  description?: string;
}

/** Summarises results files written earlier: every column of every file is an experiment. */
export async function compareResultsFiles(options: SummariseFilesOptions): Promise<CompareResult> {
  const report = options.report === undefined ? undefined : await checkReportFile(options.report);
  const groups: { name: string; values: (number | null)[] }[] = [];
  for (const file of options.files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`${file}: cannot read results file (${code === 'ENOENT' ? 'no such file' : code})`);
    }
    let read;
    try {
      read = readResultsCsv(text, file);
    } catch (e) {
      // `rnnfc compare data.csv` without --experiments or --variant: the time column is no RMSE.
      if (e instanceof DataError && / is not a number$/.test(e.message)) {
        throw new UsageError(`${file} is not a results file (${e.message.slice(file.length).replace(/^:/, 'line ')}); to run experiments on this data, give --experiments FILE or --variant NAME="options"`);
      }
      throw e;
    }
    for (const g of read) {
      if (groups.some((x) => x.name === g.name)) throw new UsageError(`experiment "${g.name}" appears in more than one results file; rename a column`);
      groups.push(g);
    }
  }
  const baseline = options.baseline ?? groups[0]!.name;
  if (!groups.some((g) => g.name === baseline)) {
    throw new UsageError(`--baseline "${baseline}" is not one of the experiments: ${groups.map((g) => g.name).join(', ')}`);
  }
  const sameLength = groups.every((g) => g.values.length === groups[0]!.values.length);
  const failed = groups
    .filter((g) => g.values.every((v) => v === null))
    .map((g) => ({ name: g.name, error: 'every row of its column is empty', exitCode: ExitCode.data }));
  const result: CompareResult = { metric: 'rmse', persistenceRmse: null, persistenceMetric: null, baselines: [], season: null, baseline, experiments: summarise(groups, baseline, sameLength), groups, runs: [], warnings: [], seconds: 0, failed };
  if (report) await writeReport(report, compareReport(result, options.description ?? `rnnfc compare ${options.files.join(' ')}`));
  return result;
}
