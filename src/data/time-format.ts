// The ways a time label may be written ("1949-01", "Apr-2003", "1949", "31/12/1984",
// "12/31/1984", "1984/12/31", "2015-02-04 17:51:00", "7"), which one a column of labels uses, and
// reading and writing a label in it, so that forecast labels continue in the file's own format.

export type TimeKind = 'year' | 'month' | 'date' | 'datetime' | 'index';

/** The order of the fields of a date: year first (ISO), day first (most of the world) or month first (US). */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** How the time of day of a date-time is written: "T10:00", " 10:00:00", " 10:00:00.5Z". */
export interface ClockStyle {
  separator: 'T' | ' ';
  seconds: boolean;
  fractionDigits: number;
  utcSuffix: boolean;
}

/**
 * How a column writes its labels. Ordinals, the positions on the time axis, are months since
 * year 0 for years and months, UTC milliseconds for dates and date-times, the number itself for
 * step numbers.
 */
export type TimeFormat =
  | { form: 'year' } // "1949"
  | { form: 'year-month'; yearDigits: number } // "1949-01"; "1-01" has 1 year digit
  | { form: 'month-name'; yearFirst: boolean; separator: string; letters: 'title' | 'upper' | 'lower'; full: boolean } // "Apr-2003", "2003 April"
  | { form: 'date'; order: DateOrder; separator: '-' | '/' | '.'; padded: boolean; clock: ClockStyle | null }
  | { form: 'index'; width: number }; // "7"; "007" keeps its zero padding

/** Why a day-first or month-first order was chosen when no field is above 12. */
export type OrderAssumption = 'only-increasing' | 'only-regular' | 'preferred' | 'default';

export interface DetectedFormat {
  format: TimeFormat;
  /** Set when the labels leave day and month order open and one was assumed. */
  assumed: OrderAssumption | null;
  /** Non-empty labels of another shape than the format's, or no time label at all. */
  misfits: number;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const YEAR_MONTH = /^(\d+)-(\d{2})$/;
const NAME_YEAR = /^([A-Za-z]{3,9})([-\s/]?)(\d{4})$/;
const YEAR_NAME = /^(\d{4})([-\s/]?)([A-Za-z]{3,9})$/;
const CLOCK = '(?:([T ])(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?(Z?))?';
const YEAR_FIRST = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${CLOCK}$`);
const YEAR_LAST = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})${CLOCK}$`);
const INTEGER = /^-?\d+$/;

/** Bare integers count as years in this range; outside it they are step numbers. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 2999;

/** What one label says on its own, before the column decides how to read it. */
type Reading =
  | { form: 'year-month'; year: number; month: number; yearDigits: number }
  | { form: 'month-name'; year: number; month: number; yearFirst: boolean; separator: string; letters: 'title' | 'upper' | 'lower'; full: boolean }
  | { form: 'date'; yearFirst: boolean; separator: '-' | '/' | '.'; year: number; first: number; second: number; unpadded: boolean; clock: Clock | null }
  | { form: 'integer'; value: number; width: number; text: string };

interface Clock {
  hour: number;
  minute: number;
  second: number;
  ms: number;
  style: ClockStyle;
}

