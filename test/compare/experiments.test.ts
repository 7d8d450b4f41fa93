import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { experimentsFromFile, experimentsFromVariants, splitArgs } from '../../src/compare/experiments.js';
import { DEFAULT_SETTINGS } from '../../src/options/train-options.js';
import { fixture } from '../helpers/paths.js';

const file = (doc: unknown) => JSON.stringify(doc);

test('the bundled study file has the ten published configurations, in order', () => {
  const path = fixture('experiments/stateful-vs-stateless.json');
  const experiments = experimentsFromFile(fs.readFileSync(path, 'utf8'), path, {});
  assert.deepEqual(experiments.map((e) => e.name), [
    'stateful', 'stateless', 'stateless-shuffle', 'stateful-batch12', 'stateless-batch12',
    'reset-each-forecast', 'never-reset', 'primed', 'primed-reset-each-forecast', 'primed-never-reset',
  ]);
  const byName = Object.fromEntries(experiments.map((e) => [e.name, e.settings]));
  assert.equal(byName.stateful!.stateful, true);
  assert.equal(byName.stateless!.stateful, false);
  assert.equal(byName['stateless-shuffle']!.shuffle, true);
  assert.equal(byName['stateful-batch12']!.batchSize, 12);
  assert.equal(byName['stateful-batch12']!.pipeline.trainSize, 12);
  assert.equal(byName['reset-each-forecast']!.forecastReset, 'step');
  assert.equal(byName.primed!.prime, true);
  for (const s of Object.values(byName)) {
    assert.equal(s.epochs, 1000);
    assert.deepEqual(s.units, [1]);
  }
});

test('precedence: rnnfc defaults < file defaults < command line < the experiment itself', () => {
  const [a, b] = experimentsFromFile(file({ defaults: { epochs: 10, lr: 0.01 }, experiments: { a: {}, b: { epochs: 5 } } }), 'x.json', { epochs: '20' });
  assert.equal(a!.settings.epochs, 20);
  assert.equal(a!.settings.lr, 0.01);
  assert.equal(b!.settings.epochs, 5);
  assert.equal(a!.settings.optimizer, DEFAULT_SETTINGS.optimizer);
});

test('an unknown key names the experiment and the key and lists the valid keys', () => {
  assert.throws(() => experimentsFromFile(file({ experiments: { fast: { epoch: 3 } } }), 'x.json', {}), (e: Error) => {
    assert.equal(e.name, 'UsageError');
    assert.match(e.message, /^x\.json: experiment "fast": unknown option "epoch"; valid options are: target, column, features, time-column, .*epochs.*, backend$/);
    return true;
  });
});

test('a bad value names the experiment and the option', () => {
  assert.throws(() => experimentsFromFile(file({ experiments: { big: { 'batch-size': 0 } } }), 'x.json', {}), {
    name: 'UsageError',
    message: 'x.json: experiment "big": --batch-size must be a positive integer, got 0',
  });
  assert.throws(() => experimentsFromFile(file({ experiments: { s: { stateful: true, shuffle: true } } }), 'x.json', {}), {
    name: 'UsageError',
    message: /^x\.json: experiment "s": --shuffle cannot be used with --stateful: /,
  });
  assert.throws(() => experimentsFromFile(file({ experiments: { s: { units: [1, 2] } } }), 'x.json', {}), {
    message: 'x.json: experiment "s": option "units" must be a string, number or boolean, got [1,2]',
  });
});

test('malformed files', () => {
  assert.throws(() => experimentsFromFile('{', 'x.json', {}), { name: 'UsageError', message: /^x\.json: not valid JSON \(/ });
  assert.throws(() => experimentsFromFile(file({ experiments: {} }), 'x.json', {}), { message: 'x.json: "experiments" must be an object with at least one named experiment' });
  assert.throws(() => experimentsFromFile(file({ experiment: {} }), 'x.json', {}), { message: 'x.json: unknown key "experiment"; expected "defaults" and "experiments"' });
  assert.throws(() => experimentsFromFile(file({ defaults: { nope: 1 }, experiments: { a: {} } }), 'x.json', {}), { message: /^x\.json: defaults: unknown option "nope"; valid options are: / });
});

test('variants: command-line options apply unless the variant sets them; names are unique', () => {
  const [a, b] = experimentsFromVariants([{ name: 'a', values: { stateful: true } }, { name: 'b', values: { epochs: '3' } }], { epochs: '7' });
  assert.equal(a!.settings.stateful, true);
  assert.equal(a!.settings.epochs, 7);
  assert.equal(b!.settings.epochs, 3);
  assert.throws(() => experimentsFromVariants([{ name: 'a', values: {} }, { name: 'a', values: {} }], {}), { message: '--variant "a" is given twice' });
});

test('splitArgs handles spaces and quotes like a shell for simple cases', () => {
  assert.deepEqual(splitArgs('--stateful --reset=epoch'), ['--stateful', '--reset=epoch']);
  assert.deepEqual(splitArgs(`  --column "Sales volume" --x ''`), ['--column', 'Sales volume', '--x', '']);
  assert.deepEqual(splitArgs(''), []);
  assert.throws(() => splitArgs('--column "open'), /unclosed/);
});
