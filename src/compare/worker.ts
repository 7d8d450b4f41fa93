// A compare worker thread: runs the training runs it is sent, one at a time, on a table sent
// once at start-up, and posts each run's outcome back.
import { parentPort, workerData } from 'node:worker_threads';
import { RnnfcError } from '../errors.js';
import type { RunSettings } from '../options/train-options.js';
import type { Table } from '../core/types.js';
import { runOnce } from '../run/run-once.js';

export interface RunTask {
  id: number;
  settings: RunSettings;
  /** Threads this run may use. */
  threads?: number;
}

export type RunReply =
  | { id: number; ok: true; engine: string; seconds: number; rmse: number; mae: number; mape: number; mase: number }
  | { id: number; ok: false; error: string; exitCode: number };

const table = workerData as Table;

parentPort!.on('message', async (task: RunTask) => {
  let reply: RunReply;
  try {
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
    };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id: task.id, ok: false, error: err.message, exitCode: e instanceof RnnfcError ? e.exitCode : e instanceof RangeError ? 2 : 1 };
  }
  parentPort!.postMessage(reply);
});
