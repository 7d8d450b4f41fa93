// Paths for tests, which run compiled from dist/test/<dir>/: the repo root is three levels up.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixture = (name: string) => path.join(repoRoot, 'fixtures', name);
export const binPath = path.join(repoRoot, 'bin', 'rnnfc.js');

/** The shampoo series from fixtures/shampoo.csv, parsed without the loader under test. */
export function shampoo(): { times: string[]; values: number[] } {
  const lines = fs.readFileSync(fixture('shampoo.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(','));
  return { times: rows.map((r) => r[0]!.replace(/"/g, '')), values: rows.map((r) => Number(r[1])) };
}

export function tempDir(prefix = 'rnnfc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
