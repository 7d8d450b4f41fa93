// Runs the prepare-at-scale benchmark alone: npm run build && node dist/bench/run-prepare-scale.js
import { benchPrepareScale } from './prepare-scale.js';

await benchPrepareScale((line) => console.log(line));
