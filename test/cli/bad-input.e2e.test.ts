// "Safe to run unattended": every bad input in bad-input-cases.ts exits with its code and one exact
// line on stderr, prints nothing on stdout, writes nothing, and leaves an existing model alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/paths.js';
import { FAILING_CASES, PASSING_CASES, monthly, type FailingCase } from './bad-input-cases.js';

const root = tempDir('rnnfc-bad-input-');
/** Holds the model every failing case is run against with --out: it must come out unchanged. */
const sharedDir = path.join(root, 'shared');

interface DirState {
  /** Where `m` resolves: the version directory it links to. */
  target: string;
  metadata: string;
  /** Every path under the directory, links not followed: a new version, a lock or p.csv shows here. */
  tree: string[];
}

let existing: DirState;

function listTree(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name);
    return e.isDirectory() ? [rel + '/', ...listTree(path.join(dir, e.name), rel)] : [rel];
  }).sort();
}

function stateOf(dir: string): DirState {
  const out = path.join(dir, 'm');
  return { target: fs.realpathSync(out), metadata: fs.readFileSync(path.join(out, 'rnnfc.json'), 'utf8'), tree: listTree(dir) };
}

before(async () => {
  fs.mkdirSync(sharedDir);
  const good = path.join(root, 'good.csv');
  fs.writeFileSync(good, monthly(30));
  const r = await runCli(['train', good, '--epochs', '5', '--quiet', '--out', path.join(sharedDir, 'm')]);
  assert.equal(r.code, 0, r.stderr);
  existing = stateOf(sharedDir);
  assert.ok(existing.tree.includes('m'), existing.tree.join(' '));
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test('the corpus has at least 30 bad inputs, each named once', () => {
  assert.ok(FAILING_CASES.length >= 30, `${FAILING_CASES.length} cases`);
  assert.equal(new Set(FAILING_CASES.map((c) => c.name)).size, FAILING_CASES.length);
});

/** Writes the case's input into a directory of its own; returns its path. */
function writeInput(c: FailingCase): string {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  const file = path.join(dir, 'input.csv');
  if (typeof c.content === 'function') c.content(file);
  else if (c.content !== undefined) fs.writeFileSync(file, c.content);
  return file;
}

/** Asserts the one line the user gets; a run that failed while training has said so first. */
function assertOneErrorLine(r: CliResult, c: FailingCase, expected: string): void {
  assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.signal, null);
  assert.equal(r.stdout, '');
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  const stderr = c.code === 5 ? r.stderr.replace(/^training .*\n/, '') : r.stderr;
  assert.equal(stderr, expected);
}

for (const c of FAILING_CASES) {
  test(`bad input: ${c.name} exits ${c.code}`, { skip: c.skip || false }, async () => {
    const file = writeInput(c);
    const fresh = fs.mkdtempSync(path.join(root, 'fresh-'));
    const args = c.args.map((a) => a.replaceAll('$FILE', file));
    const epochs = args.includes('--epochs') ? [] : ['--epochs', '5'];
    // Options first: a case may end with an option that lacks its value.
    const run = (dir: string) =>
      runCli(['train', ...epochs, '--out', path.join(dir, 'm'), '--predictions', path.join(dir, 'p.csv'), ...args], { input: c.stdin });
    // Two runs at once: into a fresh directory, and over the existing model (the runs over it take
    // its lock, so they stay one at a time: the tests of a file run in sequence).
    const [inFresh, overExisting] = await Promise.all([run(fresh), run(sharedDir)]);
    const expected = `rnnfc: error: ${c.message.replaceAll('$FILE', file).replaceAll('$DIR', path.dirname(file))}\n`;
    assertOneErrorLine(inFresh, c, expected);
    assertOneErrorLine(overExisting, c, expected);
    assert.deepEqual(fs.readdirSync(fresh), [], 'nothing written: no m, p.csv, .m.rnnfc or lock');
    assert.deepEqual(stateOf(sharedDir), existing, 'the existing --out model is untouched');
  });
}

for (const c of PASSING_CASES) {
  test(`handled input: ${c.name} trains and exits 0`, async () => {
    const dir = fs.mkdtempSync(path.join(root, 'ok-'));
    const file = path.join(dir, 'input.csv');
    fs.writeFileSync(file, c.content);
    const r = await runCli(['train', file, '--epochs', '5', '--format', 'json', ...c.args]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /rnnfc: error:/);
    const result = JSON.parse(r.stdout) as Record<string, unknown> & { predictions: { actual: number; predicted: number }[] };
    for (const key of ['rmse', 'mae', 'mape', 'persistence_rmse', 'skill', 'final_loss']) {
      assert.ok(Number.isFinite(result[key]), `${key} is finite: ${String(result[key])}`);
    }
    assert.equal(result.predictions.length, 12);
    assert.ok(result.predictions.every((p) => Number.isFinite(p.actual) && Number.isFinite(p.predicted)), 'finite predictions');
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('rnnfc: warning: ')).map((l) => l.slice('rnnfc: warning: '.length));
    for (const w of c.warnings) assert.ok(warnings.includes(w), `warning "${w}" among:\n${warnings.join('\n')}`);
    assert.deepEqual(result.warnings, warnings, 'stderr warns of what the result records');
  });
}

test(
  'a --predictions path in a missing directory fails before training',
  async () => {
    const dir = fs.mkdtempSync(path.join(root, 'pred-'));
    const file = path.join(dir, 'input.csv');
    fs.writeFileSync(file, monthly(30));
    const missing = path.join(dir, 'none');
    const r = await runCli(['train', file, '--epochs', '5', '--predictions', path.join(missing, 'p.csv')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `rnnfc: error: --predictions ${path.join(missing, 'p.csv')}: the directory ${missing} does not exist\n`);
    assert.equal(r.stdout, '');
  },
);
