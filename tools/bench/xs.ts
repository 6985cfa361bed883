// XS figures for npm run bench: the tests/xs scenario under xsnap and under
// Node in the same run. Per operation: XS computation units (xsnap's meter, a
// deterministic count of XS byte-code work), wall time on both engines and the
// ratio; then the XS heap peaks (chunks and slots) from a build with mxReport.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForXs, ensureXsnap, runNode, runXs } from '../xs/xsnap.js';

const dir = mkdtempSync(join(tmpdir(), 'wattproof-xs-bench-'));
const prelude = join(dir, 'bench-prelude.js');
writeFileSync(prelude, 'globalThis.WATTPROOF_XS_BENCH = true;\n');
const gcScript = join(dir, 'gc.js');
writeFileSync(gcScript, 'gc();\n');
const bundle = await bundleForXs(new URL('../../tests/xs/scenario.ts', import.meta.url).pathname, join(dir, 'scenario.js'));
ensureXsnap('release');
ensureXsnap('report');

function measures(stdout: string): Map<string, { units: number; ms: number }> {
  const m = new Map<string, { units: number; ms: number }>();
  for (const line of stdout.split('\n')) {
    const [tag, name, units, ms] = line.split(' ');
    if (tag === 'measure' && name) m.set(name, { units: Number(units), ms: Number(ms) });
  }
  return m;
}

const xs = runXs([prelude, bundle]);
const node = runNode([prelude, bundle]);
if (xs.status !== 0 || node.status !== 0) throw new Error(`scenario failed: xs ${xs.status} ${xs.stdout.slice(-500)} node ${node.status} ${node.stderr.slice(-500)}`);
const xm = measures(xs.stdout), nm = measures(node.stdout);
const report = runXs([prelude, bundle, gcScript], { variant: 'report' });
let chunkPeak = 0, slotPeak = 0, chunkUsed = 0, slotUsed = 0;
for (const line of report.stdout.split('\n')) {
  const c = /# Chunk collection: reserved \d+ used (\d+) peak (\d+) bytes/.exec(line);
  if (c) { chunkPeak = Math.max(chunkPeak, Number(c[2])); chunkUsed = Number(c[1]); }
  const s = /# Slot collection: reserved \d+ used (\d+) peak (\d+) bytes/.exec(line);
  if (s) { slotPeak = Math.max(slotPeak, Number(s[2])); slotUsed = Number(s[1]); }
}

const names: Record<string, string> = {
  'vectors': 'recompute the known-answer vectors',
  'certify-day': 'certify a UTC day (48 readings, store, sign)',
  'prove-bill-day': 'prove a one-day bill (from the flash log)',
  'prove-settlement-day': 'prove a one-day settlement',
  'verify-bill': 'verify the bill',
  'verify-settlement': 'verify the settlement',
};
console.log('\nwattproof on XS (xsnap @agoric/xsnap 0.15.0, XS 13) vs Node, same scenario, same run');
console.log(`${'operation'.padEnd(46)} ${'XS units'.padStart(12)} ${'XS ms'.padStart(9)} ${'Node ms'.padStart(9)} ${'XS/Node'.padStart(8)}`);
for (const [key, label] of Object.entries(names)) {
  const x = xm.get(key), n = nm.get(key);
  if (!x || !n) continue;
  console.log(`${label.padEnd(46)} ${x.units.toLocaleString('en-GB').padStart(12)} ${String(x.ms).padStart(9)} ${String(n.ms).padStart(9)} ${(n.ms > 0 ? (x.ms / n.ms).toFixed(1) + 'x' : 'n/a').padStart(8)}`);
}
const perReading = (xm.get('certify-day')?.units ?? 0) / 48;
console.log(`${'  per reading (certify-day / 48)'.padEnd(46)} ${Math.round(perReading).toLocaleString('en-GB').padStart(12)}`);
console.log(`${'whole process (start, parse, run)'.padEnd(46)} ${''.padStart(12)} ${xs.ms.toFixed(0).padStart(9)} ${node.ms.toFixed(0).padStart(9)} ${(xs.ms / node.ms).toFixed(1).padStart(7)}x`);
console.log(`XS heap (report build, gc() before each step): peak chunks ${(chunkPeak / 1024).toFixed(0)} KiB, peak slots ${(slotPeak / 1024).toFixed(0)} KiB (${Math.round(slotPeak / 32).toLocaleString('en-GB')} slots of 32 bytes); live after the final gc: chunks ${(chunkUsed / 1024).toFixed(0)} KiB, slots ${(slotUsed / 1024).toFixed(0)} KiB`);
console.log('(xsnap reserves 32 MiB of chunks and collects only when the reserve is full, so the chunk peak measures garbage between collections, not need; the live figure is what the scenario keeps, with the host precompute window 8)');
console.log('(XS units are xsnap meter counts: comparable run to run, not CPU instructions.)');
