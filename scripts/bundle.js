// Bundles the compiled CLI (dist/src/cli.js), the compare worker, the training-thread worker and
// the orthogonal initializer's helper thread into one file each, in dist/bundle/: Node then reads
// two files at start-up instead of about a hundred, which is a good part of a short run's wall time. TensorFlow.js stays outside the bundle: it is loaded
// only when the tfjs engine runs (or `info` asks about it), from node_modules as before; so do
// vega and vega-lite, loaded only to draw a report.
// dist/bundle/ sits two levels below the package root, as dist/src/ does, so the relative paths
// the code resolves at run time (package.json, the worker) hold in both.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/cli.js', 'dist/src/compare/worker.js', 'dist/src/engines/fused/team-worker.js', 'dist/src/engines/orthogonal-worker.js'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // vega and vega-lite draw the --report charts: loaded only then, and kept out of every start-up
  external: ['@tensorflow/*', 'vega', 'vega-lite'],
  // The bundled CommonJS dependencies call require(); ES modules have none of their own.
  banner: { js: "import { createRequire as __rnnfcCreateRequire } from 'node:module'; const require = __rnnfcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
