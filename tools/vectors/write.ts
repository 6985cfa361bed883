// npm run vectors: rewrites tests/vectors/core-v1.json from tools/vectors/compute.ts.
import { writeFileSync } from 'node:fs';
import { computeVectors } from './compute.js';

const out = new URL('../../tests/vectors/core-v1.json', import.meta.url);
writeFileSync(out, JSON.stringify(computeVectors(), null, 1) + '\n');
console.log(`wrote ${out.pathname}`);
