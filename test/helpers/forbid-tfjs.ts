// Preloaded with `node --import` by tests that prove a command never loads TensorFlow.js: every
// import of a @tensorflow/ package, in the main thread or a worker, fails with this message.
import { register } from 'node:module';

export const FORBIDDEN = 'TensorFlow.js was loaded';

register(new URL('./forbid-tfjs-hooks.js', import.meta.url));
