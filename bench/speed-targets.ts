// The fused engine's speed at the sizes that matter beyond the tiny study networks: plain
// TypeScript kernels against the WebAssembly SIMD ones, one thread against two, and PyTorch on
// the same CPU beside them when a Python with torch is found (bench/peers/). Configurations are
// timed in interleaved rounds and each keeps its best round, so that load from other work on the
// machine hits them alike; compare the ratios.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simdAvailable } from '../src/engines/fused/simd-kernels.js';
import type { NetworkSpec } from '../src/engines/types.js';
import { formatTable } from './engines.js';
import type { Timing } from './shape-timing.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PEERS = fileURLToPath(new URL('../../bench/peers/', import.meta.url));

const GRU: NetworkSpec = { cell: 'gru', units: [50], timeSteps: 50, features: 8, outputs: 5, dropout: 0, stateful: false, batchSize: 50 };
const LSTM: NetworkSpec = { cell: 'lstm', units: [64], timeSteps: 5, features: 1, outputs: 8, dropout: 0, stateful: false, batchSize: 512 };
/** The crypto question at full size: windows of 50 x 8, GRU 50, batch 500. */
const CRYPTO_WINDOWS = 291_314;

interface Shape {
  label: string;
  spec: NetworkSpec;
  /** pytorch_shapes.py arguments for the same network. */
  peer: string[];
  peerNote?: string;
}

const SHAPES: Shape[] = [
  { label: 'GRU 50, 50 x 8 -> 5, batch 50', spec: GRU, peer: ['--shape', 'B', '--batch', '50'] },
  { label: 'GRU 50, 50 x 8 -> 5, batch 500', spec: { ...GRU, batchSize: 500 }, peer: ['--shape', 'B', '--batch', '500'] },
  { label: 'LSTM 64, 5 x 1 -> 8, batch 512', spec: LSTM, peer: ['--shape', 'C'], peerNote: 'PyTorch: 3 softmax outputs' },
];

/**
 * Times one shape's configurations in a process of its own (bench/shape-timing.ts): in a process
 * that has run other code first, the TypeScript kernels' call sites have seen other shapes and
 * run slower, which would flatter the SIMD kernels beside them.
 */