function read(label: string): Reading | null {
  const text = label.trim();
  let m = YEAR_MONTH.exec(text);
  if (m) return { form: 'year-month', year: Number(m[1]), month: Number(m[2]), yearDigits: m[1]!.length };
  m = NAME_YEAR.exec(text) ?? YEAR_NAME.exec(text);
  if (m) {
    const yearFirst = /^\d/.test(text);
    const name = yearFirst ? m[3]! : m[1]!;
    const month = monthNumber(name);
    if (month === null) return null;
    const letters = name === name.toUpperCase() ? 'upper' : name === name.toLowerCase() ? 'lower' : 'title';
    return { form: 'month-name', year: Number(yearFirst ? m[1] : m[3]), month, yearFirst, separator: m[2]!, letters, full: name.length > 3 };
  }
  m = YEAR_FIRST.exec(text);
  const yearFirst = m !== null;
  m ??= YEAR_LAST.exec(text);
  if (m) {
    const [year, first, second] = yearFirst ? [m[1]!, m[3]!, m[4]!] : [m[4]!, m[1]!, m[3]!];
    const clock: Clock | null =
      m[5] === undefined
        ? null
        : {
            hour: Number(m[6]),
            minute: Number(m[7]),
            second: Number(m[8] ?? 0),
            ms: m[9] === undefined ? 0 : Math.round(Number(`0.${m[9]}`) * 1000),
            style: { separator: m[5] === 'T' ? 'T' : ' ', seconds: m[8] !== undefined, fractionDigits: (m[9] ?? '').length, utcSuffix: m[10] === 'Z' },
          };
    return {
      form: 'date',
      yearFirst,
      separator: m[2] as '-' | '/' | '.',
      year: Number(year),
      first: Number(first),
      second: Number(second),
      unpadded: first.length === 1 || second.length === 1,
      clock,
    };
  }
  if (INTEGER.test(text)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) return null;
    const digits = text.replace('-', '');
    return { form: 'integer', value, width: digits.length > 1 && digits.startsWith('0') ? digits.length : 0, text };
  }
  return null;
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const i = MONTH_NAMES.findIndex((full) => full === lower || (lower.length === 3 && full.startsWith(lower)) || (lower === 'sept' && full === 'september'));
  return i < 0 ? null : i + 1;
}

/** The kind of time a format writes, as messages name it. */
export function formatKind(format: TimeFormat): TimeKind {
  switch (format.form) {
    case 'year':
      return 'year';
    case 'year-month':
    case 'month-name':
      return 'month';
    case 'date':
      return format.clock === null ? 'date' : 'datetime';
    case 'index':
      return 'index';
  }
}

/** The kind of time one label is on its own (day-first when its order is open); null when it is none. */
export function labelKind(label: string): TimeKind | null {
  const r = read(label);
  if (r === null) return null;
  if (r.form === 'integer') return isYear(r) ? 'year' : 'index';
  if (r.form === 'date') return r.clock === null ? 'date' : 'datetime';
  return 'month';
}

/** The format as a person would write it: "YYYY-MM", "DD/MM/YYYY HH:MM", "Mon-YYYY", "YYYY". */
export function describeFormat(format: TimeFormat): string {
  switch (format.form) {
    case 'year':
      return 'YYYY';
    case 'year-month':
      return format.yearDigits === 4 ? 'YYYY-MM' : `${'Y'.repeat(format.yearDigits)}-MM`;
    case 'month-name': {
      const name = format.full ? 'Month' : 'Mon';
      return format.yearFirst ? `YYYY${format.separator}${name}` : `${name}${format.separator}YYYY`;
    }
    case 'date': {
      const s = format.separator;
      const d = format.padded ? 'DD' : 'D';
      const mo = format.padded ? 'MM' : 'M';
      const date = format.order === 'ymd' ? `YYYY${s}${mo}${s}${d}` : format.order === 'dmy' ? `${d}${s}${mo}${s}YYYY` : `${mo}${s}${d}${s}YYYY`;
      const c = format.clock;
      if (c === null) return date;
      return `${date}${c.separator}HH:MM${c.seconds ? ':SS' : ''}${c.fractionDigits > 0 ? `.${'S'.repeat(c.fractionDigits)}` : ''}${c.utcSuffix ? 'Z' : ''}`;
    }
    case 'index':
      return 'step number';
  }
}

/**
 * The format of the non-empty labels, read from those of the most common shape (form, date
 * separator, with or without a time of day); `misfits` counts the others, which a caller may
 * refuse (a column of labels) or report one by one with their lines (the loader). Null when no
 * label is a time label, or the labels of that shape fit no single format.
 * Day and month order is decided by fields above 12 when there are any; otherwise by which order
 * makes time increase, then which makes the steps regular, then `prefer` (a describeFormat
 * pattern, as saved with a model), then day first, and `assumed` says which.
 */
export function detectTimeFormat(labels: readonly string[], prefer?: string): DetectedFormat | null {
  const groups = new Map<string, Reading[]>();
  let filled = 0;
  for (const label of labels) {
    if (label.trim() === '') continue;
    filled++;
    const r = read(label);
    if (r === null) continue;
    const key = shapeKey(r);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [r]);
    else group.push(r);
  }
  let readings: Reading[] = [];
  for (const group of groups.values()) if (group.length > readings.length) readings = group;
  const detected = formatOf(readings, prefer);
  return detected === null ? null : { ...detected, misfits: filled - readings.length };
}

