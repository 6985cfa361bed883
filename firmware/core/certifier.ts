// The meter's certifying core: turns register readings at period ends into
// commitments and closes them into signed, chained certificates.
import { type Certificate, MAX_CERT_PERIODS, ZERO_HASH, signCertificate } from './certificate.js';
import { openingTerm } from './commitment.js';
import { fail } from './errors.js';
import { G, SMALL_READING_BITS, encodePoint, mul, mulGSmall, type Point } from './group.js';
import { checkMeterId, checkPeriod, checkRegister } from './ids.js';
import { OpeningDeriver } from './opening.js';

export interface CertifierState {
  /** Sequence number of the next certificate. */
  nextSeq: number;
  /** Hash of the last certificate (zeros before the first). */
  prevHash: Uint8Array;
  /** Last certified period and its encoded commitment (the next certificate's start register). */
  lastPeriod: number;
  lastCommitment: Uint8Array;
  lastRegister: bigint;
}

/** Where a certifier stands: what the meter stores to resume. */
export type ChainPosition = Omit<CertifierState, 'lastCommitment'>;

export interface CertifierKeys {
  meterId: Uint8Array;
  meterSecretKey: Uint8Array;
  meterCustomerKey: Uint8Array;
}

export class Certifier {
  readonly meterId: Uint8Array;
  readonly openings: OpeningDeriver;
  private readonly secretKey: Uint8Array;
  private state: CertifierState;
  private pending: Uint8Array[] = [];
  private pendingStart: Uint8Array;
  private prepared: { period: number; term: Point } | undefined;
  /** E_last * G, kept so each period adds only c*G. */
  private registerTerm: Point;

  /** Starts from a chain position; the commitment of its last register is recomputed (one E*G, one rho*H). */
  private constructor(keys: CertifierKeys, chain: ChainPosition) {
    this.meterId = checkMeterId(keys.meterId);
    this.secretKey = keys.meterSecretKey;
    this.openings = new OpeningDeriver(keys.meterCustomerKey, keys.meterId);
    this.registerTerm = mul(G, checkRegister(chain.lastRegister, 'lastRegister'));
    const lastCommitment = encodePoint(this.registerTerm.add(openingTerm(this.openings.opening(chain.lastPeriod))));
    this.state = { ...chain, lastCommitment };
    this.pendingStart = lastCommitment;
  }

  /** Genesis: the register before the first certified period, committed with rho_{firstPeriod-1}. */
  static genesis(keys: CertifierKeys, firstPeriod: number, initialRegister: bigint): Certifier {
    checkPeriod(firstPeriod, 'firstPeriod');
    if (firstPeriod < 1) fail('bad-period', 'the first certified period must be at least 1', 'firstPeriod');
    return new Certifier(keys, { nextSeq: 0, prevHash: ZERO_HASH, lastPeriod: firstPeriod - 1, lastRegister: initialRegister });
  }

  /**
   * Rebuilds the certifier after a restart from what the meter stored: the
   * chain position, the register that ends the last certificate, and the
   * registers certified since (their commitments are recomputed).
   */
  static resume(keys: CertifierKeys, chain: ChainPosition, pending: readonly { period: number; register: bigint }[]): Certifier {
    const c = new Certifier(keys, chain);
    for (const p of pending) c.certify(p.period, p.register);
    return c;
  }

  get nextPeriod(): number { return this.state.lastPeriod + 1; }
  get pendingCount(): number { return this.pending.length; }
  snapshot(): CertifierState { return { ...this.state }; }

  /** Idle-time work for the next period: rho*H needs no reading. */
  prepare(): void {
    const period = this.nextPeriod;
    if (this.prepared?.period !== period) this.prepared = { period, term: openingTerm(this.openings.opening(period)) };
  }

  /** Certifies the register at the end of the next period; returns K_p encoded. */
  certify(period: number, register: bigint): Uint8Array {
    if (period !== this.nextPeriod) fail('period-order', `expected period ${this.nextPeriod}, got ${period}`, 'period');
    checkRegister(register, 'register');
    if (register < this.state.lastRegister) fail('register-decreased', `register went from ${this.state.lastRegister} to ${register} Wh`, 'register');
    if (this.pending.length >= MAX_CERT_PERIODS) fail('certificate-full', `close the certificate before ${MAX_CERT_PERIODS} periods`);
    this.prepare();
    const reading = register - this.state.lastRegister;
    this.registerTerm = reading < 1n << BigInt(SMALL_READING_BITS) ? this.registerTerm.add(mulGSmall(Number(reading))) : mul(G, register);
    const k = encodePoint(this.registerTerm.add(this.prepared!.term));
    this.prepared = undefined;
    this.pending.push(k);
    this.state.lastPeriod = period;
    this.state.lastRegister = register;
    this.state.lastCommitment = k;
    return k;
  }

  /** Signs the pending commitments as the next certificate of the chain. */
  close(): Certificate {
    if (this.pending.length === 0) fail('nothing-to-certify', 'no period certified since the last certificate');
    const cert = signCertificate({
      meterId: this.meterId,
      seq: this.state.nextSeq,
      firstPeriod: this.state.lastPeriod - this.pending.length + 1,
      prevHash: this.state.prevHash,
      startRegister: this.pendingStart,
      registers: this.pending,
    }, this.secretKey);
    this.state.nextSeq++;
    this.state.prevHash = cert.hash;
    this.pending = [];
    this.pendingStart = this.state.lastCommitment;
    return cert;
  }
}
