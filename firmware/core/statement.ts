// Statements: a result computed from certified readings, with its proof R.
// Layout (146 bytes, big-endian), docs/protocol.md §8:
//   version u8 | kind u8 | meterId 8 | fromPeriod u32 | count u32 | inputHash 32
//   | result i64 | standingCharge i64 | amount i64 | R 32
//   | firstCertSeq u32 | lastCertSeq u32 | headCertHash 32
// A statement file (bundle) is: magic "WPS1" | statement | certCount u16 |
//   certificate bodies | head signature 64 | documentFlag u8 | [signed document]
// Only the head (last) certificate's signature travels: the hash chain makes it
// cover every body, and an unverified byte would be a byte one could alter.
import { Reader, bigIntToBytes, bytesToBigInt, concat, i64, u16, u32, u8 } from './bytes.js';
import { type Certificate, type CertifiedRun, HASH_BYTES, SIGNATURE_BYTES, readCertificateBody } from './certificate.js';
import { type SignedDocument, readDocument } from './document.js';
import { WattproofError, fail } from './errors.js';
import { SCALAR_BYTES, taggedHash } from './group.js';
import { METER_ID_BYTES, checkMeterId, checkPeriod } from './ids.js';
import { PROTOCOL_VERSION, TAG } from './tags.js';

export const StatementKind = Object.freeze({ bill: 1, settlement: 2, total: 3 } as const);
export type StatementKind = (typeof StatementKind)[keyof typeof StatementKind];
export const STATEMENT_KIND_NAMES: Readonly<Record<number, string>> = Object.freeze({ 1: 'bill', 2: 'settlement', 3: 'total' });
export const STATEMENT_BYTES = 1 + 1 + METER_ID_BYTES + 4 + 4 + HASH_BYTES + 8 + 8 + 8 + SCALAR_BYTES + 4 + 4 + HASH_BYTES;
export const BUNDLE_MAGIC = Uint8Array.of(0x57, 0x50, 0x53, 0x31); // "WPS1"
export const MAX_BUNDLE_CERTIFICATES = 800;

export interface Statement {
  kind: StatementKind;
  meterId: Uint8Array;
  fromPeriod: number;
  count: number;
  /** Hash of the tariff (bill) or value-of-energy document (settlement); zeros for totals. */
  inputHash: Uint8Array;
  /** Proven value: µp for bills and settlements, Wh for totals. */
  result: bigint;
  /** Bills: standing charge in mp over the statement's local days; else 0. */
  standingCharge: bigint;
  /** Bills and settlements: pence, rounded half away from zero; totals: Wh. */
  amount: bigint;
  R: bigint;
  firstCertSeq: number;
  lastCertSeq: number;
  headCertHash: Uint8Array;
}

export interface Bundle {
  statement: Statement;
  statementBytes: Uint8Array;
  certificates: CertifiedRun[];
  headSignature: Uint8Array;
  document: SignedDocument | undefined;
}

export function encodeStatement(s: Statement): Uint8Array {
  checkMeterId(s.meterId);
  checkPeriod(s.fromPeriod, 'fromPeriod');
  if (!STATEMENT_KIND_NAMES[s.kind]) fail('bad-kind', `unknown statement kind ${s.kind}`, 'kind');
  if (!Number.isInteger(s.count) || s.count < 1 || s.fromPeriod + s.count - 1 > 0xffffffff) fail('bad-count', 'statement covers at least one period within u32', 'count');
  if (s.inputHash.length !== HASH_BYTES || s.headCertHash.length !== HASH_BYTES) fail('bad-hash', 'hashes are 32 bytes', 'inputHash');
  return concat(u8(PROTOCOL_VERSION), u8(s.kind), s.meterId, u32(s.fromPeriod), u32(s.count), s.inputHash,
    i64(s.result), i64(s.standingCharge), i64(s.amount), bigIntToBytes(s.R, SCALAR_BYTES),
    u32(s.firstCertSeq), u32(s.lastCertSeq), s.headCertHash);
}

