// Linear computations over certified readings. For public integer weights w_p:
//   y = sum w_p * c_p          (c_p = E_p - E_{p-1}, the reading of period p)
//   R = sum w_p * r_p mod n    (r_p = rho_p - rho_{p-1})
// and the check sum w_p * (K_p - K_{p-1}) = y*G + R*H. Telescoped, only the
// registers where the weight changes appear:
//   -w_from * K_{from-1} + sum_{p<last} (w_p - w_{p+1}) * K_p + w_last * K_last
// so a month of a three-band tariff touches ~4 registers a day, not 48.
import { pippenger } from '@noble/curves/abstract/curve.js';
import { G, H, ORDER, Point, decodePoint, modN, mulPublic, type Point as P } from './group.js';
import type { Weights } from './weights.js';

/**
 * y and R telescoped like the verifier's check: registers and openings are
 * needed only where the weight changes, so a time-of-use month costs ~107
 * opening derivations instead of 1,488. Periods are visited in ascending order.
 */
export function telescopedOpening(weights: Weights, from: number, count: number, register: (p: number) => bigint, opening: (p: number) => bigint): { y: bigint; R: bigint } {
  let y = 0n, r = 0n;
  forEachTelescopedTerm(weights, from, count, (coefficient, p) => {
    y += coefficient * register(p);
    r = modN(r + coefficient * opening(p));
  });
  return { y, R: r };
}

/**
 * The non-zero terms of sum w_p * (X_p - X_{p-1}) rewritten as
 * -w_from * X_{from-1} + sum (w_p - w_{p+1}) * X_p + w_last * X_last,
 * in ascending period order: (coefficient, period of X).
 */
function forEachTelescopedTerm(weights: Weights, from: number, count: number, term: (coefficient: bigint, period: number) => void): void {
  let prev = 0n;
  const emit = (coefficient: bigint, period: number) => { if (coefficient !== 0n) term(coefficient, period); };
  weights(from, count, (start, _end, w) => { emit(prev - w, start - 1); prev = w; });
  emit(prev, from + count - 1);
}

/**
 * sum w_p * (K_p - K_{p-1}) over [from, from + count), telescoped: one term per
 * weight change. Points with equal |coefficient| are added first, so a tariff
 * with a few price steps costs a few multiplications; many distinct
 * coefficients (per-period settlement prices) go to a Pippenger MSM.
 */
export function telescopedSum(registerBytes: (period: number) => Uint8Array, from: number, count: number, weights: Weights): { sum: P; points: number } {
  const groups = new Map<bigint, P>();
  let points = 0;
  forEachTelescopedTerm(weights, from, count, (coefficient, period) => {
    const point = decodePoint(registerBytes(period), `register[${period}]`);
    points++;
    const key = coefficient < 0n ? -coefficient : coefficient;
    const signed = coefficient < 0n ? point.negate() : point;
    const g = groups.get(key);
    groups.set(key, g === undefined ? signed : g.add(signed));
  });
  const keys = [...groups.keys()];
  const sum = groups.size > MAX_SHARED_DOUBLING || keys.some((k) => k >= 1n << 32n)
    ? pippenger(Point, [...groups.values()], keys)
    : sharedDoublingSum([...groups.values()], keys.map(Number));
  return { sum, points };
}
const MAX_SHARED_DOUBLING = 24;

/**
 * sum k_j * P_j for a few public coefficients below 2^32 (price steps): one
 * doubling chain shared by all points (Straus), so m coefficients of b bits
 * cost b doublings and about m*b/2 additions instead of m separate
 * multiplications. Variable-time: verification only.
 */
function sharedDoublingSum(points: P[], coefficients: number[]): P {
  let bits = 0;
  for (const k of coefficients) bits = Math.max(bits, 32 - Math.clz32(k));
  let acc = Point.ZERO;
  for (let b = bits - 1; b >= 0; b--) {
    acc = acc.double();
    for (let j = 0; j < points.length; j++) if ((coefficients[j]! >>> b) & 1) acc = acc.add(points[j]!);
  }
  return acc;
}

/** y*G + R*H with public y and R (verification side). */
export function openingPoint(y: bigint, R: bigint): P {
  return mulPublic(G, y).add(mulPublic(H(), R));
}

export function inScalarRange(R: bigint): boolean { return R >= 0n && R < ORDER; }
