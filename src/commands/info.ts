// rnnfc info: version, the backends available here and the one `auto` picks.
import { autoBackend, backendAvailability, type BackendAvailability } from '../engines/tfjs/tf.js';
import { VERSION } from '../version.js';

export interface InfoResult {
  version: string;
  node: string;
  backends: BackendAvailability[];
  autoBackend: string;
  engines: { name: string; detail: string }[];
}

export async function info(): Promise<InfoResult> {
  return {
    version: VERSION,
    node: process.version,
    backends: backendAvailability(),
    autoBackend: autoBackend(),
    engines: [
      { name: 'fused', detail: 'rnnfc\'s own CPU kernels for small recurrent networks' },
      { name: 'tfjs', detail: 'TensorFlow.js layers on the backend above' },
    ],
  };
}
