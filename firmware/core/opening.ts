// Openings: rho_p = the blinding scalar of the register commitment at the end of
// period p. Derived, never drawn: the meter path has no runtime randomness.
//   PRK   = HKDF-Extract(salt = TAG.opening, IKM = meter-customer key)
//   OKM   = HKDF-Expand(PRK, info = TAG.opening || meterId || u32(p), 48)
//   rho_p = (OS2IP(OKM) mod (n - 1)) + 1        (bias < 2^-128)
import { extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { mapHashToField } from '@noble/curves/abstract/modular.js';
import { bytesToBigInt, concat, u32, utf8Encode } from './bytes.js';
import { fail } from './errors.js';
import { ORDER } from './group.js';
import { TAG } from './tags.js';
import { checkMeterId, checkPeriod } from './ids.js';

export const METER_KEY_BYTES = 32;
const OPENING_TAG = utf8Encode(TAG.opening);

const ONE = Uint8Array.of(1), TWO = Uint8Array.of(2);

export class OpeningDeriver {
  private readonly keyed: ReturnType<typeof hmac.create>;
  private readonly infoPrefix: Uint8Array;
  constructor(meterCustomerKey: Uint8Array, meterId: Uint8Array) {
    if (!(meterCustomerKey instanceof Uint8Array) || meterCustomerKey.length !== METER_KEY_BYTES)
      fail('bad-key', `meter-customer key must be ${METER_KEY_BYTES} bytes`, 'meterCustomerKey');
    checkMeterId(meterId);
    // HMAC keyed with the PRK once; each opening clones that state, which saves
    // re-hashing the key pads (two SHA-256 blocks of the ~six an opening costs).
    this.keyed = hmac.create(sha256, extract(sha256, meterCustomerKey, OPENING_TAG));
    this.infoPrefix = concat(OPENING_TAG, meterId);
  }
  /** rho_p, a scalar in [1, n-1]. HKDF-Expand to 48 bytes: T1 = HMAC(PRK, info || 1), T2 = HMAC(PRK, T1 || info || 2). */
  opening(period: number): bigint {
    checkPeriod(period, 'period');
    const info = concat(this.infoPrefix, u32(period));
    const t1 = this.keyed.clone().update(info).update(ONE).digest();
    const t2 = this.keyed.clone().update(t1).update(info).update(TWO).digest();
    return bytesToBigInt(mapHashToField(concat(t1, t2.subarray(0, 16)), ORDER));
  }
}
