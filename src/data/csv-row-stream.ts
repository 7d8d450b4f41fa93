// CSV records read one at a time from a stream (a file, or standard input fed by a slow producer
// such as `tail -f`), each handed on as soon as its line is complete. csv-parse's stream parser
// holds the last record of every chunk back until more input or the end arrives, so a row typed
// into a pipe would wait for the next one; here lines are split as they come, a record whose
// quotes are still open takes the next line too, and each complete record is parsed alone.
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.js';

export interface StreamedRecord {
  /** 1-based line where the record starts. */
  line: number;
  /** The fields, trimmed. A record may have any number of them: the caller checks. */
  fields: string[];
}

/**
 * Yields the records of `input` in order; blank lines are skipped. `name` is for messages.
 * Aborting `signal` ends the records at once, even while waiting for input that has not come.
 */
export async function* csvRecords(input: Readable, name: string, delimiter = ',', signal?: AbortSignal): AsyncGenerator<StreamedRecord> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity, ...(signal ? { signal } : {}) });
  let pending = '';
  let start = 0;
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (pending === '') {
      if (text.trim() === '') continue;
      start = lineNumber;
      pending = text;
    } else {
      pending += `\n${text}`;
    }
    // An odd number of quotes so far: a quoted field goes on over the next line.
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) continue;
    yield { line: start, fields: parseRecord(pending, name, start, delimiter) };
    pending = '';
  }
  if (pending !== '') throw new DataError(`${name}:${start}: a quoted field is not closed before the end of the input`);
}

function parseRecord(text: string, name: string, line: number, delimiter: string): string[] {
  try {
    const records = parse(text, { delimiter, trim: true, relax_quotes: true }) as string[][];
    return records[0] ?? [];
  } catch (err) {
    throw new DataError(`${name}:${line}: ${(err as Error).message.split('\n')[0]}`);
  }
}
