import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import {
  chooseDelimiter,
  countDelimitersPerLine,
  describeMixedDelimiters,
  findBinaryByte,
  findEncodingProblem,
  findUnclosedQuote,
  lineAt,
  recordStartLines,
  type Delimiter,
} from '../../src/data/csv-text.js';

test('findBinaryByte: empty input and plain or multi-byte text have none', () => {
  assert.equal(findBinaryByte(Buffer.alloc(0)), -1);
  assert.equal(findBinaryByte(Buffer.from('Month,Sales\n1-01,266\n')), -1);
  assert.equal(findBinaryByte(Buffer.from('Prix (€),Größe,日本,😀\n')), -1);
});

test('findBinaryByte: NUL, stray continuation bytes, overlong forms, surrogates, truncation', () => {
  assert.equal(findBinaryByte(Buffer.from([0x41, 0x00])), 1);
  assert.equal(findBinaryByte(Buffer.from([0x41, 0x80])), 1);
  assert.equal(findBinaryByte(Buffer.from([0xc0, 0x80])), 0); // overlong NUL
  assert.equal(findBinaryByte(Buffer.from([0xed, 0xa0, 0x80])), 0); // UTF-16 surrogate
  assert.equal(findBinaryByte(Buffer.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
  assert.equal(findBinaryByte(Buffer.from([0x41, 0xe2, 0x82])), 1); // cut short by the end of the file
});

test('findBinaryByte: only the first `limit` bytes are looked at, but a character across it is whole', () => {
  assert.equal(findBinaryByte(Buffer.from([0x41, 0x41, 0x00]), 2), -1);
  assert.equal(findBinaryByte(Buffer.from('A€'), 2), -1);
});

test('chooseDelimiter: no lines gives null; a single column gets a comma', () => {
  assert.equal(chooseDelimiter(''), null);
  assert.equal(chooseDelimiter('\n  \n'), null);
  assert.equal(chooseDelimiter('Sales\n1\n2\n')?.delimiter, ',');
});

test('chooseDelimiter: the delimiter that splits the lines alike wins, ties go to tab, semicolon, comma', () => {
  assert.equal(chooseDelimiter('a,b\n1,2\n')?.delimiter, ',');
  assert.equal(chooseDelimiter('a;b\n1;2,5\n3;4,5\n')?.delimiter, ';');
  assert.equal(chooseDelimiter('a\tb\n1\t2\n')?.delimiter, '\t');
  assert.equal(chooseDelimiter('a;b,c\n1;2,3\n')?.delimiter, ';');
  // a comma inside quotes does not count
  assert.equal(chooseDelimiter('"a,b";c\n"1,2";3\n')?.delimiter, ';');
});

test('countDelimitersPerLine: quoted fields may span lines; blank lines are skipped', () => {
  assert.deepEqual(countDelimitersPerLine('a,b\n\n"x\ny",2\r\n3;4'), [
    { line: 1, counts: { '\t': 0, ';': 0, ',': 1 } },
    { line: 3, counts: { '\t': 0, ';': 0, ',': 1 } },
    { line: 5, counts: { '\t': 0, ';': 1, ',': 0 } },
  ]);
});

test('describeMixedDelimiters: another delimiter in place of the chosen one, or just a ragged line', () => {
  const choice = chooseDelimiter('Month,Sales\n')!;
  assert.equal(describeMixedDelimiters('1-02;2', choice), 'expected 1 comma as on line 1, found 0 commas and 1 semicolon');
  assert.equal(describeMixedDelimiters('1-02,2,3', choice), null);
  assert.equal(describeMixedDelimiters('1-02', choice), null);
});

test('lineAt: physical lines, without their line break', () => {
  assert.equal(lineAt('a\r\nb\nc', 2), 'b');
  assert.equal(lineAt('a\r\nb\nc', 1), 'a');
  assert.equal(lineAt('a\r\nb\nc', 3), 'c');
  assert.equal(lineAt('a', 5), '');
});

test('findUnclosedQuote: the line where a still open quote started', () => {
  assert.equal(findUnclosedQuote('a,b\n1,"x\n\n'), 2);
  assert.equal(findUnclosedQuote('a,"b""c"\n1,2'), null);
});

test('recordStartLines: blank lines are skipped and a quoted line break stays in its record', () => {
  assert.deepEqual(recordStartLines('a,b\n\n  \n"x\ny",2\r\n3,4', ','), [1, 4, 6]);
});

/** What the loader reads from csv-parse when it cannot trust recordStartLines: the slow, sure way. */
function csvParseStartLines(text: string, delimiter: Delimiter): number[] | null {
  const lines: number[] = [];
  try {
    parse(text, {
      delimiter,
      trim: true,
      relax_quotes: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record: string[], context) => {
        let spanned = 0;
        for (const field of record) for (const ch of field) if (ch === '\n' || ch === '\r') spanned++;
        lines.push(context.lines - spanned);
        return record;
      },
    });
  } catch {
    return null; // a text csv-parse refuses is reported from its error, not from these lines
  }
  return lines;
}

// LF line breaks only: csv-parse counts both characters of a CRLF inside a quoted field as line
// breaks, so its numbering drifts from the physical lines there (recordStartLines counts one).
test('property: recordStartLines agrees with csv-parse on where each record starts', () => {
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', '1', ' ', ',', ';', '\t', '"', '\n'), maxLength: 6 }),
    fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => s.replaceAll('\r', '')),
  );
  const csv = fc.record({
    delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
    rows: fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 3 }), { maxLength: 8 }),
  });
  fc.assert(
    fc.property(csv, ({ delimiter, rows }) => {
      const text = rows
        .map((row) => row.map(([c, quoted]) => (quoted ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter))
        .join('\n');
      const expected = csvParseStartLines(text, delimiter);
      if (expected === null) return;
      assert.deepEqual(recordStartLines(text, delimiter), expected);
    }),
    { numRuns: 300 },
  );
});