export function readStatement(r: Reader): Statement {
  const version = r.u8('statement.version');
  if (version !== PROTOCOL_VERSION) fail('bad-version', `unsupported statement version ${version}`, 'statement.version');
  const kind = r.u8('statement.kind') as StatementKind;
  if (!STATEMENT_KIND_NAMES[kind]) fail('bad-kind', `unknown statement kind ${kind}`, 'statement.kind');
  const meterId = r.bytes(METER_ID_BYTES, 'statement.meterId');
  const fromPeriod = r.u32('statement.fromPeriod');
  const count = r.u32('statement.count');
  if (count < 1 || fromPeriod + count - 1 > 0xffffffff) fail('bad-count', 'statement covers at least one period within u32', 'statement.count');
  if (fromPeriod === 0) fail('bad-period', 'period 0 has no preceding register', 'statement.fromPeriod');
  return {
    kind, meterId, fromPeriod, count,
    inputHash: r.bytes(HASH_BYTES, 'statement.inputHash'),
    result: r.i64('statement.result'),
    standingCharge: r.i64('statement.standingCharge'),
    amount: r.i64('statement.amount'),
    R: bytesToBigInt(r.bytes(SCALAR_BYTES, 'statement.R')),
    firstCertSeq: r.u32('statement.firstCertSeq'),
    lastCertSeq: r.u32('statement.lastCertSeq'),
    headCertHash: r.bytes(HASH_BYTES, 'statement.headCertHash'),
  };
}

export function statementHash(encoded: Uint8Array): Uint8Array {
  return taggedHash(TAG.statement, encoded);
}

/** `headSignature` defaults to the last certificate's own signature. */
export function encodeBundle(s: Statement, certificates: readonly (CertifiedRun | Certificate)[], document: SignedDocument | undefined, headSignature?: Uint8Array): Uint8Array {
  if (certificates.length < 1 || certificates.length > MAX_BUNDLE_CERTIFICATES) fail('bad-count', `a bundle carries 1..${MAX_BUNDLE_CERTIFICATES} certificates`, 'certificates');
  const head = certificates[certificates.length - 1]!;
  const signature = headSignature ?? ('signature' in head ? head.signature : fail('bad-field', 'the head certificate signature is missing', 'headSignature'));
  return concat(BUNDLE_MAGIC, encodeStatement(s), u16(certificates.length), ...certificates.map((c) => c.body),
    signature, u8(document ? 1 : 0), ...(document ? [document.bytes] : []));
}

export function decodeBundle(bytes: Uint8Array): Bundle {
  const r = new Reader(bytes, 'statement file');
  const magic = r.bytes(4, 'magic');
  if (magic.some((b, i) => b !== BUNDLE_MAGIC[i])) fail('bad-magic', 'not a wattproof statement file (expected "WPS1")', 'magic');
  const start = r.offset;
  const statement = readStatement(r);
  const statementBytes = r.span(start, r.offset);
  const n = r.u16('certCount');
  if (n < 1 || n > MAX_BUNDLE_CERTIFICATES) fail('bad-count', `a bundle carries 1..${MAX_BUNDLE_CERTIFICATES} certificates, got ${n}`, 'certCount');
  const certificates: CertifiedRun[] = [];
  for (let i = 0; i < n; i++) {
    try { certificates.push(readCertificateBody(r)); } catch (e) { rethrowWithin(e, `certificates[${i}]`); }
  }
  const headSignature = r.bytes(SIGNATURE_BYTES, 'headSignature');
  const flag = r.u8('documentFlag');
  if (flag > 1) fail('bad-field', 'document flag must be 0 or 1', 'documentFlag');
  const document = flag === 1 ? readDocument(r) : undefined;
  r.end();
  return { statement, statementBytes, certificates, headSignature, document };
}

function rethrowWithin(e: unknown, where: string): never {
  if (e instanceof WattproofError) fail(e.code, e.detail, e.field === undefined ? where : `${where}.${e.field}`);
  throw e;
}

/** Rounds µp to pence, half away from zero. */
export function micropenceToPence(v: bigint): bigint {
  const q = v / 1_000_000n, rem = v % 1_000_000n;
  if (rem >= 500_000n) return q + 1n;
  if (rem <= -500_000n) return q - 1n;
  return q;
}
