// How much --labels per-step steadies a classifier streamed row by row, measured through the CLI
// as a user would: `rnnfc train` on the labelled-sequences fixture twice (one label per sequence,
// and the label on every step), then `rnnfc forecast --stream --sequence-column sequence` over
// the test sequences (the last 20), counting how often the predicted class flips within a sequence.
//   npm run build && node dist/bench/stream-smoothing.js [--epochs n] [--seed n]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(root, 'bin', 'rnnfc.js');
const fixture = path.join(root, 'fixtures', 'sequence-labels.csv');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const epochs = option('epochs', '40');
const seed = option('seed', '1');
const testSequences = 20;

function rnnfc(argv: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`rnnfc ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnfc-stream-smoothing-'));
// the test sequences as a producer would send them: the header, then their rows
const lines = fs.readFileSync(fixture, 'utf8').trimEnd().split('\n');
const ids = [...new Set(lines.slice(1).map((l) => l.split(',')[0]!))];
const tested = new Set(ids.slice(-testSequences));
const testRows = lines.slice(1).filter((l) => tested.has(l.split(',')[0]!));
const testFile = path.join(dir, 'test-sequences.csv');
fs.writeFileSync(testFile, [lines[0], ...testRows].join('\n') + '\n');
const labelOf = new Map(testRows.map((l) => [l.split(',')[0]!, l.split(',')[4]!]));

const common = ['--task', 'classify', '--sequence-column', 'sequence', '--target', 'label', '--features', 'x1,x2,x3', '--test', String(testSequences),
  '--units', '16,16', '--epochs', epochs, '--batch-size', '8', '--lr', '0.005', '--shuffle', '--seed', seed, '-q', '--format', 'json'];
const train = `rnnfc train fixtures/sequence-labels.csv ${common.filter((a) => a !== '-q' && a !== '--format' && a !== 'json').join(' ')} --labels L --out m-L`;
console.log(`per-step smoothing: ${train}`);
console.log(`then: rnnfc forecast m-L test-sequences.csv --stream --sequence-column sequence --format csv (the last ${testSequences} sequences, ${testRows.length / testSequences} rows each)`);
console.log('labels        flips/seq  late flips/seq  seqs with flips  Σ|Δp|/seq  acc last row  acc all rows  test accuracy  train+stream s');
for (const labels of ['per-sample', 'per-step']) {
  const started = performance.now();
  const model = path.join(dir, `m-${labels}`);
  const summary = JSON.parse(rnnfc(['train', fixture, ...common, '--labels', labels, '--out', model]));
  const out = rnnfc(['forecast', model, testFile, '--stream', '--sequence-column', 'sequence', '--format', 'csv']).trimEnd().split('\n');
  const seconds = (performance.now() - started) / 1000;
  const head = out[0]!.split(',');
  const pColumn = head.indexOf('p_1');
  let flips = 0;
  let lateFlips = 0;
  let variation = 0;
  let lastRight = 0;
  let rowsRight = 0;
  const withFlips = new Set<string>();
  let previous: { id: string; cls: string; p: number; t: number } | undefined;
  const finish = (p: typeof previous) => {
    if (p && p.cls === labelOf.get(p.id)) lastRight++;
  };
  for (const line of out.slice(1)) {
    const cells = line.split(',');
    const id = cells[0]!;
    const cls = cells[cells.length - 1]!;
    const p = Number(cells[pColumn]);
    if (previous && previous.id === id) {
      variation += Math.abs(p - previous.p);
      if (cls !== previous.cls) {
        flips++;
        withFlips.add(id);
        if (previous.t + 1 >= 50) lateFlips++;
      }
    } else finish(previous);
    if (cls === labelOf.get(id)) rowsRight++;
    previous = { id, cls, p, t: previous && previous.id === id ? previous.t + 1 : 0 };
  }
  finish(previous);
  console.log(
    `${labels.padEnd(14)}${(flips / testSequences).toFixed(2).padStart(9)}${(lateFlips / testSequences).toFixed(2).padStart(16)}${String(withFlips.size).padStart(17)}` +
      `${(variation / testSequences).toFixed(2).padStart(11)}${(lastRight / testSequences).toFixed(3).padStart(14)}${(rowsRight / testRows.length).toFixed(3).padStart(14)}` +
      `${Number(summary.accuracy).toFixed(3).padStart(15)}${seconds.toFixed(1).padStart(16)}`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