function timeShapeInOwnProcess(spec: NetworkSpec, rounds: number, roundMs: number): Timing {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('./shape-timing.js', import.meta.url)), JSON.stringify({ spec, rounds, roundMs })], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`timing ${spec.cell} batch ${spec.batchSize} failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as Timing;
}

/** A Python that imports torch: `python3`, else Debian's /usr/bin/python3; null if neither. */
function findTorchPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return python;
  }
  return null;
}

/** Runs a peer script; returns its JSON output, or null (and why) on failure. */
function runPeer(python: string, script: string, args: string[], threads: number): { json: Record<string, unknown> | null; error?: string } {
  const r = spawnSync(python, [PEERS + script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    // libgomp's spinning threads crawl when another process holds the other core.
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', OMP_NUM_THREADS: String(threads) },
  });
  if (r.status !== 0) return { json: null, error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop() };
  try {
    return { json: JSON.parse(r.stdout) as Record<string, unknown> };
  } catch {
    return { json: null, error: 'unreadable output' };
  }
}

const us = (v: number) => (!Number.isFinite(v) ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (v: number) => (!Number.isFinite(v) ? '-' : v >= 10 ? `${v.toFixed(0)}x` : `${v.toFixed(2)}x`);
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

export async function benchSpeedTargets(log: (line: string) => void): Promise<void> {
  log(`WebAssembly SIMD: ${simdAvailable() ? 'available' : 'MISSING (the SIMD columns run the plain kernels)'}`);
  const python = findTorchPython();
  log(python ? `PyTorch: ${python} (bench/peers/, one thread and two, OMP_WAIT_POLICY=PASSIVE)` : 'PyTorch: not found (no python3 or /usr/bin/python3 imports torch; apt-get install python3-torch); its columns are empty');
  log('');

  // (a) the three training shapes
  const timings: Timing[] = [];
  const peers: { one: number; two: number }[] = [];
  for (const shape of SHAPES) {
    const heavy = shape.spec.batchSize >= 500;
    timings.push(timeShapeInOwnProcess(shape.spec, 3, heavy ? 1500 : 700));
    let one = NaN;
    let two = NaN;
    if (python) {
      for (const threads of [1, 2]) {
        const r = runPeer(python, 'pytorch_shapes.py', [...shape.peer, '--threads', String(threads), '--reps', '3'], threads);
        const value = Number(r.json?.us_per_sample_min);
        if (!r.json) log(`PyTorch ${shape.label}, ${threads} thread(s) failed: ${r.error}`);
        if (threads === 1) one = value;
        else two = value;
      }
    }
    peers.push({ one, two });
  }
  log('Training, µs per sample (best of 3 interleaved rounds, each shape in a process of its own); the network of each row, same data sizes');
  const rows = SHAPES.map((shape, i) => {
    const t = timings[i]!;
    const p = peers[i]!;
    return [shape.label, us(t.plain), us(t.simd), us(t.simd2), ratio(t.plain / t.simd), ratio(t.simd / t.simd2), us(p.one), us(p.two), ratio(p.one / t.simd), ratio(p.two / t.simd2)];
  });
  for (const line of formatTable(['shape', 'plain 1T', 'SIMD 1T', 'SIMD 2T', 'SIMD/plain', '2T/1T', 'PyTorch 1T', 'PyTorch 2T', 'vs PyTorch 1T', 'vs PyTorch 2T'], rows)) log(line);
  log('Targets: SIMD/plain >= 4x, 2T/1T >= 1.7x, faster than PyTorch with as many threads (vs PyTorch > 1x).');
  SHAPES.forEach((shape, i) => {
    const t = timings[i]!;
    const p = peers[i]!;
    const vs = python ? `; faster than PyTorch 1T ${met(p.one > t.simd)}, 2T ${met(p.two > t.simd2)}` : '';
    log(`  ${shape.label}: SIMD/plain ${met(t.plain / t.simd >= 4)}; 2 threads ${met(t.simd / t.simd2 >= 1.7)}${vs}${shape.peerNote ? ` (${shape.peerNote})` : ''}`);
  });
  log('');

  // (b) the 1-unit shampoo network, in a process of its own (see shampoo-step.ts)
  const step = spawnSync(process.execPath, [fileURLToPath(new URL('./shampoo-step.js', import.meta.url))], { encoding: 'utf8' });
  const shampooUs = step.status === 0 ? Number(step.stdout.trim()) : NaN;
  if (step.status !== 0) log(`the shampoo step timing failed: ${step.stderr.trim()}`);
  let torchShampoo = NaN;
  if (python) {
    const r = runPeer(python, 'pytorch_shampoo.py', ['--seeds', '1', '--epochs', '100', '--threads', '1', '--json'], 1);
    torchShampoo = Number(r.json?.us_per_step_min);
    if (!r.json) log(`PyTorch shampoo failed: ${r.error}`);
  }
  log('The 1-unit shampoo network (stateful LSTM 1, batch 1), µs per training step');
  for (const line of formatTable(['engine', 'µs / step', 'rnnfc is faster by'], [
    ['rnnfc fused', us(shampooUs), ''],
    ['PyTorch 1T', us(torchShampoo), ratio(torchShampoo / shampooUs)],
  ])) log(line);
  log(`Target: >= 500x faster than PyTorch: ${python ? met(torchShampoo / shampooUs >= 500) : 'not measured'}`);
  log('');

  // (c) the crypto question at full size, extrapolated from the batch-500 GRU row
  const crypto = timings[1]!;
  const peer = peers[1]!;
  const epoch = (usPerSample: number) => (Number.isFinite(usPerSample) ? `${((usPerSample * CRYPTO_WINDOWS) / 1e6).toFixed(0)} s` : '-');
  log(`One epoch of ${CRYPTO_WINDOWS.toLocaleString('en-US')} windows (50 x 8, GRU 50 -> 5, batch 500), extrapolated`);
  for (const line of formatTable(['engine', 'seconds / epoch'], [
    ['rnnfc plain, 1 thread', epoch(crypto.plain)],
    ['rnnfc SIMD, 1 thread', epoch(crypto.simd)],
    ['rnnfc SIMD, 2 threads', epoch(crypto.simd2)],
    ['PyTorch, 1 thread', epoch(peer.one)],
    ['PyTorch, 2 threads', epoch(peer.two)],
  ])) log(line);
}
