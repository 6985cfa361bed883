// Identifiers. A meter is named by its 8-byte EUI-64 device id (as GB SMETS2
// meters are). A settlement period is a UTC half-hour: period p covers
// [p*1800, (p+1)*1800) seconds after 1970-01-01T00:00Z, stored as u32.
import { fail } from './errors.js';

export const METER_ID_BYTES = 8;
export const PERIOD_SECONDS = 1800;
export const PERIODS_PER_UTC_DAY = 48;
export const MAX_PERIOD = 0xffffffff;
/** Register values stay below 2^48 Wh (281 TWh): sums of weighted readings cannot wrap. */
export const MAX_REGISTER_WH = (1n << 48n) - 1n;

export function checkMeterId(id: Uint8Array, field = 'meterId'): Uint8Array {
  if (!(id instanceof Uint8Array) || id.length !== METER_ID_BYTES) fail('bad-meter-id', `meter id must be ${METER_ID_BYTES} bytes`, field);
  return id;
}

export function checkPeriod(p: number, field: string): number {
  if (!Number.isInteger(p) || p < 0 || p > MAX_PERIOD) fail('bad-period', `period index must be an integer in [0, 2^32-1], got ${p}`, field);
  return p;
}

export function checkRegister(e: bigint, field: string): bigint {
  if (typeof e !== 'bigint' || e < 0n || e > MAX_REGISTER_WH) fail('bad-register', 'register must be an integer in [0, 2^48) Wh', field);
  return e;
}