test('findEncodingProblem: UTF-8 text has none; control characters early on are binary', () => {
  assert.equal(findEncodingProblem(Buffer.from('Prix (€),Größe\r\n1\t2\f\v\n')), null);
  assert.deepEqual(findEncodingProblem(Buffer.from('Month\n\x01')), { kind: 'binary', offset: 6 });
  assert.deepEqual(findEncodingProblem(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), { kind: 'binary', offset: 6 }); // a PNG
});

test('findEncodingProblem: single-byte accented letters are text that is not UTF-8, with their line', () => {
  assert.deepEqual(findEncodingProblem(Buffer.from('Mois,Été\n', 'latin1')), { kind: 'not-utf8', offset: 5, byte: 0xc9, line: 1 });
  const late = Buffer.from('V\n' + '1\n'.repeat(2000) + 'caf\xe9\n', 'latin1');
  assert.deepEqual(findEncodingProblem(late), { kind: 'not-utf8', offset: 4005, byte: 0xe9, line: 2002 });
});

test('findEncodingProblem: any Windows-1252 text with a byte above 0x7f is reported at that byte', () => {
  const ascii = fc.string({ unit: fc.constantFrom(...'abc,;0123456789\n. -'.split('')), maxLength: 300 });
  fc.assert(
    fc.property(ascii, fc.integer({ min: 0xa0, max: 0xff }), ascii, (before, high, after) => {
      const bytes = Buffer.concat([Buffer.from(before), Buffer.from([high]), Buffer.from(after)]);
      const problem = findEncodingProblem(bytes);
      const line = before.split('\n').length;
      // a lone byte of 0xa0..0xff never starts a valid UTF-8 sequence before plain ASCII
      assert.deepEqual(problem, { kind: 'not-utf8', offset: before.length, byte: high, line });
    }),
  );
});
