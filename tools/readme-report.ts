// Makes docs/report.png, the README's picture of a report: runs the README's example command,
// then screenshots its report with the code the report test uses. `npm run readme-report`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, visitPage } from '../test/helpers/chromium.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnfc-readme-'));
const report = path.join(dir, 'r.html');
const args = ['train', 'fixtures/shampoo.csv', '--stateful', '--validation', '4', '--early-stopping', '50', '--interval', '0.8', '--report', report, '--format', 'table'];
if (!findChromium()) {
  console.error('chromium is not installed (apt-get install chromium)');
  process.exit(1);
}
const run = spawnSync(process.execPath, [path.join(root, 'bin', 'rnnfc.js'), ...args], { cwd: root, encoding: 'utf8' });
process.stdout.write(run.stdout);
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(1);
}
const visit = await visitPage(report, { width: 1300 });
if (visit.errors.length > 0) throw new Error(`the report logged errors: ${visit.errors.join('; ')}`);
const png = path.join(root, 'docs', 'report.png');
fs.writeFileSync(png, visit.png);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`wrote ${path.relative(root, png)} (${visit.png.length} bytes) from: rnnfc ${args.join(' ').replace(report, 'r.html')}`);
