// The group: NIST P-256 (GB smart meters carry P-256 hardware). G is the
// standard base point; H comes from RFC 9380 hash-to-curve, so log_G(H) is unknown.
import { p256, p256_hasher } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, utf8Encode, toHex } from './bytes.js';
import { fail } from './errors.js';
import { TAG, framedTag } from './tags.js';

export const Point = p256.Point;
export type Point = InstanceType<typeof p256.Point>;
export const ORDER: bigint = p256.Point.Fn.ORDER;
export const POINT_BYTES = 65;
export const SCALAR_BYTES = 32;

export const G: Point = Point.BASE;

let generatorH: Point | undefined;
/** H = hash_to_curve("pedersen generator H") under the wattproof DST; computed once. */
export function H(): Point {
  if (generatorH === undefined) {
    const h = p256_hasher.hashToCurve(utf8Encode(TAG.generatorMsg), { DST: utf8Encode(TAG.generatorDst) });
    generatorH = Point.fromAffine(h.toAffine());
    generatorH.precompute(8, false);
  }
  return generatorH;
}

/** SHA-256 over a framed domain tag followed by the data. */
export function taggedHash(tag: string, ...data: Uint8Array[]): Uint8Array {
  return sha256(concat(framedTag(tag), ...data));
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

export function pointHex(p: Point): string { return toHex(encodePoint(p)); }