function formatOf(readings: Reading[], prefer?: string): Omit<DetectedFormat, 'misfits'> | null {
  const first = readings[0];
  if (first === undefined) return null;
  const last = readings[readings.length - 1]!;
  switch (first.form) {
    case 'year-month':
      // the padding width: "9-12" then "10-01" pads to 1 digit
      return known({ form: 'year-month', yearDigits: readings.reduce((min, r) => Math.min(min, (r as typeof first).yearDigits), Infinity) });
    case 'month-name': {
      const l = last as typeof first;
      // "May" is written the same either way: one longer name shows full names are used
      const full = readings.some((r) => (r as typeof first).full);
      return known({ form: 'month-name', yearFirst: l.yearFirst, separator: l.separator, letters: l.letters, full });
    }
    case 'integer': {
      const years = readings.every((r) => isYear(r as typeof first));
      return known(years ? { form: 'year' } : { form: 'index', width: (last as typeof first).width });
    }
    case 'date':
      return detectDateFormat(readings as Extract<Reading, { form: 'date' }>[], prefer);
  }
}

function known(format: TimeFormat): Omit<DetectedFormat, 'misfits'> {
  return { format, assumed: null };
}

/** Labels of one column share their form, their date separator and whether they have a time of day. */
function shapeKey(r: Reading): string {
  if (r.form === 'date') return `date ${r.yearFirst} ${r.separator} ${r.clock === null}`;
  if (r.form === 'month-name') return `month-name ${r.yearFirst}`;
  return r.form;
}

function isYear(r: Extract<Reading, { form: 'integer' }>): boolean {
  return r.text.length === 4 && r.value >= FIRST_YEAR && r.value <= LAST_YEAR;
}

function detectDateFormat(readings: Extract<Reading, { form: 'date' }>[], prefer?: string): Omit<DetectedFormat, 'misfits'> | null {
  const last = readings[readings.length - 1]!;
  const base = {
    form: 'date' as const,
    separator: last.separator,
    padded: !readings.some((r) => r.unpadded),
    clock: last.clock?.style ?? null,
  };
  if (last.yearFirst) return known({ ...base, order: 'ymd' });
  const firstAbove12 = readings.filter((r) => r.first > 12).length;
  const secondAbove12 = readings.filter((r) => r.second > 12).length;
  // both: the more common one decides, and the others are impossible dates, reported with their lines
  if (firstAbove12 > 0 || secondAbove12 > 0) return known({ ...base, order: firstAbove12 >= secondAbove12 ? 'dmy' : 'mdy' });
  const dmy: TimeFormat = { ...base, order: 'dmy' };
  const mdy: TimeFormat = { ...base, order: 'mdy' };
  const ordinals = (f: TimeFormat): number[] | null => {
    const out: number[] = [];
    for (const r of readings) {
      const o = ordinalOf(r, f);
      if (o === null) return null;
      out.push(o);
    }
    return out;
  };
  const dmyOrdinals = ordinals(dmy);
  const mdyOrdinals = ordinals(mdy);
  if (dmyOrdinals === null || mdyOrdinals === null) {
    const only = dmyOrdinals !== null ? dmy : mdyOrdinals !== null ? mdy : null;
    return only === null ? null : known(only);
  }
  const dmyIncreases = increasing(dmyOrdinals);
  const mdyIncreases = increasing(mdyOrdinals);
  if (dmyIncreases !== mdyIncreases) return { format: dmyIncreases ? dmy : mdy, assumed: 'only-increasing' };
  const dmySteps = distinctSteps(dmyOrdinals);
  const mdySteps = distinctSteps(mdyOrdinals);
  if (dmyIncreases && dmySteps !== mdySteps && Math.min(dmySteps, mdySteps) === 1) {
    return { format: dmySteps === 1 ? dmy : mdy, assumed: 'only-regular' };
  }
  if (prefer === describeFormat(mdy)) return { format: mdy, assumed: 'preferred' };
  if (prefer === describeFormat(dmy)) return { format: dmy, assumed: 'preferred' };
  return { format: dmy, assumed: 'default' };
}

