// The helper thread of the orthogonal initializer's QR (orthogonal-simd.ts): takes its share of
// every step the main thread starts, on the same WebAssembly memory, until told to stop.
import { workerData } from 'node:worker_threads';
import { runQrHelper, type QrHelperData } from './orthogonal-simd.js';

runQrHelper(workerData as QrHelperData);
