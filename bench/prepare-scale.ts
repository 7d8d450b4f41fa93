// Benchmark: `rnnfc prepare` on a 1,000,000-row CSV, whole process, with its wall time and peak
// memory (goal: under 1 GB). The peak is the child's own getrusage maximum, written by a small
// module preloaded into it, so it needs neither GNU time nor a particular platform.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

const ROWS = 1_000_000;
const LIMIT_MB = 1024;

/** Hourly datetimes from 2000-01-01 00:00 and a seeded random walk, written in chunks. */
async function writeSeries(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  let x = 2463534242; // xorshift32 state: the same file every run
  const uniform = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const start = Date.UTC(2000, 0, 1);
  let level = 1000;
  out.write('time,value\n');
  const chunkRows = 10_000;
  for (let i = 0; i < rows; i += chunkRows) {
    let chunk = '';
    for (let j = i; j < Math.min(rows, i + chunkRows); j++) {
      level += uniform() - 0.5;
      const iso = new Date(start + j * 3_600_000).toISOString();
      chunk += `${iso.slice(0, 10)} ${iso.slice(11, 16)},${level.toFixed(4)}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Measured {
  seconds: number;
  peakRssMb: number;
  outputMb: number;
}

/** Runs `rnnfc ...args` with stdout to `outFile`; fails on a non-zero exit, with its stderr. */
async function measure(args: string[], dir: string, outFile: string): Promise<Measured> {
  const rssFile = path.join(dir, 'max-rss.txt');
  const preload = path.join(dir, 'report-max-rss.mjs');
  // maxRSS is in kilobytes; 'exit' also fires when the CLI calls process.exit
  fs.writeFileSync(
    preload,
    "import fs from 'node:fs';\n" +
      `process.on('exit', () => fs.writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  const stdout = fs.openSync(outFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, path.join(root, 'bin', 'rnnfc.js'), ...args], {
    cwd: root,
    stdio: ['ignore', stdout, 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  fs.closeSync(stdout);
  if (code !== 0) throw new Error(`rnnfc ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
  return { seconds, peakRssMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024, outputMb: fs.statSync(outFile).size / 2 ** 20 };
}

export async function benchPrepareScale(log: (line: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnfc-bench-prepare-'));
  try {
    const file = path.join(dir, 'hourly.csv');
    await writeSeries(file, ROWS);
    const fileMb = fs.statSync(file).size / 2 ** 20;
    const m = await measure(['prepare', file, '--format', 'csv'], dir, path.join(dir, 'prepared.csv'));
    log(`rnnfc prepare FILE --format csv on ${ROWS.toLocaleString('en-US')} hourly rows, whole process, stdout to a file`);
    const head = ['rows', 'file MB', 'output MB', 'seconds', 'peak RSS MB', 'under 1 GB'];
    const row = [
      ROWS.toLocaleString('en-US'),
      fileMb.toFixed(1),
      m.outputMb.toFixed(1),
      m.seconds.toFixed(2),
      m.peakRssMb.toFixed(0),
      m.peakRssMb < LIMIT_MB ? 'yes' : 'no',
    ];
    const widths = head.map((h, i) => Math.max(h.length, row[i]!.length));
    log('  ' + head.map((h, i) => h.padStart(widths[i]!)).join('  '));
    log('  ' + row.map((v, i) => v.padStart(widths[i]!)).join('  '));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
