// The raw-text checks made before and around csv-parse: is this text at all, which delimiter splits
// it, and what a line that does not split like the first one actually contains.

import { isUtf8 } from 'node:buffer';

/** The delimiters a series file may use, in the order preferred when several split every line alike. */
export const DELIMITERS = ['\t', ';', ','] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How many non-blank lines decide the delimiter; enough to see past a header and a few odd rows. */
const SAMPLE_LINES = 200;

/**
 * Offset of the first NUL byte or invalid UTF-8 sequence among the first `limit` bytes, or -1.
 * A sequence that starts inside the limit is checked to its end, so a limit falling mid-character
 * is not mistaken for damage.
 */
export function findBinaryByte(bytes: Uint8Array, limit = 1024): number {
  const end = Math.min(bytes.length, limit);
  let i = 0;
  while (i < end) {
    const b = bytes[i]!;
    if (b === 0) return i;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // lead byte: how many continuation bytes follow, and the allowed range of the first one
    // (the narrower ranges exclude overlong forms, surrogates and code points above U+10FFFF)
    let extra: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += extra + 1;
  }
  return -1;
}

/** Why bytes are not UTF-8 text: binary data, or text in another encoding (most often Windows-1252). */
export type EncodingProblem =
  | { kind: 'binary'; offset: number }
  | { kind: 'not-utf8'; offset: number; byte: number; line: number };

/** How much of the start of a file is looked at to tell binary data from text in another encoding. */
const HEAD_BYTES = 1024;

/**
 * Tells apart the two ways bytes can fail to be UTF-8 text. Binary data has a NUL or another
 * control character (other than tab, line and form feeds and carriage return) in its first
 * kilobyte: random bytes are all but certain to. Anything else with a byte sequence that is not
 * UTF-8 is text in another encoding, most often Windows-1252 or Latin-1, where an accented letter
 * is a single byte: the offset of the first bad sequence and its 1-based line are reported.
 */
export function findEncodingProblem(bytes: Uint8Array): EncodingProblem | null {
  const headEnd = Math.min(bytes.length, HEAD_BYTES);
  for (let i = 0; i < headEnd; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) return { kind: 'binary', offset: i };
  }
  if (isUtf8(bytes)) return null;
  const offset = findBinaryByte(bytes, bytes.length);
  if (bytes[offset] === 0) return { kind: 'binary', offset };
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { kind: 'not-utf8', offset, byte: bytes[offset]!, line };
}

export interface DelimiterCounts {
  /** 1-based line number where the logical line starts. */
  line: number;
  counts: Record<Delimiter, number>;
}

export interface DelimiterChoice {
  delimiter: Delimiter;
  /** Delimiter counts of the first non-blank line, which every later line is compared with. */
  first: DelimiterCounts;
}

/**
 * Picks the delimiter from the first non-blank lines of `head`: among those found on the first
 * line, the one that splits the most sampled lines into as many fields as the first line, ties
 * going to tab, then semicolon, then comma (a file that has both ";" and "," on every line is
 * far more often semicolon-separated with decimal commas than the reverse).
 * A single-column file has none of them on its first line and gets ",".
 * Returns null when `head` holds no non-blank line.
 */
export function chooseDelimiter(head: string): DelimiterChoice | null {
  const lines = countDelimitersPerLine(head, SAMPLE_LINES);
  const first = lines[0];
  if (first === undefined) return null;
  let best: Delimiter = ',';
  let bestAgreement = -1;
  for (const d of DELIMITERS) {
    if (first.counts[d] === 0) continue;
    const agreement = lines.filter((l) => l.counts[d] === first.counts[d]).length;
    if (agreement > bestAgreement) {
      best = d;
      bestAgreement = agreement;
    }
  }
  return { delimiter: best, first };
}

/**
 * Delimiter counts outside quoted fields for each non-blank logical line of `text` (a quoted field
 * may span lines), at most `maxLines` of them.
 */
export function countDelimitersPerLine(text: string, maxLines = Infinity): DelimiterCounts[] {
  return scanLines(text, maxLines).lines;
}

