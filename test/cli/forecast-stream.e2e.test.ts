// forecast --stream end to end: one line per input row, each the forecast `forecast` gives for the
// history up to that row; written while the input is still coming; a closed stdout, bad rows, a
// header without the model's columns, resets and the options that go with --stream.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { binPath, fixture, tempDir } from '../helpers/paths.js';
import { classifierDir } from '../helpers/classifier-model.js';
import type { NetworkSpec } from '../../src/engines/types.js';

const shampoo = fixture('shampoo.csv');
const pollution = fixture('pollution-500.csv');
const root = tempDir('rnnfc-stream-');
const model = path.join(root, 'stateless');
const stateful = path.join(root, 'stateful');
const wide = path.join(root, 'pollution');
const shampooText = () => fs.readFileSync(shampoo, 'utf8');
const lines = (text: string) => text.trimEnd().split('\n');

before(async () => {
  const runs = await Promise.all([
    runCli(['train', shampoo, '--epochs', '5', '-q', '--out', model]),
    runCli(['train', shampoo, '--epochs', '5', '--stateful', '-q', '--out', stateful]),
    runCli(['train', pollution, '--target', 'pollution', '--features', 'all', '--lags', '4', '--horizon', '3', '--test', '50', '--epochs', '1', '-q', '--out', wide]),
  ]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

/** The first `rows` data rows of a CSV, header included, as a file. */
function prefix(file: string, rows: number): string {
  const out = path.join(root, `${path.basename(file, '.csv')}-${rows}.csv`);
  fs.writeFileSync(out, lines(fs.readFileSync(file, 'utf8')).slice(0, rows + 1).join('\n') + '\n');
  return out;
}

for (const [name, dir, file, warmUp, horizon] of [
  ['a stateless model', model, shampoo, 1, 1],
  ['a stateful model (state carried from window to window)', stateful, shampoo, 1, 1],
  ['a model of many columns with 4 lags and a horizon of 3', wide, pollution, 4, 3],
] as const) {
  test(`--stream --format csv, ${name}: one line per data row, each the forecast of the history up to it`, async () => {
    const streamed = await runCli(['forecast', dir, file, '--stream', '--format', 'csv']);
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.equal(streamed.stderr, '');
    const out = lines(streamed.stdout);
    const rows = lines(fs.readFileSync(file, 'utf8')).length - 1;
    assert.equal(out.length, rows + 1);
    assert.equal(out[0], horizon === 1 ? 'time,forecast_1' : 'time,forecast_1,forecast_2,forecast_3');
    // rows too few for a window (and the differencing) have an empty forecast
    for (let r = 1; r <= warmUp; r++) assert.match(out[r]!, /^[^,]+,(,)*$/);
    for (const upTo of [warmUp + 1, warmUp + 7, rows]) {
      const once = await runCli(['forecast', dir, prefix(file, upTo), '--format', 'csv']);
      assert.equal(once.code, 0, once.stderr);
      const values = lines(once.stdout).slice(1).map((l) => l.split(',').at(-1));
      const time = lines(fs.readFileSync(file, 'utf8'))[upTo]!.split(',')[0]!.replace(/"/g, '');
      assert.equal(out[upTo], [time, ...values].join(','), `row ${upTo}`);
    }
  });
}

test('--stream reads standard input when the CSV is - or absent; JSON lines and a table', async () => {
  const json = await runCli(['forecast', model, '-', '--stream', '--format', 'json'], { input: shampooText() });
  assert.equal(json.code, 0, json.stderr);
  const objects = lines(json.stdout).map((l) => JSON.parse(l));
  assert.equal(objects.length, 36);
  assert.deepEqual(objects[0], { time: '1-01', forecast: null });
  assert.equal(objects[35].time, '3-12');
  assert.equal(objects[35].forecast.length, 1);
  const csv = await runCli(['forecast', model, '--stream', '--format', 'csv'], { input: shampooText() });
  assert.equal(lines(csv.stdout)[36], `3-12,${objects[35].forecast[0]}`);
  const table = await runCli(['forecast', model, '--stream', '--format', 'table'], { input: shampooText() });
  assert.equal(table.code, 0, table.stderr);
  assert.deepEqual(lines(table.stdout).slice(0, 2), ['time                   forecast_1', '1-01']);
  assert.equal(lines(table.stdout)[36], `3-12                 ${objects[35].forecast[0].toFixed(3).padStart(12)}`);
});

test('each line is written as soon as its row is read: the first comes while the input is still open', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [binPath, 'forecast', model, '--stream', '--format', 'csv'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let waiting: (() => void) | undefined;
  child.stdout.on('data', (d) => {
    stdout += d;
    waiting?.();
  });
  const rows = lines(shampooText());
  /** Resolves once `count` complete lines are out; fails if rnnfc exits first. */
  const seen = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const onClose = () => reject(new Error(`rnnfc exited before writing ${count} lines: ${stderr}`));
      waiting = () => {
        if (lines(stdout).length >= count && stdout.endsWith('\n')) {
          waiting = undefined;
          child.off('close', onClose);
          resolve();
        }
      };
      child.once('close', onClose);
      waiting();
    });
  // like `tail -f`: one row at a time, each next row only once the line of the one before is out
  child.stdin.write(`${rows[0]}\n${rows[1]}\n`);
  await seen(2);
  child.stdin.write(`${rows[2]}\n`);
  await seen(3);
  assert.match(lines(stdout)[2]!, /^1-02,\d+\.\d+$/);
  child.stdin.end(rows.slice(3).join('\n') + '\n');
  const code = await new Promise((resolve) => child.once('close', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(lines(stdout).length, 37);
});

test('a closed stdout (| head -2) stops the stream quietly with exit 0', () => {
  // more output than a pipe holds, so that rnnfc writes after head has gone
  const big = path.join(root, 'big.csv');
  const rows = Array.from({ length: 60_000 }, (_, i) => `${i + 1},${100 + (i % 37)}`);
  fs.writeFileSync(big, `Month,Sales\n${rows.join('\n')}\n`);
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${binPath}" forecast "${model}" --stream --format csv < "${big}" | head -2`], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(lines(r.stdout).length, 2);
});

const withBadRows = () => {
  const rows = lines(shampooText());
  rows[4] = '"1-04",abc';
  rows[9] = '"1-09",1.5,7';
  return rows.join('\n') + '\n';
};

test('a bad row stops the stream with one line naming it, exit 3, after the lines of the rows before it', async () => {
  const r = await runCli(['forecast', model, '--stream', '--format', 'csv'], { input: withBadRows() });
  assert.equal(r.code, 3);
  assert.equal(r.stderr, 'rnnfc: error: stdin:5: column "Sales": "abc" is not a number\n');
  assert.equal(lines(r.stdout).length, 4);
  const fields = await runCli(['forecast', model, '--stream', '--format', 'csv'], { input: lines(shampooText()).slice(0, 3).join('\n') + '\n"1-03",\n' });
  assert.equal(fields.code, 3);
  assert.equal(fields.stderr, 'rnnfc: error: stdin:4: column "Sales": missing value ""\n');
});

test('--skip-bad-rows leaves them out, goes on, and counts them in a warning at the end', async () => {
  const r = await runCli(['forecast', model, '--stream', '--format', 'csv', '--skip-bad-rows'], { input: withBadRows() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'rnnfc: warning: 2 bad rows were skipped (the first: stdin:5: column "Sales": "abc" is not a number)\n');
  const out = lines(r.stdout);
  assert.equal(out.length, 35);
  assert.ok(!out.some((l) => l.startsWith('1-04,') || l.startsWith('1-09,')));
  // the row after a skipped one is forecast from the rows around the gap
  assert.match(out.find((l) => l.startsWith('1-05,'))!, /^1-05,\d+\.\d+$/);
  const badFields = await runCli(['forecast', model, '--stream', '--format', 'csv'], { input: withBadRows().replace('"1-04",abc', '"1-04",1') });
  assert.equal(badFields.stderr, 'rnnfc: error: stdin:10: 3 fields, the header has 2\n');
  assert.equal(badFields.code, 3);
});

test('a header without the columns the model reads is a model error listing both, exit 4, before any output', async () => {
  const r = await runCli(['forecast', wide, '--stream', '--format', 'csv'], { input: 'date,pollution,dew,temp,pressure,wnd_dir,wnd_spd,snow,rain\n' });
  assert.equal(r.code, 4);
  assert.equal(
    r.stderr,
    'rnnfc: error: stdin:1: the header does not have the columns the model reads: the model reads "pollution", "dew", "temp", "press", "wnd_dir", "wnd_spd", "snow", "rain"; ' +
      'the header has "date", "pollution", "dew", "temp", "pressure", "wnd_dir", "wnd_spd", "snow", "rain" (missing: "press")\n',
  );
  assert.equal(r.stdout, '');
  const empty = await runCli(['forecast', model, '--stream'], { input: '' });
  assert.equal(empty.code, 3);
  assert.equal(empty.stderr, 'rnnfc: error: stdin: no header line: the input is empty\n');
});

test('--reset-every n and --sequence-column forget the carried rows and state: each new start warms up again', async () => {
  const every = await runCli(['forecast', model, '--stream', '--format', 'csv', '--reset-every', '10'], { input: shampooText() });
  assert.equal(every.code, 0, every.stderr);
  const empty = (text: string) => lines(text).slice(1).flatMap((l, i) => (l.endsWith(',') ? [i + 1] : []));
  assert.deepEqual(empty(every.stdout), [1, 11, 21, 31]);
  const rows = lines(shampooText()).slice(1);
  const units = 'unit,Month,Sales\n' + rows.map((r, i) => `${i < 20 ? 'a' : 'b'},${r}`).join('\n') + '\n';
  const bySequence = await runCli(['forecast', model, '--stream', '--format', 'csv', '--sequence-column', 'unit'], { input: units });
  assert.equal(bySequence.code, 0, bySequence.stderr);
  assert.equal(lines(bySequence.stdout)[0], 'sequence,time,forecast_1');
  assert.deepEqual(empty(bySequence.stdout), [1, 21]);
  assert.match(lines(bySequence.stdout)[21]!, /^b,2-09,$/);
});

test('options of --stream without it, and options --stream does not take, are usage errors', async () => {
  for (const [args, message] of [
    [['--reset-every', '5'], '--reset-every needs --stream'],
    [['--skip-bad-rows'], '--skip-bad-rows needs --stream'],
    [['--stream', '--horizon', '2'], '--horizon cannot be used with --stream'],
    [['--stream', '--output', path.join(root, 'f.csv')], '--output cannot be used with --stream'],
    [['--stream', '--reset-every', '0'], '--reset-every must be a positive integer, got 0'],
  ] as const) {
    const r = await runCli(['forecast', model, ...args], { input: shampooText() });
    assert.equal(r.stderr, `rnnfc: error: ${message}\n`, args.join(' '));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
  }
});

test('a classifier streams the probability of each class and the predicted class: CSV, JSON lines and a table', async () => {
  const spec: NetworkSpec = { cell: 'lstm', units: [3], timeSteps: 2, features: 2, outputs: 1, head: 'sigmoid', dropout: 0, stateful: false, batchSize: 4 };
  const { dir } = await classifierDir(root, 'occupied', spec, ['0', '1'], 'per-sample');
  const input = 'time,x1,x2,label\n' + Array.from({ length: 5 }, (_, t) => `2015-02-02 14:${10 + t}:00,${t - 2},${(t * 0.7) % 3},1`).join('\n') + '\n';
  const csv = await runCli(['forecast', dir, '--stream', '--format', 'csv'], { input });
  assert.equal(csv.code, 0, csv.stderr);
  const out = lines(csv.stdout);
  assert.equal(out.length, 6);
  assert.equal(out[0], 'time,p_0,p_1,class');
  assert.equal(out[1], '2015-02-02 14:10:00,,,');
  for (const line of out.slice(2)) {
    const [, p0, p1, cls] = line.split(',');
    assert.ok(Math.abs(Number(p0) + Number(p1) - 1) < 1e-12, line);
    assert.equal(cls, Number(p1) > Number(p0) ? '1' : '0');
  }
  const json = await runCli(['forecast', dir, '--stream', '--format', 'json'], { input });
  const objects = lines(json.stdout).map((l) => JSON.parse(l));
  assert.deepEqual(objects[0], { time: '2015-02-02 14:10:00', probabilities: null, class: null });
  const [, p0, p1, cls] = out[5]!.split(',');
  assert.deepEqual(objects[4], { time: '2015-02-02 14:14:00', probabilities: { 0: Number(p0), 1: Number(p1) }, class: cls });
  const table = await runCli(['forecast', dir, '--stream', '--format', 'table'], { input });
  assert.equal(lines(table.stdout)[0], 'time                          p_0           p_1         class');
  assert.equal(lines(table.stdout)[5], `2015-02-02 14:14:00  ${Number(p0).toFixed(3).padStart(12)}  ${Number(p1).toFixed(3).padStart(12)}  ${cls!.padStart(12)}`);
});

test('categories not seen in training are encoded as zeros and counted in a warning at the end; a --time-column not in the header is named', async () => {
  const rows = lines(fs.readFileSync(pollution, 'utf8')).slice(0, 30);
  rows[12] = rows[12]!.replace(/,(SE|NW|NE|cv),/, ',XX,');
  rows[14] = rows[14]!.replace(/,(SE|NW|NE|cv),/, ',XX,');
  const r = await runCli(['forecast', wide, '--stream', '--format', 'csv'], { input: rows.join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'rnnfc: warning: 2 rows of column "wnd_dir" hold categories not seen in the training rows ("XX"): encoded as all zeros\n');
  assert.equal(lines(r.stdout).length, 30);
  const time = await runCli(['forecast', model, '--stream', '--time-column', 'when'], { input: shampooText() });
  assert.equal(time.code, 4);
  assert.equal(time.stderr, 'rnnfc: error: stdin:1: the header does not have the columns the model reads: the model reads "Sales" and --time-column names "when"; the header has "Month", "Sales" (missing: "when")\n');
});

/** The class probability columns (p_...) of a CSV's lines, from its header. */
function probabilities(text: string): string[] {
  const [head, ...rows] = lines(text);
  const columns = head!.split(',').flatMap((c, j) => (c.startsWith('p_') ? [j] : []));
  return rows.map((r) => columns.map((j) => r.split(',')[j]).join(','));
}

test('an occupancy classifier streams a test file from stdin: one line per data row, the first before the input is complete, the probabilities of the whole run', { timeout: 120_000 }, async () => {
  const train = fixture('occupancy/occupancy_train.csv');
  const test1 = fixture('occupancy/occupancy_test1.csv');
  const dir = path.join(root, 'occupancy');
  const predictions = path.join(root, 'occupancy-predictions.csv');
  const trained = await runCli(['train', train, '--task', 'classify', '--target', 'Occupancy', '--features', 'Temperature,Humidity,Light,CO2,HumidityRatio',
    '--lags', '10', '--horizon', '0', '--test-file', test1, '--epochs', '1', '-q', '--out', dir, '--predictions', predictions]);
  assert.equal(trained.code, 0, trained.stderr);
  // `cat test1.csv | rnnfc forecast m --stream --format csv`, the rows sent in two parts
  const child = spawn(process.execPath, [binPath, 'forecast', dir, '--stream', '--format', 'csv'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const rows = lines(fs.readFileSync(test1, 'utf8'));
  const firstOutput = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      stdout += d;
      // the header, 9 rows too few for a window, and the first with probabilities
      if (lines(stdout).length >= 11 && stdout.endsWith('\n')) {
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('close', () => reject(new Error(`rnnfc exited before its first output: ${stderr}`)));
  });
  child.stdin.write(rows.slice(0, 11).join('\n') + '\n');
  await firstOutput;
  assert.match(lines(stdout)[10]!, /^2015-02-02 14:28:00,0\.\d+,0\.\d+,[01]$/);
  child.stdout.on('data', (d) => (stdout += d));
  child.stdin.end(rows.slice(11).join('\n') + '\n');
  const code = await new Promise((resolve) => child.once('close', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const out = lines(stdout);
  assert.equal(out.length, rows.length);
  assert.equal(out[0], 'time,p_1,p_0,class');
  // the same numbers as the whole test file run at once by train
  assert.deepEqual(probabilities(stdout).slice(9), probabilities(fs.readFileSync(predictions, 'utf8')));
});

test('a per-step classifier of whole sequences streamed with --sequence-column gives, row by row, the probabilities of each whole sequence run at once', async () => {
  const file = fixture('sequence-labels.csv');
  const dir = path.join(root, 'per-step');
  const predictions = path.join(root, 'per-step-predictions.csv');
  const trained = await runCli(['train', file, '--task', 'classify', '--sequence-column', 'sequence', '--target', 'label', '--features', 'x1,x2,x3', '--labels', 'per-step',
    '--test', '3', '--units', '4', '--epochs', '1', '--batch-size', '8', '-q', '--out', dir, '--predictions', predictions]);
  assert.equal(trained.code, 0, trained.stderr);
  const all = lines(fs.readFileSync(file, 'utf8'));
  const r = await runCli(['forecast', dir, '--stream', '--sequence-column', 'sequence', '--format', 'csv'], { input: [all[0], ...all.slice(-300)].join('\n') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(lines(r.stdout)[0], 'sequence,row,p_0,p_1,class');
  assert.deepEqual(probabilities(r.stdout), probabilities(fs.readFileSync(predictions, 'utf8')));
  // the model knows its sequence column: the same resets without --sequence-column
  const own = await runCli(['forecast', dir, '--stream', '--format', 'csv'], { input: [all[0], ...all.slice(-300)].join('\n') + '\n' });
  assert.equal(own.code, 0, own.stderr);
  assert.equal(own.stdout, r.stdout);
  const without = await runCli(['forecast', dir, '--stream', '--format', 'csv'], { input: 'x1,x2,x3\n0.1,0.2,0.3\n' });
  assert.equal(without.code, 4);
  assert.equal(
    without.stderr,
    'rnnfc: error: stdin:1: the header does not have the columns the model reads: the model reads "x1", "x2", "x3" and its sequence column is "sequence"; the header has "x1", "x2", "x3" (missing: "sequence")\n',
  );
});

test('SIGINT while waiting for the next row stops the stream at once: exit 130, after the lines of the rows read', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [binPath, 'forecast', model, '--stream', '--format', 'csv'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise((resolve) => child.once('close', resolve));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (lines(stdout).length >= 3 && stdout.endsWith('\n')) resolve();
    });
    // a byte-order mark before the header, as spreadsheets write, is no column name
    child.stdin.write('\uFEFF' + lines(shampooText()).slice(0, 3).join('\n') + '\n');
  });
  // the input stays open: only the signal can end the wait
  child.kill('SIGINT');
  assert.equal(await closed, 130);
  assert.equal(stderr, 'rnnfc: error: interrupted by SIGINT after 2 rows\n');
  assert.equal(lines(stdout).length, 3);
  assert.match(lines(stdout)[2]!, /^1-02,\d+\.\d+$/);
});
