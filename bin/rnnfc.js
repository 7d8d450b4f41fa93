#!/usr/bin/env node
// Thin shim: the program is dist/bundle/cli.js, built from src/ by `npm install` (`npm run build`:
// tsc into dist/src, then one bundled file; see scripts/bundle.js).
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv);
