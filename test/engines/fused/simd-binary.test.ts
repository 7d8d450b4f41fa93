// The committed WebAssembly kernels are what their source compiles to: rebuilt with the
// AssemblyScript devDependency and compared byte for byte (skipped where it is not installed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { SIMD_KERNELS_WASM } from '../../../src/engines/fused/simd-kernels-binary.js';

const require = createRequire(import.meta.url);
const hasCompiler = (() => {
  try {
    require.resolve('assemblyscript/package.json');
    return true;
  } catch {
    return false;
  }
})();

test('the committed SIMD kernels match assembly/linear-algebra.ts compiled again (npm run build:wasm)', { skip: hasCompiler ? false : 'assemblyscript is not installed' }, async () => {
  // dist/test/engines/fused → the repository root
  const script = new URL('../../../../scripts/build-wasm.mjs', import.meta.url).href;
  const { compileKernels } = (await import(script)) as { compileKernels: () => Promise<Uint8Array> };
  const built = Buffer.from(await compileKernels());
  const committed = Buffer.from(SIMD_KERNELS_WASM, 'base64');
  assert.ok(built.length > 0);
  assert.ok(built.equals(committed), `the committed binary (${committed.length} bytes) differs from a fresh build (${built.length} bytes): run npm run build:wasm`);
});
