#!/usr/bin/env node
// Thin shim: the program lives in dist/src/cli.js, compiled from src/cli.ts by `npm install`.
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv);
