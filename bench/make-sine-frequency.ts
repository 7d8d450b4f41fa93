// Writes the sine-frequency fixture to stdout:
//   npm run build && node dist/bench/make-sine-frequency.js > fixtures/sine-frequency.csv
// Options: --max-frequency n, --examples n, --steps n, --seed n (defaults 10, 10, 100, 1: the committed fixture).
import { SINE_FREQUENCY_DEFAULTS, sineFrequencyCsv, type SineFrequencyOptions } from './sine-frequency.js';

const options: SineFrequencyOptions = { ...SINE_FREQUENCY_DEFAULTS };
const keys: Record<string, keyof SineFrequencyOptions> = { 'max-frequency': 'maxFrequency', examples: 'examples', steps: 'steps', seed: 'seed' };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const key = keys[args[i]!.replace(/^--/, '')];
  const value = Number(args[i + 1]);
  if (key === undefined || !Number.isInteger(value) || value < (key === 'seed' ? 0 : 1)) {
    process.stderr.write(`make-sine-frequency: expected --max-frequency n, --examples n, --steps n or --seed n, got ${args[i]} ${args[i + 1] ?? ''}\n`);
    process.exit(2);
  }
  options[key] = value;
}
process.stdout.write(sineFrequencyCsv(options));
