// Register look-up over a contiguous run of certificates.
import type { CertifiedRun } from './certificate.js';
import { fail } from './errors.js';

export class CertifiedRegisters {
  private cursor = 0;
  readonly firstPeriod: number; // the earliest register held: K_{first cert's firstPeriod - 1}
  readonly lastPeriod: number;
  constructor(private readonly certs: readonly CertifiedRun[]) {
    this.firstPeriod = certs[0]!.firstPeriod - 1;
    const last = certs[certs.length - 1]!;
    this.lastPeriod = last.firstPeriod + last.count - 1;
  }
  covers(period: number): boolean { return period >= this.firstPeriod && period <= this.lastPeriod; }
  /** Encoded K_period; fastest when called in ascending order. */
  register(period: number): Uint8Array {
    if (!this.covers(period)) fail('range-not-covered', `no certificate holds the register of period ${period}`);
    if (period === this.firstPeriod) return this.certs[0]!.startRegister;
    let c = this.certs[this.cursor]!;
    if (period < c.firstPeriod) { this.cursor = 0; c = this.certs[0]!; }
    while (period >= c.firstPeriod + c.count) c = this.certs[++this.cursor]!;
    return c.registers[period - c.firstPeriod]!;
  }
}

/** Where a certificate sits in the chain: all a prover needs to name it. */
export interface CertificateSummary { seq: number; firstPeriod: number; count: number; hash: Uint8Array }

/** The certificates needed for registers from-1 .. from+count-1, in order. */
export function certificatesCovering<C extends CertificateSummary>(all: readonly C[], fromPeriod: number, count: number): C[] {
  const lo = fromPeriod - 1, hi = fromPeriod + count - 1;
  // A certificate whose last register is K_{from-1} is not needed when its successor starts at
  // `from`: the successor's startRegister is the same commitment.
  const out = all.filter((c) => c.firstPeriod + c.count - 1 >= lo && c.firstPeriod <= hi)
    .filter((c) => !(c.firstPeriod + c.count - 1 === lo && all.some((d) => d.seq === c.seq + 1 && d.firstPeriod === fromPeriod)));
  if (out.length === 0) fail('range-not-covered', `no certificate covers periods ${fromPeriod}..${hi}`);
  return out;
}

