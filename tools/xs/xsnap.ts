// The XS engine on the host: builds `xsnap` from the C sources shipped in the
// npm package @agoric/xsnap (fetched with `npm pack`, integrity pinned, built
// with gcc and make, cached under node_modules/.cache), bundles firmware code
// for it with esbuild, and runs bundles under it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const XSNAP_VERSION = '0.15.0';
const XSNAP_INTEGRITY = 'sha512-ZBm4DZxbtfacxMHVVdJjZi0Y8zOxN77vpu1WwI5RWfPkaRh0aHkz/dVdTGKXalDNzWfz183lljKxlxl3/h0n+A==';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'wattproof-xsnap', XSNAP_VERSION);

/** release: the engine as shipped; report: the same with mxReport, which prints heap peaks after gc(). */
export type XsnapVariant = 'release' | 'report';

function log(message: string): void { process.stderr.write(`[xsnap] ${message}\n`); }

/** The untarred @agoric/xsnap package (XS C sources), fetched once. */
export function fetchSources(): string {
  const src = join(CACHE, 'package');
  if (existsSync(join(src, 'moddable', 'xs', 'sources'))) return src;
  mkdirSync(CACHE, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'wattproof-xsnap-'));
  log(`fetching @agoric/xsnap@${XSNAP_VERSION} (XS C sources) from the npm registry`);
  execFileSync('npm', ['pack', `@agoric/xsnap@${XSNAP_VERSION}`, '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = join(tmp, `agoric-xsnap-${XSNAP_VERSION}.tgz`);
  const digest = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (digest !== XSNAP_INTEGRITY) throw new Error(`@agoric/xsnap tarball integrity mismatch: got ${digest}`);
  execFileSync('tar', ['xzf', tgz, '-C', tmp]);
  rmSync(src, { recursive: true, force: true });
  renameSync(join(tmp, 'package'), src);
  rmSync(tmp, { recursive: true, force: true });
  return src;
}

/** Path of the xsnap binary, building it on first use (about a minute on two cores). */
export function ensureXsnap(variant: XsnapVariant = 'release'): string {
  const bin = join(CACHE, variant, 'xsnap');
  if (existsSync(bin)) return bin;
  const src = fetchSources();
  const started = Date.now();
  log(`building xsnap (${variant}) with gcc and make`);
  const args = ['-s', `-j${Math.max(1, cpus().length)}`, '-C', join(src, 'xsnap-native', 'xsnap', 'makefiles', 'lin'), '-f', 'xsnap.mk', `MODDABLE=${join(src, 'moddable')}`, `GOAL=${variant}`];
  if (variant === 'report') args.push('CC=gcc -DmxReport=1');
  execFileSync('make', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(join(CACHE, variant), { recursive: true });
  copyFileSync(join(src, 'moddable', 'build', 'bin', 'lin', variant, 'xsnap'), `${bin}.part`);
  renameSync(`${bin}.part`, bin);
  log(`built ${bin} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return bin;
}

/**
 * Bundles a TypeScript entry for XS: one IIFE script (module errors are
 * silent in xsnap), target es2020 so that class fields are lowered (this XS
 * predates support for a static initialiser that constructs its own class).
 */
export async function bundleForXs(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry], outfile, bundle: true, format: 'iife', target: 'es2020', platform: 'neutral',
    conditions: ['moddable'], mainFields: ['module', 'main'], logLevel: 'warning', legalComments: 'none',
  });
  return outfile;
}

export interface XsRun { status: number | null; stdout: string; stderr: string; ms: number }

/** Runs script files in one XS machine (shared global), in order. */
export function runXs(files: string[], options: { variant?: XsnapVariant; timeoutMs?: number } = {}): XsRun {
  const bin = ensureXsnap(options.variant ?? 'release');
  const t = performance.now();
  const r = spawnSync(bin, ['-s', ...files], { encoding: 'utf8', timeout: options.timeoutMs ?? 600_000, maxBuffer: 256 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t };
}

/** Runs the same script files under Node, with XS's `print` provided. */
export function runNode(files: string[], timeoutMs = 600_000): XsRun {
  const prelude = join(CACHE, 'node-prelude.cjs');
  if (!existsSync(prelude)) { mkdirSync(CACHE, { recursive: true }); writeFileSync(prelude, 'globalThis.print = (...a) => process.stdout.write(a.map(String).join(" ") + "\\n");\n'); }
  const script = join(CACHE, `node-run-${process.pid}.cjs`);
  writeFileSync(script, files.map((f) => `require(${JSON.stringify(f)});`).join('\n') + '\n');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', prelude, script], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 << 20 });
  rmSync(script, { force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t };
}

/** First difference between two outputs, or undefined when they are byte-identical. */
export function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  const al = a.split('\n'), bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}:\n  node: ${(al[i] ?? '<missing>').slice(0, 200)}\n  xs:   ${(bl[i] ?? '<missing>').slice(0, 200)}`;
  }
  return 'outputs differ in bytes that do not show per line';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureXsnap(process.argv[2] === 'report' ? 'report' : 'release'));
}
