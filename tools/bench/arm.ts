// npm run bench:arm: instruction counts on the emulated Cortex-M4F (QEMU
// mps2-an386, -icount shift=0: exact and repeatable), estimated times at 64 and
// 100 MHz, and the XS heap. Method: docs/benchmarks.md.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runOnCortexM4 } from '../arm/qemu.js';

const CPI = [1.0, 1.4]; // cycles per instruction assumed for a Cortex-M4 (docs/benchmarks.md)
const dir = mkdtempSync(join(tmpdir(), 'wattproof-bench-arm-'));
const bundle = join(dir, 'workload.js');
await build({
  entryPoints: [new URL('./arm-workload.ts', import.meta.url).pathname], outfile: bundle, bundle: true, format: 'iife', target: 'es2020', platform: 'neutral',
  banner: { js: "globalThis.__t0 = typeof instructions === 'function' ? instructions() : 0;" }, logLevel: 'warning',
});
process.stderr.write('running the workload under QEMU (a few minutes)\n');
const run = runOnCortexM4(bundle);
if (run.status !== 0 || !run.stdout.includes('\ndone\n')) throw new Error(`workload failed (${run.status}): ${run.stdout.slice(-1500)}${run.stderr.slice(-1500)}`);
const m = new Map<string, number>();
const heap = new Map<string, number>();
for (const line of run.stdout.split('\n')) {
  const [tag, name, value, extra] = line.split(' ');
  if (tag === 'measure' && name) m.set(name, Number(value));
  if (tag === 'heap' && name && value) heap.set(`${name}.${value}`, Number(extra));
}
const perReadingSign = (m.get('close-certificate') ?? 0) / 48;
const rows: [string, number, string][] = [
  ['boot: create machine + parse bundle + module init', (m.get('boot-create') ?? 0) + (m.get('boot-parse') ?? 0) + (m.get('boot-init') ?? 0), ''],
  ['  of which parsing the bundle (mxParse)', m.get('boot-parse') ?? 0, 'a device preloads bytecode instead'],
  ['fixed-base tables for G and H (window 4), once', m.get('precompute-tables-w4') ?? 0, ''],
  ['certify a reading: total (rho*H, c*G, encode, log append)', (m.get('certify-reading-total') ?? 0) + perReadingSign, 'target <= 25 M; incl. 1/48 of the day\'s signature'],
  ['  at the period boundary (rho*H prepared in idle time)', m.get('certify-reading-boundary') ?? 0, 'target <= 3 M'],
  ['close a day (sign the certificate, log append)', m.get('close-certificate') ?? 0, ''],
  ['in-meter monthly bill, 1,488 periods', m.get('monthly-bill-1488') ?? 0, ''],
  ['in-meter monthly settlement, 1,488 periods', m.get('monthly-settlement-1488') ?? 0, ''],
  ['  bill + settlement', (m.get('monthly-bill-1488') ?? 0) + (m.get('monthly-settlement-1488') ?? 0), 'target <= 150 M'],
  ['  of which one opening (HKDF-SHA-256, 48 bytes)', m.get('opening-derivation') ?? 0, 'x 1,488 per statement'],
  ['verify a signed tariff (ECDSA + parse)', m.get('verify-signed-tariff') ?? 0, ''],
];
const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(1)} k`);
const ms = (n: number, mhz: number) => `${((n * CPI[0]!) / (mhz * 1000)).toFixed(n * CPI[1]! / (mhz * 1000) < 10 ? 1 : 0)}–${((n * CPI[1]!) / (mhz * 1000)).toFixed(n * CPI[1]! / (mhz * 1000) < 10 ? 1 : 0)}`;
console.log('wattproof on an emulated Cortex-M4F (QEMU mps2-an386, XS 13 -Os, -icount shift=0): guest instructions, exact');
console.log(`estimated ms assume ${CPI[0]}–${CPI[1]} cycles per instruction`);
console.log(`${'operation'.padEnd(58)} ${'instructions'.padStart(13)} ${'ms @64 MHz'.padStart(14)} ${'ms @100 MHz'.padStart(14)}  note`);
for (const [name, n, note] of rows) console.log(`${name.padEnd(58)} ${fmt(n).padStart(13)} ${ms(n, 64).padStart(14)} ${ms(n, 100).padStart(14)}  ${note}`);
const kib = (b: number | undefined) => `${((b ?? 0) / 1024).toFixed(0)} KiB`;
const used = (tag: string) => (heap.get(`${tag}.chunkUsed`) ?? 0) + (heap.get(`${tag}.slotUsed`) ?? 0);
console.log(`XS heap after gc(): at boot (parsed code + module state) chunks ${kib(heap.get('boot.chunkUsed'))} + slots ${kib(heap.get('boot.slotUsed'))}; after the workload chunks ${kib(heap.get('end.chunkUsed'))} + slots ${kib(heap.get('end.slotUsed'))}`);
console.log(`  steady-state data beyond the boot image: ${kib(used('end') - used('boot'))} (target <= 256 KiB, with the boot image preloaded into flash); peaks chunks ${kib(heap.get('end.chunkPeak'))}, slots ${kib(heap.get('end.slotPeak'))}; C heap peak incl. the start-up parse ${kib(heap.get('end.mallocPeak'))}`);
console.log(`image ${(run.imageBytes / 1024).toFixed(0)} KiB (engine, newlib, bundle); QEMU wall time ${(run.ms / 1000).toFixed(0)} s`);
