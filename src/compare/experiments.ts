// The experiments of a study: from a JSON file ({"defaults": {...}, "experiments": {...}}) whose
// keys are `rnnfc train`'s long option names, or from --variant NAME="--options". Precedence,
// lowest first: rnnfc's defaults, the file's defaults, options on the command line, the
// experiment's own keys.
import { UsageError } from '../errors.js';
import { settingsFrom, TRAIN_OPTION_NAMES, type RunSettings } from '../options/train-options.js';

export interface Experiment {
  name: string;
  settings: RunSettings;
}

type Raw = string | number | boolean;
type OptionValues = Record<string, Raw>;

function optionValues(value: unknown, where: string): OptionValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${where} must be an object of option names and values`);
  }
  const out: OptionValues = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!TRAIN_OPTION_NAMES.includes(key)) {
      throw new UsageError(`${where}: unknown option "${key}"; valid options are: ${TRAIN_OPTION_NAMES.join(', ')}`);
    }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new UsageError(`${where}: option "${key}" must be a string, number or boolean, got ${JSON.stringify(v)}`);
    }
    out[key] = v;
  }
  return out;
}

/**
 * Experiments from the text of an experiments file. `commandLine` holds the train options given
 * on the command line, keyed by long name.
 */
export function experimentsFromFile(text: string, file: string, commandLine: OptionValues): Experiment[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new UsageError(`${file}: expected {"defaults": {...}, "experiments": {"name": {...}, ...}}`);
  }
  const { defaults = {}, experiments, ...rest } = doc as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new UsageError(`${file}: unknown key "${extra[0]}"; expected "defaults" and "experiments"`);
  const base = optionValues(defaults, `${file}: defaults`);
  if (typeof experiments !== 'object' || experiments === null || Array.isArray(experiments) || Object.keys(experiments).length === 0) {
    throw new UsageError(`${file}: "experiments" must be an object with at least one named experiment`);
  }
  return Object.entries(experiments as Record<string, unknown>).map(([name, value]) => {
    const own = optionValues(value, `${file}: experiment "${name}"`);
    return { name, settings: settingsFrom({ ...base, ...commandLine, ...own }, undefined, `${file}: experiment "${name}": `) };
  });
}

/** Experiments from --variant values already parsed into option values. */
export function experimentsFromVariants(variants: { name: string; values: OptionValues }[], commandLine: OptionValues): Experiment[] {
  const seen = new Set<string>();
  return variants.map(({ name, values }) => {
    if (seen.has(name)) throw new UsageError(`--variant "${name}" is given twice`);
    seen.add(name);
    return { name, settings: settingsFrom({ ...commandLine, ...values }, undefined, `variant "${name}": `) };
  });
}

/** Splits an option string like a shell would for simple cases: spaces, single and double quotes. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inArg = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote) throw new UsageError(`unclosed ${quote} in "${text}"`);
  if (inArg) args.push(current);
  return args;
}
