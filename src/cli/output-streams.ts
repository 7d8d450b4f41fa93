// Failures of stdout and stderr themselves, which no command can catch: they surface as 'error'
// events on the streams.
//
// `rnnfc prepare big.csv | head -2`: when the reader of stdout goes away, stop quietly with
// exit 0 (the reader has what it wanted; as ripgrep does, so that `set -o pipefail` scripts do
// not fail), instead of Node's EPIPE stack. `rnnfc forecast ... > /full/disk/f.csv`: one line and
// exit 7, as for any output that cannot be written. A closed stderr is ignored: it only ever
// carries messages for a person, and losing them is no reason to abandon a run that saves a model.
import { ExitCode, ioErrorFrom } from '../errors.js';

export function handleOutputStreamErrors(stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(ExitCode.ok);
    const io = ioErrorFrom(e, 'cannot write to standard output');
    stderr.write(`rnnfc: error: ${io ? io.message : `cannot write to standard output: ${e.message}`}\n`);
    process.exit(io ? io.exitCode : ExitCode.internal);
  });
  stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
