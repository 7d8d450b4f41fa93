// Writes the labelled-sequences fixture to stdout:
//   npm run build && node dist/bench/make-sequence-labels.js > fixtures/sequence-labels.csv
// Options: --sequences n, --steps n, --seed n (defaults 100, 100, 1: the committed fixture).
import { SEQUENCE_LABEL_DEFAULTS, sequenceLabelsCsv, type SequenceLabelOptions } from './sequence-labels.js';

const options: SequenceLabelOptions = { ...SEQUENCE_LABEL_DEFAULTS };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const key = args[i]!.replace(/^--/, '');
  const value = Number(args[i + 1]);
  if (!['sequences', 'steps', 'seed'].includes(key) || !Number.isInteger(value) || value < (key === 'seed' ? 0 : 1)) {
    process.stderr.write(`make-sequence-labels: expected --sequences n, --steps n or --seed n, got ${args[i]} ${args[i + 1] ?? ''}\n`);
    process.exit(2);
  }
  options[key as keyof SequenceLabelOptions] = value;
}
process.stdout.write(sequenceLabelsCsv(options));
