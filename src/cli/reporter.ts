// What a person reads while waiting: warnings, messages and progress, all on stderr.
// --quiet silences everything here; errors are printed by the top-level catch regardless.
import cliProgress from 'cli-progress';

export interface Reporter {
  warn(message: string): void;
  info(message: string): void;
  /** Why something asked for was not done, when that is no fault: `rnnfc: note: ...`. */
  note(message: string): void;
  /** A progress bar over `total` steps; a no-op when stderr is not a terminal or --quiet. */
  progress(label: string, total: number): Progress;
}

export interface Progress {
  update(done: number, detail?: string): void;
  stop(): void;
}

const noProgress: Progress = { update() {}, stop() {} };

export function createReporter(stderr: NodeJS.WriteStream, quiet: boolean): Reporter {
  return {
    warn(message) {
      if (!quiet) stderr.write(`rnnfc: warning: ${message}\n`);
    },
    info(message) {
      if (!quiet) stderr.write(`${message}\n`);
    },
    note(message) {
      if (!quiet) stderr.write(`rnnfc: note: ${message}\n`);
    },
    progress(label, total) {
      if (quiet || !stderr.isTTY) return noProgress;
      const bar = new cliProgress.SingleBar(
        {
          stream: stderr,
          format: `${label} [{bar}] {value}/{total} | {detail} | {duration_formatted} elapsed, ETA {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
          fps: 10,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { detail: '' });
      return {
        update(done, detail = '') {
          bar.update(done, { detail });
        },
        stop() {
          bar.stop();
        },
      };
    },
  };
}
