// Runs the engine benchmark alone: node dist/bench/run-engines.js
import { benchEngines } from './engines.js';

await benchEngines((line) => console.log(line));
