// Loads TensorFlow.js once and picks its backend: the native `tensorflow` backend when
// @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node is installed (GPU first), else wasm, else cpu.
import { createRequire } from 'node:module';
import { UsageError } from '../../errors.js';

export type Tf = typeof import('@tensorflow/tfjs');
import type { BackendChoice } from '../../core/types.js';
export type { BackendChoice } from '../../core/types.js';
export const BACKEND_CHOICES: BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

const require = createRequire(import.meta.url);

/** The optional native packages, in the order `auto` prefers them. */
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

export interface BackendAvailability {
  name: 'tensorflow' | 'wasm' | 'cpu';
  available: boolean;
  detail: string;
}

function isInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** What is installed here, without loading anything heavy. */
export function backendAvailability(): BackendAvailability[] {
  const native = NATIVE_PACKAGES.find(isInstalled);
  return [
    {
      name: 'tensorflow',
      available: native !== undefined,
      detail: native ?? 'not installed (npm install @tensorflow/tfjs-node, or @tensorflow/tfjs-node-gpu for CUDA)',
    },
    { name: 'wasm', available: isInstalled('@tensorflow/tfjs-backend-wasm'), detail: '@tensorflow/tfjs-backend-wasm' },
    { name: 'cpu', available: true, detail: '@tensorflow/tfjs (plain JavaScript)' },
  ];
}

/** The backend `auto` resolves to here. */
export function autoBackend(): 'tensorflow' | 'wasm' | 'cpu' {
  return backendAvailability().find((b) => b.available)!.name;
}

let tfModule: Tf | undefined;

/**
 * Imports tfjs (and a native package when chosen) once, makes `choice` the current backend,
 * and returns both. Calling it again with another backend switches to it.
 */
export async function loadTf(choice: BackendChoice = 'auto'): Promise<{ tf: Tf; backend: string }> {
  const wanted = choice === 'auto' ? autoBackend() : choice;
  const availability = backendAvailability().find((b) => b.name === wanted)!;
  if (!availability.available) {
    throw new UsageError(
      wanted === 'tensorflow'
        ? '--backend tensorflow needs @tensorflow/tfjs-node (CPU) or @tensorflow/tfjs-node-gpu (CUDA): install one with `npm install @tensorflow/tfjs-node`'
        : `--backend ${wanted} is not available: install it with \`npm install @tensorflow/tfjs-backend-${wanted}\``,
    );
  }
  if (wanted === 'tensorflow') await import(NATIVE_PACKAGES.find(isInstalled)!);
  if (!tfModule) {
    tfModule = (await import('@tensorflow/tfjs')) as Tf;
    // Production mode skips tfjs' debug checks and its console advice to install tfjs-node.
    tfModule.enableProdMode();
  }
  const tf = tfModule;
  if (wanted === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== wanted) {
    const ok = await tf.setBackend(wanted);
    if (!ok) throw new UsageError(`--backend ${wanted} failed to initialise here; try --backend cpu`);
  }
  await tf.ready();
  return { tf, backend: tf.getBackend() };
}