function increasing(xs: number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i]! > xs[i - 1]!)) return false;
  return true;
}

/** How many different steps there are between consecutive dates, counted in days or months. */
function distinctSteps(xs: number[]): number {
  const months = xs.map((x) => {
    const d = new Date(x);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  });
  const sameDay = xs.every((x) => new Date(x).getUTCDate() === new Date(xs[0]!).getUTCDate());
  const units = sameDay ? months : xs;
  const steps = new Set<number>();
  for (let i = 1; i < units.length; i++) steps.add(units[i]! - units[i - 1]!);
  return steps.size;
}

/** The label's position on the time axis in `format`, or null when it is not written in it or names an impossible time. */
export function parseInFormat(label: string, format: TimeFormat): number | null {
  const r = read(label);
  return r === null || !fits(r, format) ? null : ordinalOf(r, format);
}

function fits(r: Reading, format: TimeFormat): boolean {
  switch (format.form) {
    case 'year':
      return r.form === 'integer' && isYear(r);
    case 'year-month':
      return r.form === 'year-month';
    case 'month-name':
      return r.form === 'month-name' && r.yearFirst === format.yearFirst;
    case 'date':
      return r.form === 'date' && r.yearFirst === (format.order === 'ymd') && r.separator === format.separator && (r.clock === null) === (format.clock === null);
    case 'index':
      return r.form === 'integer';
  }
}

function ordinalOf(r: Reading, format: TimeFormat): number | null {
  switch (r.form) {
    case 'integer':
      return format.form === 'year' ? r.value * 12 : r.value;
    case 'year-month':
    case 'month-name':
      return r.month >= 1 && r.month <= 12 && Number.isSafeInteger(r.year * 12) ? r.year * 12 + r.month - 1 : null;
    case 'date': {
      if (format.form !== 'date') return null;
      // year-first and month-first dates have the month in `first`; day-first ones the day
      const [month, day] = format.order === 'dmy' ? [r.second, r.first] : [r.first, r.second];
      const c = r.clock;
      return utcMs(r.year, month, day, c?.hour ?? 0, c?.minute ?? 0, c?.second ?? 0, c?.ms ?? 0);
    }
  }
}

/** Writes a position on the time axis as a label in `format`. */
export function formatInFormat(ordinal: number, format: TimeFormat): string {
  switch (format.form) {
    case 'year':
      return String(Math.floor(ordinal / 12));
    case 'year-month': {
      const year = Math.floor(ordinal / 12);
      return `${pad(year, format.yearDigits)}-${pad(ordinal - year * 12 + 1, 2)}`;
    }
    case 'month-name': {
      const year = Math.floor(ordinal / 12);
      const full = MONTH_NAMES[ordinal - year * 12]!;
      let name = format.full ? full : full.slice(0, 3);
      name = format.letters === 'upper' ? name.toUpperCase() : format.letters === 'lower' ? name : name[0]!.toUpperCase() + name.slice(1);
      return format.yearFirst ? `${year}${format.separator}${name}` : `${name}${format.separator}${year}`;
    }
    case 'date': {
      // toISOString has the form YYYY-MM-DDTHH:MM:SS.mmmZ for years 0..9999
      const iso = new Date(ordinal).toISOString();
      const [y, mo, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
      const p = (field: string): string => (format.padded ? field : String(Number(field)));
      const s = format.separator;
      let text = format.order === 'ymd' ? `${y}${s}${p(mo)}${s}${p(d)}` : format.order === 'dmy' ? `${p(d)}${s}${p(mo)}${s}${y}` : `${p(mo)}${s}${p(d)}${s}${y}`;
      const c = format.clock;
      if (c !== null) {
        text += `${c.separator}${iso.slice(11, 16)}`;
        if (c.seconds) text += iso.slice(16, 19);
        if (c.fractionDigits > 0) text += iso.slice(19, 20 + c.fractionDigits);
        if (c.utcSuffix) text += 'Z';
      }
      return text;
    }
    case 'index':
      return ordinal < 0 ? `-${pad(-ordinal, format.width)}` : pad(ordinal, format.width);
  }
}

/** UTC milliseconds, or null for an impossible date such as 1981-02-30 or 25:00. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date.getTime() : null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
