// The group: NIST P-256 (GB smart meters carry P-256 hardware). G is the
// standard base point; H comes from RFC 9380 hash-to-curve, so log_G(H) is unknown.
import { p256, p256_hasher } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from './bytes.js';
import { fail } from './errors.js';
import { TAG, framedTag } from './tags.js';

export const Point = p256.Point;
export type Point = InstanceType<typeof p256.Point>;
export const ORDER: bigint = p256.Point.Fn.ORDER;
export const POINT_BYTES = 65;
export const SCALAR_BYTES = 32;

export const G: Point = Point.BASE;

let generatorH: Point | undefined;
let precomputeWindow = 8;
/** H = hash_to_curve("pedersen generator H") under the wattproof DST; computed once. */
export function H(): Point {
  if (generatorH === undefined) {
    const h = p256_hasher.hashToCurve(utf8Encode(TAG.generatorMsg), { DST: utf8Encode(TAG.generatorDst) });
    generatorH = Point.fromAffine(h.toAffine());
    generatorH.precompute(precomputeWindow, false);
  }
  return generatorH;
}

/**
 * Window of the fixed-base tables for G and H: 2^(w-1) * (256/w + 1) points
 * each. 8 (the default) suits hosts; a meter with ~256 KB of RAM uses 4.
 */
export function setPrecomputeWindow(bits: number): void {
  if (!Number.isInteger(bits) || bits < 2 || bits > 16) fail('bad-window', 'precompute window must be 2..16 bits');
  precomputeWindow = bits;
  G.precompute(bits, false);
  if (generatorH !== undefined) generatorH.precompute(bits, false);
}

const framedTags = new Map<string, Uint8Array>();
/** SHA-256 over a framed domain tag followed by the data. */
export function taggedHash(tag: string, ...data: Uint8Array[]): Uint8Array {
  let framed = framedTags.get(tag);
  if (framed === undefined) { framed = framedTag(tag); framedTags.set(tag, framed); }
  const h = sha256.create().update(framed);
  for (const d of data) h.update(d);
  return h.digest();
}

/** SEC1 uncompressed encoding (0x04 || x || y): decoding needs no square root. */
export function encodePoint(p: Point): Uint8Array {
  if (p.equals(Point.ZERO)) fail('identity-point', 'the point at infinity has no encoding');
  return p.toBytes(false);
}

export function decodePoint(b: Uint8Array, field: string): Point {
  if (b.length !== POINT_BYTES || b[0] !== 4) fail('bad-point', 'expected a 65-byte SEC1 uncompressed point', field);
  try {
    return Point.fromBytes(b);
  } catch {
    return fail('bad-point', 'not a point on P-256', field);
  }
}

export function modN(v: bigint): bigint {
  const r = v % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** Multiplication by a public or secret scalar that may be zero or negative. */
export function mul(p: Point, k: bigint): Point {
  const s = modN(k);
  return s === 0n ? Point.ZERO : p.multiply(s);
}

/** Variable-time multiplication: only for public scalars (verification). */
export function mulPublic(p: Point, k: bigint): Point {
  const s = modN(k);
  return s === 0n ? Point.ZERO : p.multiplyUnsafe(s);
}

/**
 * c*G for readings c < 2^20 with five additions from a 5 x 16 table of
 * d * 16^j * G. Every call adds exactly five table entries (the complete
 * addition formulas treat the zero entries like any other point), so the work
 * does not depend on c. The meter keeps E*G and adds each period's c*G to it,
 * leaving one full multiplication (rho*H, prepared in idle time) per reading.
 */
export const SMALL_READING_BITS = 20;
let smallTable: Point[] | undefined;
export function mulGSmall(c: number): Point {
  if (!Number.isInteger(c) || c < 0 || c >= 2 ** SMALL_READING_BITS) fail('out-of-range', `small multiple must be in [0, 2^${SMALL_READING_BITS})`);
  if (smallTable === undefined) {
    const t: Point[] = [];
    let base = G;
    for (let j = 0; j < SMALL_READING_BITS / 4; j++) {
      let acc = Point.ZERO;
      for (let d = 0; d < 16; d++) { t.push(acc); acc = acc.add(base); }
      base = acc; // 16^(j+1) * G
    }
    smallTable = t;
  }
  let sum = Point.ZERO;
  for (let j = 0; j < SMALL_READING_BITS / 4; j++) sum = sum.add(smallTable[j * 16 + ((c >>> (4 * j)) & 15)]!);
  return sum;
}
