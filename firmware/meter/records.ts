// Records of the meter's log (docs/formats.md §2). Commitments are not stored:
// they are recomputed from the register and the derived opening when needed.
import { Reader, concat, u16, u32, u64, u8 } from '../core/bytes.js';
import { HASH_BYTES, SIGNATURE_BYTES } from '../core/certificate.js';
import { fail } from '../core/errors.js';
import { STATEMENT_BYTES } from '../core/statement.js';

export const RecordType = Object.freeze({
  genesis: 1, // the register before the first certified period
  period: 2, // a certified period's register
  certificate: 3, // a closed certificate: where, its hash, its signature
  document: 4, // a fragment of an accepted tariff or value-of-energy envelope
  statement: 5, // an issued statement (billing done for that range), its 146 bytes
} as const);

export interface GenesisRecord { firstPeriod: number; register: bigint }
export interface PeriodRecord { period: number; register: bigint }
export interface CertificateRecord { seq: number; firstPeriod: number; count: number; hash: Uint8Array; signature: Uint8Array }
export interface StatementRecord { kind: number; fromPeriod: number; count: number; statement: Uint8Array }

export const encodeGenesis = (g: GenesisRecord) => concat(u32(g.firstPeriod), u64(g.register));
export const encodePeriod = (r: PeriodRecord) => concat(u32(r.period), u64(r.register));
export const encodeCertificateRecord = (c: CertificateRecord) => concat(u32(c.seq), u32(c.firstPeriod), u16(c.count), c.hash, c.signature);
export const encodeStatementRecord = (s: StatementRecord) => concat(u8(s.kind), u32(s.fromPeriod), u32(s.count), s.statement);

function reader(p: Uint8Array, what: string): Reader { return new Reader(p, what); }

export function decodeGenesis(p: Uint8Array): GenesisRecord {
  const r = reader(p, 'genesis record');
  const g = { firstPeriod: r.u32('firstPeriod'), register: r.u64('register') };
  r.end();
  return g;
}
export function decodePeriod(p: Uint8Array): PeriodRecord {
  const r = reader(p, 'period record');
  const v = { period: r.u32('period'), register: r.u64('register') };
  r.end();
  return v;
}
export function decodeCertificateRecord(p: Uint8Array): CertificateRecord {
  const r = reader(p, 'certificate record');
  const v = { seq: r.u32('seq'), firstPeriod: r.u32('firstPeriod'), count: r.u16('count'), hash: r.bytes(HASH_BYTES, 'hash').slice(), signature: r.bytes(SIGNATURE_BYTES, 'signature').slice() };
  r.end();
  return v;
}
export function decodeStatementRecord(p: Uint8Array): StatementRecord {
  const r = reader(p, 'statement record');
  const v = { kind: r.u8('kind'), fromPeriod: r.u32('fromPeriod'), count: r.u32('count'), statement: r.bytes(STATEMENT_BYTES, 'statement').slice() };
  r.end();
  if (v.kind < 1 || v.kind > 3) fail('bad-record', `unknown statement kind ${v.kind}`);
  return v;
}

/** Documents larger than a sector are stored as fragments: docHash[0..8] | index u16 | total u16 | bytes. */
export interface DocumentFragment { id: Uint8Array; index: number; total: number; bytes: Uint8Array }
export const encodeFragment = (f: DocumentFragment) => concat(f.id, u16(f.index), u16(f.total), f.bytes);
export function decodeFragment(p: Uint8Array): DocumentFragment {
  const r = reader(p, 'document fragment');
  const id = r.bytes(8, 'id').slice(), index = r.u16('index'), total = r.u16('total');
  if (total < 1 || index >= total) fail('bad-record', `fragment ${index} of ${total}`);
  return { id, index, total, bytes: r.bytes(r.remaining, 'bytes').slice() };
}
