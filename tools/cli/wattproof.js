#!/usr/bin/env node
// The `wattproof` command: loads the TypeScript CLI through tsx (resolved from this package).
import { register } from 'tsx/esm/api';
// A reader that stops early (`wattproof verify x.wps | head -1`) is not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
