// A compare worker thread: runs the training runs it is sent, one at a time, on a table sent
// once at start-up, and posts each run's outcome back.
import { parentPort, workerData } from 'node:worker_threads';
import { RnnfcError } from '../errors.js';
import type { RunSettings } from '../options/train-options.js';
import type { Table } from '../core/types.js';
import { runOnce } from '../run/run-once.js';
import { runClassifier } from '../run/run-classifier.js';

export interface RunTask {
  id: number;
  settings: RunSettings;
  /** Threads this run may use. */
  threads?: number;
}

export type RunReply =
  | ({ id: number; ok: true; engine: string; seconds: number } & RunMetrics)
  | { id: number; ok: false; error: string; exitCode: number };

/** A run's test metrics: regression's, or a classifier's (the others null). */
export interface RunMetrics {
  rmse: number | null;
  mae: number | null;
  mape: number | null;
  mase: number | null;
  log_loss: number | null;
  accuracy: number | null;
  balanced_accuracy: number | null;
  f1_macro: number | null;
}

const table = workerData as Table;

parentPort!.on('message', async (task: RunTask) => {
  let reply: RunReply;
  try {
    if (table.labels) {
      const r = await runClassifier(table, task.settings, { threads: task.threads });
      const m = r.evaluation.metrics;
      reply = {
        id: task.id,
        ok: true,
        engine: r.engine.name,
        seconds: r.seconds,
        rmse: null,
        mae: null,
        mape: null,
        mase: null,
        log_loss: m.logLoss,
        accuracy: m.accuracy,
        balanced_accuracy: m.balancedAccuracy,
        f1_macro: m.f1Macro,
      };
    } else {
      const r = await runOnce(table, task.settings, { threads: task.threads });
      reply = {
        id: task.id,
        ok: true,
        engine: r.engine.name,
        seconds: r.seconds,
        rmse: r.evaluation.all.rmse,
        mae: r.evaluation.all.mae,
        mape: r.evaluation.all.mape,
        mase: r.evaluation.all.mase,
        log_loss: null,
        accuracy: null,
        balanced_accuracy: null,
        f1_macro: null,
      };
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id: task.id, ok: false, error: err.message, exitCode: e instanceof RnnfcError ? e.exitCode : e instanceof RangeError ? 2 : 1 };
  }
  parentPort!.postMessage(reply);
});
