// Benchmark: wall time of whole commands as a user runs them, process start-up included.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Wall seconds of `node ARGS` run to a successful end, from the repository root. */
export function nodeSeconds(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`node ${args.join(' ')} exited ${code}`))));
  });
}

/** Wall seconds of `rnnfc ARGS`, process start-up included. */
export function wallSeconds(args: string[]): Promise<number> {
  return nodeSeconds([path.join(root, 'bin', 'rnnfc.js'), ...args]);
}

export async function benchCliWallTime(log: (line: string) => void): Promise<void> {
  const args = ['train', 'fixtures/shampoo.csv', '--stateful', '--reset=epoch', '-q'];
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await wallSeconds(args));
  log('rnnfc train fixtures/shampoo.csv --stateful --reset=epoch (1000 epochs, default engine), whole process');
  log(`  wall time, best of 3             ${Math.min(...runs).toFixed(2).padStart(7)} s   (target: under 2 s)`);
}
