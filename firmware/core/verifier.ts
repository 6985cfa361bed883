// The supplier's check of a statement file. Never throws: hostile input gets
// { valid: false, reason, detail } with a reason from VERIFY_REASONS.
import { equalBytes, toHex } from './bytes.js';
import { type CertifiedRun, chainBreak, verifyCertificateSignature, ZERO_HASH } from './certificate.js';
import { CertifiedRegisters } from './chain.js';
import { DocumentKind, type SignedDocument, documentJson, verifyDocumentSignature } from './document.js';
import { WattproofError } from './errors.js';
import { inScalarRange, openingPoint, telescopedSum } from './linear.js';
import { type Statement, StatementKind, decodeBundle } from './statement.js';
import { type Tariff, parseTariff } from './tariff.js';
import { type ValueOfEnergy, parseValueOfEnergy } from './value-of-energy.js';
import { publicParts, statementAmount } from './weights.js';

export const VERIFY_REASONS = Object.freeze([
  'malformed', 'wrong-meter', 'chain-broken', 'chain-continuity', 'certificate-binding', 'certificate-signature',
  'range-not-covered', 'document-missing', 'document-kind', 'no-trust-anchor', 'document-signature',
  'document-hash', 'document-invalid', 'input-not-applicable', 'bill-not-whole-days', 'standing-charge',
  'amount', 'equation',
] as const);
export type VerifyReason = (typeof VERIFY_REASONS)[number];

export interface TrustAnchors {
  /** The meter's P-256 public key (SEC1, 33 or 65 bytes). */
  meterPublicKey: Uint8Array;
  /** If given, the statement must be about this meter. */
  meterId?: Uint8Array;
  /** Supplier key that signs tariffs. */
  tariffPublicKey?: Uint8Array;
  /** Settlement body key that signs value-of-energy documents. */
  valueOfEnergyPublicKey?: Uint8Array;
  /** Hash of the last certificate already accepted from this meter: the first certificate must chain to it. */
  previousCertHash?: Uint8Array;
}

export interface VerifiedStatement {
  statement: Statement;
  /** Registers whose commitments entered the check (telescoped). */
  pointsUsed: number;
  certificates: number;
}

export type Verdict = ({ valid: true } & VerifiedStatement) | { valid: false; reason: VerifyReason; detail: string };

class Reject extends Error {
  constructor(readonly reason: VerifyReason, readonly detail: string) { super(detail); }
}
const reject = (reason: VerifyReason, detail: string): never => { throw new Reject(reason, detail); };

/**
 * Remembers input documents whose signature has been checked and whose body
 * has been parsed, keyed by (hash, signature, key): a supplier verifying many
 * meters' bills against one tariff checks and parses it once. Bounded (LRU).
 */
