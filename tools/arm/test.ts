// npm run arm:test: the short scenario (tests/arm/scenario.ts) on the emulated
// Cortex-M4 and on Node; the outputs must be equal byte for byte.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForXs, firstDifference, runNode } from '../xs/xsnap.js';
import { runOnCortexM4 } from './qemu.js';

const dir = mkdtempSync(join(tmpdir(), 'wattproof-arm-'));
const bundle = await bundleForXs(new URL('../../tests/arm/scenario.ts', import.meta.url).pathname, join(dir, 'scenario.js'));
const checks: [string, boolean, string][] = [];
const node = runNode([bundle]);
const arm = runOnCortexM4(bundle);
checks.push(['the scenario runs on Node', node.status === 0 && node.stdout.endsWith('done\n'), node.stderr.slice(-1000)]);
checks.push(['the scenario runs on the Cortex-M4 (QEMU mps2-an386)', arm.status === 0 && arm.stdout.endsWith('done\n'), `status ${arm.status}\n${arm.stdout.slice(-1000)}${arm.stderr.slice(-1000)}`]);
const diff = firstDifference(node.stdout, arm.stdout);
checks.push(['its output equals Node\'s byte for byte', diff === undefined, diff ?? '']);
checks.push(['the certified total verifies on the device', /^verify valid$/m.test(arm.stdout), '']);
let failed = 0;
for (const [name, ok, detail] of checks) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n${detail}`}`);
  if (!ok) failed++;
}
console.log(`arm: image ${arm.imageBytes >= 0 ? `${(arm.imageBytes / 1024).toFixed(0)} KiB` : '?'}, QEMU ${(arm.ms / 1000).toFixed(1)} s`);
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
