// Runs tasks on a pool of worker threads and returns the replies in task order, so the results
// are the same whatever the number of workers.
import { Worker } from 'node:worker_threads';
import { InterruptedError } from '../errors.js';
import type { Table } from '../core/types.js';
import type { RunReply, RunTask } from './worker.js';

export interface PoolOptions {
  jobs: number;
  onReply?: (reply: RunReply, done: number) => void;
  interrupted?: () => 'SIGINT' | 'SIGTERM' | undefined;
}

export async function runPool(table: Table, tasks: RunTask[], options: PoolOptions): Promise<RunReply[]> {
  const replies: RunReply[] = new Array(tasks.length);
  const workerCount = Math.max(1, Math.min(options.jobs, tasks.length));
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  const plain = table;
  try {
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const signal = options.interrupted?.();
        if (signal) reject(new InterruptedError(`interrupted by ${signal} after ${done} of ${tasks.length} runs; nothing was written`, signal));
      }, 100);
      const finish = (e?: Error) => {
        clearInterval(poll);
        if (e) reject(e);
        else resolve();
      };
      if (tasks.length === 0) return finish();
      const feed = (w: Worker) => {
        if (next >= tasks.length) return;
        const task = tasks[next++]!;
        w.postMessage(task);
      };
      for (let i = 0; i < workerCount; i++) {
        const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: plain });
        workers.push(w);
        w.on('message', (reply: RunReply) => {
          replies[reply.id] = reply;
          done++;
          options.onReply?.(reply, done);
          if (done === tasks.length) finish();
          else feed(w);
        });
        w.on('error', (e) => finish(e));
        w.on('exit', (code) => {
          if (done < tasks.length && code !== 0) finish(new Error(`a compare worker exited with code ${code}`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return replies;
}
