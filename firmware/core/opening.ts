// Openings: rho_p = the blinding scalar of the register commitment at the end of
// period p. Derived, never drawn: the meter path has no runtime randomness.
//   PRK   = HKDF-Extract(salt = TAG.opening, IKM = meter-customer key)
//   OKM   = HKDF-Expand(PRK, info = TAG.opening || meterId || u32(p), 48)
//   rho_p = (OS2IP(OKM) mod (n - 1)) + 1        (bias < 2^-128)
import { extract, expand } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { mapHashToField } from '@noble/curves/abstract/modular.js';
import { bytesToBigInt, concat, u32, utf8Encode } from './bytes.js';
import { fail } from './errors.js';
import { ORDER } from './group.js';
import { TAG } from './tags.js';
import { checkMeterId, checkPeriod } from './ids.js';

export const METER_KEY_BYTES = 32;
const OPENING_TAG = utf8Encode(TAG.opening);

export class OpeningDeriver {
  private readonly prk: Uint8Array;
  private readonly infoPrefix: Uint8Array;
  constructor(meterCustomerKey: Uint8Array, meterId: Uint8Array) {
    if (!(meterCustomerKey instanceof Uint8Array) || meterCustomerKey.length !== METER_KEY_BYTES)
      fail('bad-key', `meter-customer key must be ${METER_KEY_BYTES} bytes`, 'meterCustomerKey');
    checkMeterId(meterId);
    this.prk = extract(sha256, meterCustomerKey, OPENING_TAG);
    this.infoPrefix = concat(OPENING_TAG, meterId);
  }
  /** rho_p, a scalar in [1, n-1]. */
  opening(period: number): bigint {
    checkPeriod(period, 'period');
    const okm = expand(sha256, this.prk, concat(this.infoPrefix, u32(period)), 48);
    return bytesToBigInt(mapHashToField(okm, ORDER));
  }
}
