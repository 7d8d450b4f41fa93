// Where a report goes: a file checked before any work starts (through the same check as every
// output), never standard output, which carries the command's results; written atomically.
import { UsageError } from '../errors.js';
import { checkOutputFile, type OutputFile } from '../util/output-path.js';
import { writeOutput } from '../util/write-output.js';
import { renderReport, type Report } from './report.js';

export async function checkReportFile(file: string): Promise<OutputFile> {
  const target = await checkOutputFile(file, '--report');
  if (target.kind === 'stdout') throw new UsageError(`--report ${file}: give a file name; standard output carries the command's results`);
  return target;
}

export async function writeReport(target: OutputFile, report: Report): Promise<void> {
  await writeOutput(target, await renderReport(report));
}
