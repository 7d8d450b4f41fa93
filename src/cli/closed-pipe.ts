// `rnnfc prepare big.csv | head -2`: when the reader of stdout goes away, stop quietly with
// exit 0 (the reader has what it wanted; as ripgrep does, so that `set -o pipefail` scripts do
// not fail), instead of Node's EPIPE stack. A closed stderr is ignored: it only ever carries
// messages for a person, and losing them is no reason to abandon a run that saves a model.
import { ExitCode } from '../errors.js';

export function exitQuietlyOnClosedPipe(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(ExitCode.ok);
    throw e;
  });
  stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
