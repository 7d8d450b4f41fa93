// Entry point: runs the commander program and turns every outcome into an exit code. Errors of
// the RnnfcError family print one line; anything else is a bug (exit 1, stack with --verbose).
import { CommanderError } from 'commander';
import { ExitCode, ioErrorFrom, RnnfcError } from './errors.js';
import { handleOutputStreamErrors } from './cli/output-streams.js';
import { createActions, type Io } from './cli/actions.js';
import { buildProgram } from './cli/program.js';

export async function main(argv: string[]): Promise<number> {
  handleOutputStreamErrors(process.stdout, process.stderr);
  let signal: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (s: 'SIGINT' | 'SIGTERM') => () => {
    // A second signal means "stop now": one line, then exit without waiting for anything
    // (the 'exit' handlers still remove the lock).
    if (signal) {
      process.stderr.write(`rnnfc: error: interrupted by a second ${s}; stopped at once\n`);
      process.exit(s === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated);
    }
    signal = s;
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const io: Io = { stdout: process.stdout, stderr: process.stderr, interrupted: () => signal, verbose: argv.includes('--verbose') };
  const program = buildProgram(createActions(io), {
    writeOut: (s) => process.stdout.write(s),
    // Commander's own errors are rewritten below into our one-line form.
    writeErr: (s) => {
      if (!s.startsWith('error:')) process.stderr.write(s);
    },
  });
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (e) {
    return report(e, io);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

function report(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return ExitCode.ok; // --help, --version
    if (e.code === 'commander.help') return ExitCode.usage; // `rnnfc` alone: help was printed to stderr
    process.stderr.write(`rnnfc: error: ${commanderMessage(e.message)}\n`);
    return ExitCode.usage;
  }
  // A write failure outside rnnfc that no command caught first is still an I/O error, not a bug.
  const ioError = ioErrorFrom(e, 'cannot write');
  if (ioError) e = Object.assign(ioError, { stack: (e as Error).stack });
  if (e instanceof RnnfcError) {
    process.stderr.write(`rnnfc: error: ${oneLine(e.message)}\n`);
    if (io.verbose && e.stack) process.stderr.write(e.stack + '\n');
    return e.exitCode;
  }
  if (e instanceof RangeError && !/call stack/i.test(e.message)) {
    // Argument checks inside the library that the option parsers did not catch first
    // (a stack overflow is a RangeError too, and a bug).
    process.stderr.write(`rnnfc: error: ${oneLine(e.message)}\n`);
    if (io.verbose && e.stack) process.stderr.write(e.stack + '\n');
    return ExitCode.usage;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`rnnfc: error: internal error: ${oneLine(err.message)}${io.verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (io.verbose && err.stack) process.stderr.write(err.stack + '\n');
  return ExitCode.internal;
}

/** Commander's message on one line: "unknown option '--epoch' (did you mean --epochs?)". */
function commanderMessage(message: string): string {
  const text = oneLine(message.replace(/^error: /, ''));
  const suggestion = /\s*\(Did you mean (.+)\?\)$/.exec(text);
  if (suggestion) return `${text.slice(0, suggestion.index)} (did you mean ${suggestion[1]}?)`;
  return `${text} (see rnnfc --help)`;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
