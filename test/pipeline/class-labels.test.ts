import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classesOf, encodeLabels } from '../../src/pipeline/class-labels.js';

const source = { file: 'rooms.csv', lines: [2, 3, 4, 5], column: 'Occupancy' };

test('classes are the training labels in the order first seen', () => {
  assert.deepEqual(classesOf(['walk', 'run', 'walk', 'sit', 'run']), ['walk', 'run', 'sit']);
  assert.deepEqual(classesOf(['1', '0', '0']), ['1', '0']);
  assert.deepEqual(classesOf([]), []);
});

test('labels become class indices', () => {
  assert.deepEqual([...encodeLabels(['0', '1', '1', '0'], ['0', '1'], source)], [0, 1, 1, 0]);
});

test('a label that is not a training class is a DataError naming it, its row and the classes', () => {
  assert.throws(() => encodeLabels(['0', '1', '2'], ['0', '1'], source), {
    name: 'DataError',
    message: 'rooms.csv:4: column "Occupancy": label "2" was not seen in the training rows (classes: 0, 1)',
  });
});
