// Bare-metal XS on an emulated ARM Cortex-M4F (QEMU mps2-an386): cross-builds
// the XS engine from the sources in @agoric/xsnap with tools/arm/platform
// (startup, linker script, platform glue), links a bundle into the image and
// runs it with -icount shift=0, so the guest's instruction counts repeat
// exactly. Needs the Debian packages in ARM_PACKAGES.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchSources } from '../xs/xsnap.js';

export const ARM_PACKAGES = ['gcc-arm-none-eabi', 'libnewlib-arm-none-eabi', 'qemu-system-arm'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLATFORM = join(ROOT, 'tools', 'arm', 'platform');
const BUILD = join(ROOT, 'node_modules', '.cache', 'wattproof-arm', 'build-Os');

export function armToolsPresent(): boolean {
  return ['arm-none-eabi-gcc', 'qemu-system-arm'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
}

function requireTools(): void {
  if (!armToolsPresent()) throw new Error(`the ARM toolchain or QEMU is missing: apt-get install -y ${ARM_PACKAGES.join(' ')}`);
}

/** Builds the engine objects once (about a minute on two cores); later calls only check make's timestamps. */
export function buildEngine(): void {
  requireTools();
  const pkg = fetchSources();
  mkdirSync(BUILD, { recursive: true });
  execFileSync('make', ['-s', '-C', PLATFORM, `-j${Math.max(1, cpus().length)}`, `BUILD=${BUILD}`, `XSNAP_PKG=${pkg}`, 'lib'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface QemuRun { status: number | null; stdout: string; stderr: string; ms: number; imageBytes: number }

/** Links `bundle` into an image and runs it; exit status is the guest's (see tools/arm/platform/arm_platform.c). */
export function runOnCortexM4(bundle: string, timeoutMs = 1_800_000): QemuRun {
  buildEngine();
  const out = mkdtempSync(join(BUILD, 'run-'));
  try {
    const link = execFileSync('make', ['-s', '-C', PLATFORM, `BUILD=${BUILD}`, `OUT=${out}`, `XSNAP_PKG=${fetchSources()}`, `JS=${bundle}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const size = /\s(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+[0-9a-f]+\s+\S*image\.elf/.exec(link);
    const t = performance.now();
    const r = spawnSync('qemu-system-arm', ['-M', 'mps2-an386', '-nographic', '-monitor', 'none', '-serial', 'none',
      '-semihosting-config', 'enable=on,target=native', '-icount', 'shift=0', '-kernel', join(out, 'image.elf')],
    { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 << 20 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t, imageBytes: size ? Number(size[1]) + Number(size[2]) : -1 };
  } finally {
    if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  }
}
