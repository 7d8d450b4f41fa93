// Benchmark: the published study (10 experiments x 10 repeats) with --jobs 1 and --jobs 2,
// beside this machine's own ceiling for two parallel CPU-bound processes, since a "2-core"
// machine shared with others may not run two threads at twice the speed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareExperiments } from '../src/commands/compare.js';
import { experimentsFromFile } from '../src/compare/experiments.js';
import { nodeSeconds, wallSeconds } from './cli-wall-time.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Seconds for one CPU-bound spin, and for two of them at once in separate processes. The spin
 * is floating-point work like the fused kernels' (multiply-adds, exp, tanh): two hyper-threads of
 * one core share their floating-point units, so integer work would overstate the ceiling.
 */
async function parallelCeiling(): Promise<{ one: number; two: number }> {
  const spin = ['-e', 'const a = new Float64Array(64).fill(0.5); let x = 0; for (let i = 0; i < 4e7; i++) { const k = i & 63; x += Math.tanh(a[k] * x * 1e-3) + 1 / (1 + Math.exp(-a[k])); } if (x < 0) console.log(x);'];
  const one = await nodeSeconds(spin);
  const started = performance.now();
  await Promise.all([nodeSeconds(spin), nodeSeconds(spin)]);
  return { one, two: (performance.now() - started) / 1000 };
}

export async function benchCompareJobs(log: (line: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnfc-bench-'));
  const study = ['compare', path.join(root, 'fixtures/shampoo.csv'), '--experiments', path.join(root, 'fixtures/experiments/stateful-vs-stateless.json'), '--repeats', '10', '-q'];
  const seconds: Record<number, number> = {};
  for (const jobs of [1, 2]) {
    seconds[jobs] = await wallSeconds([...study, '--jobs', String(jobs), '--results', path.join(dir, `results-${jobs}.csv`)]);
  }
  // The pool's scaling when each run is heavy: the same study on the tfjs engine, shortened.
  const heavy = [...study.slice(0, 4), '--repeats', '2', '--engine', 'tfjs', '--backend', 'cpu', '--epochs', '15', '-q'];
  const heavySeconds: Record<number, number> = {};
  for (const jobs of [1, 2]) heavySeconds[jobs] = await wallSeconds([...heavy, '--jobs', String(jobs)]);
  const identical = fs.readFileSync(path.join(dir, 'results-1.csv'), 'utf8') === fs.readFileSync(path.join(dir, 'results-2.csv'), 'utf8');
  // The same study in this process, after a warm-up run: what the workers themselves gain,
  // without the process start-up.
  const file = path.join(root, 'fixtures/experiments/stateful-vs-stateless.json');
  const experiments = experimentsFromFile(fs.readFileSync(file, 'utf8'), file, {});
  const inProcess: Record<number, number> = {};
  await compareExperiments({ file: path.join(root, 'fixtures/shampoo.csv'), experiments: experiments.slice(0, 1), repeats: 1, jobs: 1 });
  for (const jobs of [1, 2]) {
    const started = performance.now();
    await compareExperiments({ file: path.join(root, 'fixtures/shampoo.csv'), experiments, repeats: 10, jobs });
    inProcess[jobs] = (performance.now() - started) / 1000;
  }
  const ceiling = await parallelCeiling();
  const ceilingRatio = (2 * ceiling.one) / ceiling.two;
  log('compare: the published study, 10 experiments x 10 repeats (100 training runs of 1000 epochs)');
  log(`  --jobs 1                          ${seconds[1]!.toFixed(2).padStart(7)} s`);
  log(`  --jobs 2                          ${seconds[2]!.toFixed(2).padStart(7)} s`);
  log(`  speed-up of --jobs 2              ${(seconds[1]! / seconds[2]!).toFixed(2).padStart(7)} x`);
  log(`  results files identical           ${identical ? '    yes' : '     NO'}`);
  log(`  the same on the tfjs engine (2 repeats, 15 epochs): --jobs 1 ${heavySeconds[1]!.toFixed(2)} s, --jobs 2 ${heavySeconds[2]!.toFixed(2)} s, speed-up ${(heavySeconds[1]! / heavySeconds[2]!).toFixed(2)} x`);
  log(`  in one process, after a warm-up: --jobs 1 ${inProcess[1]!.toFixed(2)} s, --jobs 2 ${inProcess[2]!.toFixed(2)} s, speed-up ${(inProcess[1]! / inProcess[2]!).toFixed(2)} x`);
  log(`  this machine: 2 processes of floating-point work at once do the work of ${ceilingRatio.toFixed(2)} (one alone ${ceiling.one.toFixed(2)} s, two together ${ceiling.two.toFixed(2)} s; ${os.availableParallelism()} cores reported)`);
  fs.rmSync(dir, { recursive: true, force: true });
}
