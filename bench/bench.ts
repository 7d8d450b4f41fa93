// npm run bench: every speed figure of rnnfc, printed side by side with ratios in one run.
// Machines are shared and noisy: compare the ratios, not the absolute figures.
import os from 'node:os';
import { benchCliWallTime } from './cli-wall-time.js';
import { benchCompareJobs } from './compare-jobs.js';
import { benchEngines } from './engines.js';
import { benchInitializer } from './initializer.js';
import { benchPrepareScale } from './prepare-scale.js';
import { benchSpeedTargets } from './speed-targets.js';

const log = (line: string) => console.log(line);
const section = (title: string) => {
  log('');
  log(`== ${title} ${'='.repeat(Math.max(0, 76 - title.length))}`);
};

log(`rnnfc benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`);
section('engines: fused against tfjs');
await benchEngines(log);
section('fused engine: SIMD kernels, threads, and PyTorch beside them');
await benchSpeedTargets(log);
section('initial weights: the orthogonal recurrent kernel');
await benchInitializer(log);
section('one training run from the command line');
await benchCliWallTime(log);
section('compare: parallel repeats');
await benchCompareJobs(log);
section('prepare at scale');
await benchPrepareScale(log);