/** 1-based line where a quoted field opens that is still open at the end of `text`, or null. */
export function findUnclosedQuote(text: string): number | null {
  return scanLines(text, Infinity).unclosedQuoteLine;
}

/**
 * Walks the text once, as csv-parse reads it: a quote opens a field only at the start of a line
 * or after one of the candidate delimiters (spaces allowed in between, since fields are trimmed).
 */
function scanLines(text: string, maxLines: number): { lines: DelimiterCounts[]; unclosedQuoteLine: number | null } {
  const lines: DelimiterCounts[] = [];
  let line = 1;
  let startLine = 1;
  let quoteLine = 1;
  let counts = zeroCounts();
  let blank = true;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!blank) lines.push({ line: startLine, counts });
      line++;
      startLine = line;
      counts = zeroCounts();
      blank = true;
      atFieldStart = true;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      quoteLine = line;
      blank = false;
      continue;
    }
    if (ch === ',' || ch === ';' || ch === '\t') {
      counts[ch]++;
      blank = false;
      atFieldStart = true;
      continue;
    }
    // spaces leave the field start where it was: csv-parse trims them before an opening quote
    if (ch !== ' ') {
      blank = false;
      atFieldStart = false;
    }
  }
  if (!blank && lines.length < maxLines) lines.push({ line: startLine, counts });
  return { lines, unclosedQuoteLine: inQuotes ? quoteLine : null };
}

/**
 * 1-based line where each record starts, reading `text` as csv-parse does with the options the
 * loader uses (trimmed fields, quotes only at a field start, blank lines skipped). Much cheaper than
 * csv-parse's per-record callback, which builds a context object for every record; the caller
 * checks that the count matches the records csv-parse returned.
 */
export function recordStartLines(text: string, delimiter: Delimiter): number[] {
  const starts: number[] = [];
  const delimiterCode = delimiter.charCodeAt(0);
  let line = 1;
  let startLine = 1;
  let blank = true;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      } else if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
      continue;
    }
    if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (!blank) starts.push(startLine);
      line++;
      startLine = line;
      blank = true;
      atFieldStart = true;
    } else if (c === delimiterCode) {
      blank = false;
      atFieldStart = true;
    } else if (c === QUOTE && atFieldStart) {
      inQuotes = true;
      blank = false;
    } else if (!isTrimmable(c)) {
      blank = false;
      atFieldStart = false;
    }
  }
  if (!blank) starts.push(startLine);
  return starts;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function isTrimmable(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || (c > 0x7f && /\s/.test(String.fromCharCode(c)));
}

/**
 * When a line splits into the wrong number of fields, says whether another delimiter took the
 * place of the chosen one ("mixed delimiters") rather than a field being missing or extra.
 * Returns a description such as `expected 1 comma as on line 1, found 0 commas and 1 semicolon`,
 * or null when the line simply has more or fewer of the chosen delimiter.
 */
export function describeMixedDelimiters(lineText: string, choice: DelimiterChoice): string | null {
  const counts = countDelimitersPerLine(lineText, 1)[0]?.counts ?? zeroCounts();
  const { delimiter, first } = choice;
  if (counts[delimiter] === first.counts[delimiter]) return null;
  const others = DELIMITERS.filter((d) => d !== delimiter && counts[d] !== first.counts[d] && counts[d] > 0);
  if (others.length === 0) return null;
  const found = [delimiter, ...others].map((d) => countOf(counts[d], d)).join(' and ');
  return `expected ${countOf(first.counts[delimiter], delimiter)} as on line ${first.line}, found ${found}`;
}

/** The text of 1-based physical line `line` (without its line break), or '' past the end. */
export function lineAt(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** "comma", "tab", "semicolon": how the delimiter is named in messages. */
export function delimiterName(d: Delimiter): string {
  return d === '\t' ? 'tab' : d === ';' ? 'semicolon' : 'comma';
}

function countOf(n: number, d: Delimiter): string {
  return `${n} ${delimiterName(d)}${n === 1 ? '' : 's'}`;
}

function zeroCounts(): Record<Delimiter, number> {
  return { '\t': 0, ';': 0, ',': 0 };
}
