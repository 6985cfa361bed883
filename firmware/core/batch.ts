// Batch verification for suppliers. Each statement is examined alone; the head
// signatures are then checked together with one multi-scalar multiplication:
//   sum_i a_i * (u1_i*G + u2_i*Q_i - R_i) = 0,   u1 = e/s, u2 = r/s (mod n)
// R_i is the signature's nonce point (x = r_i, y parity from the recovery id),
// so this is the ECDSA equation itself, not an x-coordinate test. The a_i are
// 128-bit coefficients hashed from the whole batch: no randomness is needed, and
// a batch is fixed before its coefficients are known. If the sum is not zero,
// every signature is checked alone, so each verdict is exact.
import { pippenger } from '@noble/curves/abstract/curve.js';
import { p256 } from '@noble/curves/nist.js';
import { bigIntToBytes, bytesToBigInt, concat, u32 } from './bytes.js';
import { verifyCertificateSignature } from './certificate.js';
import { G, ORDER, Point, modN, taggedHash, type Point as P } from './group.js';
import { TAG } from './tags.js';
import { type DocumentCache, type Examined, type TrustAnchors, type Verdict, examine, guarded, rejectSignature } from './verifier.js';

interface Pending { index: number; x: Examined; key: Uint8Array }

export function verifyStatementFiles(files: readonly Uint8Array[], trust: TrustAnchors | ((index: number) => TrustAnchors), cache?: DocumentCache): Verdict[] {
  const trustOf = typeof trust === 'function' ? trust : () => trust;
  const verdicts: Verdict[] = new Array(files.length);
  const pending: Pending[] = [];
  files.forEach((bytes, index) => {
    verdicts[index] = guarded(() => {
      const t = trustOf(index);
      const x = examine(bytes, t, cache);
      pending.push({ index, x, key: t.meterPublicKey });
      return { valid: true, statement: x.statement, pointsUsed: x.pointsUsed, certificates: x.certificates };
    });
  });
  if (pending.length === 0) return verdicts;
  if (pending.length === 1 || !batchEquationHolds(pending)) {
    for (const p of pending) {
      if (!verifyCertificateSignature(p.x.head, p.x.headSignature, p.key)) verdicts[p.index] = rejectSignature(p.x);
    }
  }
  return verdicts;
}

function batchEquationHolds(pending: Pending[]): boolean {
  try {
    const seed = taggedHash(TAG.batch, ...pending.map((p) => concat(p.x.head.hash, p.x.headSignature, p.key)));
    let gScalar = 0n;
    const points: P[] = [];
    const scalars: bigint[] = [];
    pending.forEach((p, i) => {
      const sig = p256.Signature.fromBytes(p.x.headSignature, 'recovered');
      if (sig.hasHighS() || sig.recovery === undefined || sig.recovery > 1) throw new Error('not batchable');
      const a = bytesToBigInt(taggedHash(TAG.batch, seed, u32(i)).subarray(0, 16)) | 1n;
      const sInv = Point.Fn.inv(sig.s);
      const e = modN(bytesToBigInt(p.x.head.hash));
      gScalar = modN(gScalar + a * e * sInv);
      points.push(Point.fromBytes(p.key), Point.fromBytes(concat(Uint8Array.of(2 + sig.recovery), bigIntToBytes(sig.r, 32))));
      scalars.push(modN(a * sig.r * sInv), ORDER - a);
    });
    return pippenger(Point, points, scalars).add(G.multiplyUnsafe(gScalar)).equals(Point.ZERO);
  } catch {
    return false; // anything odd: fall back to checking each signature alone
  }
}
