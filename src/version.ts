// rnnfc's version, from package.json (dist/src/version.js, and dist/bundle/cli.js that bundles it, are two levels below the package root).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../../package.json') as { version: string }).version;
