// Certificates: the meter's signature over a run of register commitments.
// Body layout (big-endian), docs/protocol.md §5:
//   version u8 | meterId 8 | seq u32 | firstPeriod u32 | count u16 | prevHash 32
//   | startRegister 65 (K_{firstPeriod-1}) | count x 65 (K_firstPeriod ..)
// Wire form: body || signature over certHash = H_tag(certificate, body): ECDSA
// P-256, RFC 6979 nonce, low-S, in the 65-byte recoverable form recovery || r || s
// (the recovery id lets suppliers batch-verify). prevHash chains certHashes.
import { p256 } from '@noble/curves/nist.js';
import { Reader, concat, equalBytes, u16, u32, u8 } from './bytes.js';
import { fail } from './errors.js';
import { POINT_BYTES, taggedHash } from './group.js';
import { METER_ID_BYTES, checkMeterId, checkPeriod } from './ids.js';
import { PROTOCOL_VERSION, TAG } from './tags.js';

export const HASH_BYTES = 32;
export const SIGNATURE_BYTES = 65;
export const CERT_HEADER_BYTES = 1 + METER_ID_BYTES + 4 + 4 + 2 + HASH_BYTES + POINT_BYTES;
export const MAX_CERT_PERIODS = 1536;
export const ZERO_HASH: Uint8Array = new Uint8Array(HASH_BYTES);

export interface CertificateFields {
  meterId: Uint8Array;
  seq: number;
  firstPeriod: number;
  prevHash: Uint8Array;
  /** Encoded K_{firstPeriod-1}. */
  startRegister: Uint8Array;
  /** Encoded K_firstPeriod .. K_{firstPeriod+count-1}. */
  registers: Uint8Array[];
}

/** A certificate body: the chained, hashed part. */
export interface CertifiedRun extends CertificateFields {
  count: number;
  body: Uint8Array;
  /** H_tag(certificate, body): what the signature covers and what the next certificate chains to. */
  hash: Uint8Array;
}

export interface Certificate extends CertifiedRun {
  signature: Uint8Array;
  /** The wire bytes: body || signature. */
  bytes: Uint8Array;
}

function checkFields(f: CertificateFields): void {
  checkMeterId(f.meterId);
  if (!Number.isInteger(f.seq) || f.seq < 0 || f.seq > 0xffffffff) fail('bad-seq', 'sequence number must be a u32', 'seq');
  checkPeriod(f.firstPeriod, 'firstPeriod');
  if (f.firstPeriod === 0) fail('bad-period', 'period 0 has no preceding register', 'firstPeriod');
  const count = f.registers.length;
  if (count < 1 || count > MAX_CERT_PERIODS) fail('bad-count', `a certificate covers 1..${MAX_CERT_PERIODS} periods, got ${count}`, 'count');
  if (f.firstPeriod + count - 1 > 0xffffffff) fail('bad-period', 'certificate runs past period 2^32-1', 'count');
  if (f.prevHash.length !== HASH_BYTES) fail('bad-hash', 'previous hash must be 32 bytes', 'prevHash');
  if (f.seq === 0 && !equalBytes(f.prevHash, ZERO_HASH)) fail('bad-hash', 'the first certificate (seq 0) chains to 32 zero bytes', 'prevHash');
  if (f.startRegister.length !== POINT_BYTES) fail('bad-point', 'register commitment must be 65 bytes', 'startRegister');
  f.registers.forEach((r, i) => { if (r.length !== POINT_BYTES) fail('bad-point', 'register commitment must be 65 bytes', `registers[${i}]`); });
}

export function encodeCertificateBody(f: CertificateFields): Uint8Array {
  checkFields(f);
  return concat(u8(PROTOCOL_VERSION), f.meterId, u32(f.seq), u32(f.firstPeriod), u16(f.registers.length),
    f.prevHash, f.startRegister, ...f.registers);
}

export function certificateHash(body: Uint8Array): Uint8Array {
  return taggedHash(TAG.certificate, body);
}

/** Signs with the meter key; RFC 6979 deterministic nonce (noble's default, no extra entropy). */
export function signCertificate(f: CertificateFields, meterSecretKey: Uint8Array): Certificate {
  const body = encodeCertificateBody(f);
  const hash = certificateHash(body);
  const signature = p256.sign(hash, meterSecretKey, { prehash: false, lowS: true, extraEntropy: false, format: 'recovered' });
  return { ...f, registers: f.registers.slice(), count: f.registers.length, body, signature, hash, bytes: concat(body, signature) };
}

/** Parses one certificate body from r; checks structure. */
export function readCertificateBody(r: Reader): CertifiedRun {
  const start = r.offset;
  const version = r.u8('version');
  if (version !== PROTOCOL_VERSION) fail('bad-version', `unsupported certificate version ${version}`, 'version');
  const meterId = r.bytes(METER_ID_BYTES, 'meterId');
  const seq = r.u32('seq');
  const firstPeriod = r.u32('firstPeriod');
  const count = r.u16('count');
  const prevHash = r.bytes(HASH_BYTES, 'prevHash');
  const startRegister = r.bytes(POINT_BYTES, 'startRegister');
  if (count < 1 || count > MAX_CERT_PERIODS) fail('bad-count', `a certificate covers 1..${MAX_CERT_PERIODS} periods, got ${count}`, 'count');
  const registers: Uint8Array[] = [];
  for (let i = 0; i < count; i++) registers.push(r.bytes(POINT_BYTES, `registers[${i}]`));
  const f: CertificateFields = { meterId, seq, firstPeriod, prevHash, startRegister, registers };
  checkFields(f);
  const body = r.span(start, r.offset);
  return { ...f, count, body, hash: certificateHash(body) };
}

/** Parses one certificate (body and signature) from r; checks structure, not the signature. */
export function readCertificate(r: Reader): Certificate {
  const start = r.offset;
  const run = readCertificateBody(r);
  const signature = r.bytes(SIGNATURE_BYTES, 'signature');
  return { ...run, signature, bytes: r.span(start, r.offset) };
}

export function decodeCertificate(bytes: Uint8Array): Certificate {
  const r = new Reader(bytes, 'certificate');
  const c = readCertificate(r);
  r.end();
  return c;
}

/** Recovers the signer from the recoverable signature and compares it with the meter key. */
export function verifyCertificateSignature(c: CertifiedRun, signature: Uint8Array, meterPublicKey: Uint8Array): boolean {
  try {
    if (signature.length !== SIGNATURE_BYTES) return false;
    const sig = p256.Signature.fromBytes(signature, 'recovered');
    if (sig.hasHighS()) return false;
    return sig.recoverPublicKey(c.hash).equals(p256.Point.fromBytes(meterPublicKey));
  } catch {
    return false;
  }
}

/** Continuity of two consecutive certificates of one meter; returns a reason or null. */
export function chainBreak(prev: CertifiedRun, next: CertifiedRun): string | null {
  if (!equalBytes(prev.meterId, next.meterId)) return 'certificates of different meters';
  if (next.seq !== prev.seq + 1) return `sequence ${prev.seq} followed by ${next.seq}`;
  if (!equalBytes(next.prevHash, prev.hash)) return `certificate ${next.seq} does not chain to certificate ${prev.seq}`;
  if (next.firstPeriod !== prev.firstPeriod + prev.count) return `certificate ${next.seq} starts at period ${next.firstPeriod}, expected ${prev.firstPeriod + prev.count}`;
  if (!equalBytes(next.startRegister, prev.registers[prev.count - 1]!)) return `certificate ${next.seq} start register differs from the end of certificate ${prev.seq}`;
  return null;
}