export class DocumentCache {
  private readonly entries = new Map<string, Tariff | ValueOfEnergy>();
  constructor(readonly maxEntries = 64) {}
  get(key: string): Tariff | ValueOfEnergy | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) { this.entries.delete(key); this.entries.set(key, v); }
    return v;
  }
  set(key: string, v: Tariff | ValueOfEnergy): void {
    this.entries.set(key, v);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export function verifyStatementFile(bytes: Uint8Array, trust: TrustAnchors, cache?: DocumentCache): Verdict {
  return guarded(() => {
    const x = examine(bytes, trust, cache);
    if (!verifyCertificateSignature(x.head, x.headSignature, trust.meterPublicKey)) return rejectSignature(x);
    return { valid: true, statement: x.statement, pointsUsed: x.pointsUsed, certificates: x.certificates };
  });
}

/** A statement that passed every check but the head signature. */
export interface Examined extends VerifiedStatement {
  head: CertifiedRun;
  headSignature: Uint8Array;
}

export function rejectSignature(x: Examined): Verdict {
  return { valid: false, reason: 'certificate-signature', detail: `certificate ${x.head.seq} is not signed by the meter key` };
}

/** Runs f, turning every failure into a named verdict. */
export function guarded(f: () => Verdict): Verdict {
  try {
    return f();
  } catch (e) {
    if (e instanceof Reject) return { valid: false, reason: e.reason, detail: e.detail };
    if (e instanceof WattproofError) {
      const reason: VerifyReason = e.code === 'range-not-covered' ? 'range-not-covered'
        : e.code === 'bill-not-whole-days' ? 'bill-not-whole-days'
        : e.code === 'tariff-not-valid' || e.code === 'price-not-available' ? 'input-not-applicable' : 'malformed';
      return { valid: false, reason, detail: e.message };
    }
    return { valid: false, reason: 'malformed', detail: `unexpected error: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** Every check except the head signature, which callers verify singly or in a batch. */
export function examine(bytes: Uint8Array, trust: TrustAnchors, cache: DocumentCache | undefined): Examined {
  if (!(bytes instanceof Uint8Array)) reject('malformed', 'statement file must be bytes');
  const { statement: s, certificates: certs, headSignature, document } = decodeBundle(bytes);
  if (trust.meterId && !equalBytes(trust.meterId, s.meterId)) reject('wrong-meter', `statement is for meter ${toHex(s.meterId)}, expected ${toHex(trust.meterId)}`);
  certs.forEach((c, i) => { if (!equalBytes(c.meterId, s.meterId)) reject('wrong-meter', `certificates[${i}] is from meter ${toHex(c.meterId)}`); });
  for (let i = 1; i < certs.length; i++) {
    const why = chainBreak(certs[i - 1]!, certs[i]!);
    if (why) reject('chain-broken', why);
  }
  const first = certs[0]!, head = certs[certs.length - 1]!;
  if (trust.previousCertHash && !equalBytes(first.prevHash, trust.previousCertHash)
      && !equalBytes(first.hash, trust.previousCertHash))
    reject('chain-continuity', `certificate ${first.seq} does not continue the last accepted certificate ${toHex(trust.previousCertHash)}`);
  if (s.firstCertSeq !== first.seq || s.lastCertSeq !== head.seq || !equalBytes(s.headCertHash, head.hash))
    reject('certificate-binding', 'statement names other certificates than those enclosed');
  const registers = new CertifiedRegisters(certs);
  const lastPeriod = s.fromPeriod + s.count - 1;
  if (!registers.covers(s.fromPeriod - 1) || !registers.covers(lastPeriod))
    reject('range-not-covered', `certificates hold registers ${registers.firstPeriod}..${registers.lastPeriod}, statement needs ${s.fromPeriod - 1}..${lastPeriod}`);
  if (first.firstPeriod + first.count - 1 < s.fromPeriod - 1)
    reject('range-not-covered', 'enclosed certificates start before the statement needs');

  const { weights, standingCharge: standing } = publicParts(inputDocument(s, document, trust, cache), s.fromPeriod, s.count);
  if (s.standingCharge !== standing) reject('standing-charge', s.kind === StatementKind.bill ? `standing charge is ${standing} mp, statement says ${s.standingCharge}` : 'only bills carry a standing charge');
  const expectedAmount = statementAmount(s.kind, s.result, standing);
  if (s.amount !== expectedAmount) reject('amount', `amount should be ${expectedAmount}, statement says ${s.amount}`);
  if (!inScalarRange(s.R)) reject('malformed', 'R is not below the group order');

  const { sum, points } = telescopedSum((p) => registers.register(p), s.fromPeriod, s.count, weights);
  if (!sum.equals(openingPoint(s.result, s.R))) reject('equation', 'the committed readings do not open to this result');
  // The chain of hashes makes the head's signature cover every enclosed certificate.
  return { statement: s, pointsUsed: points, certificates: certs.length, head, headSignature };
}

function inputDocument(s: Statement, document: SignedDocument | undefined, trust: TrustAnchors, cache: DocumentCache | undefined): Tariff | ValueOfEnergy | undefined {
  if (s.kind === StatementKind.total) {
    if (document) reject('document-kind', 'a total takes no input document');
    if (!equalBytes(s.inputHash, ZERO_HASH)) reject('document-hash', 'a total has an all-zero input hash');
    return undefined;
  }
  const isBill = s.kind === StatementKind.bill;
  if (!document) return reject('document-missing', `a ${isBill ? 'bill needs its tariff' : 'settlement needs its value-of-energy document'}`);
  const wanted = isBill ? DocumentKind.tariff : DocumentKind.valueOfEnergy;
  if (document.kind !== wanted) reject('document-kind', `a ${isBill ? 'bill' : 'settlement'} needs a ${isBill ? 'tariff' : 'value-of-energy'} document`);
  const key = isBill ? trust.tariffPublicKey : trust.valueOfEnergyPublicKey;
  if (!key) return reject('no-trust-anchor', `no ${isBill ? 'supplier tariff' : 'value-of-energy'} key configured`);
  if (!equalBytes(document.hash, s.inputHash)) reject('document-hash', 'statement names another input document');
  const cacheKey = `${document.kind}:${toHex(document.hash)}:${toHex(document.signature)}:${toHex(key)}`;
  const cached = cache?.get(cacheKey);
  if (cached !== undefined) return cached;
  if (!verifyDocumentSignature(document, key)) reject('document-signature', `the ${isBill ? 'tariff' : 'value-of-energy document'} signature does not verify`);
  let parsed: Tariff | ValueOfEnergy;
  try {
    const json = documentJson(document);
    parsed = isBill ? parseTariff(json) : parseValueOfEnergy(json);
  } catch (e) {
    return reject('document-invalid', (e as Error).message);
  }
  cache?.set(cacheKey, parsed);
  return parsed;
}
