// Deterministic test worlds: keys from fixed seeds, readings from a seeded PRNG.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { DEFAULT_TARIFF } from '../../host-sim/defaults.js';
import {
  Certifier, DocumentKind, type Certificate, type SignedDocument, signDocument, utf8Encode,
  firstPeriodOfLocalDay, daysFromCivil, PERIODS_PER_UTC_DAY,
} from '../../firmware/core/index.js';

export function keyFromSeed(label: string): Uint8Array {
  // a valid P-256 secret key derived from a label (tests only)
  const h = sha256(utf8Encode(`wattproof test key ${label}`));
  h[0] = h[0]! & 0x7f;
  return h;
}

export const METER_ID = Uint8Array.from([0x00, 0x1b, 0xc5, 0x0c, 0x70, 0x00, 0x12, 0x34]);
export const meterKeys = {
  meterId: METER_ID,
  meterSecretKey: keyFromSeed('meter'),
  meterCustomerKey: sha256(utf8Encode('wattproof test meter-customer key')),
};
export const meterPublicKey = p256.getPublicKey(meterKeys.meterSecretKey, false);
export const supplierSecretKey = keyFromSeed('supplier');
export const supplierPublicKey = p256.getPublicKey(supplierSecretKey, true);
export const settlementSecretKey = keyFromSeed('settlement');
export const settlementPublicKey = p256.getPublicKey(settlementSecretKey, true);

/** xorshift32: deterministic readings for tests. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}

export interface World {
  firstPeriod: number;
  registers: Map<number, bigint>;
  certificates: Certificate[];
  certifier: Certifier;
}

/** Certifies `periods` periods from `firstPeriod`, closing a certificate at every UTC midnight. */
export function certifiedWorld(firstPeriod: number, periods: number, seed = 1, initialRegister = 1_000_000n): World {
  const rnd = prng(seed);
  const certifier = Certifier.genesis(meterKeys, firstPeriod, initialRegister);
  const registers = new Map<number, bigint>([[firstPeriod - 1, initialRegister]]);
  const certificates: Certificate[] = [];
  let e = initialRegister;
  for (let p = firstPeriod; p < firstPeriod + periods; p++) {
    e += BigInt(rnd() % 1500);
    registers.set(p, e);
    certifier.certify(p, e);
    if ((p + 1) % PERIODS_PER_UTC_DAY === 0) certificates.push(certifier.close());
  }
  if (certifier.pendingCount > 0) certificates.push(certifier.close());
  return { firstPeriod, registers, certificates, certifier };
}

export const sampleTariff = DEFAULT_TARIFF;

export function signedTariff(t: unknown = sampleTariff, key = supplierSecretKey): SignedDocument {
  return signDocument(DocumentKind.tariff, JSON.stringify(t), key);
}

export function valueOfEnergyJson(firstPeriod: number, count: number, seed = 7): object {
  const rnd = prng(seed);
  return { format: 'wattproof-value-of-energy/1', publisher: 'Settlement Body', version: 1, firstPeriod,
    prices: Array.from({ length: count }, () => (rnd() % 40000) - 5000) };
}

export function signedValueOfEnergy(firstPeriod: number, count: number, key = settlementSecretKey): SignedDocument {
  return signDocument(DocumentKind.valueOfEnergy, JSON.stringify(valueOfEnergyJson(firstPeriod, count)), key);
}

/** First period of local date y-m-d. */
export function localMidnight(y: number, m: number, d: number): number {
  return firstPeriodOfLocalDay(daysFromCivil(y, m, d));
}

export const trust = { meterPublicKey, meterId: METER_ID, tariffPublicKey: supplierPublicKey, valueOfEnergyPublicKey: settlementPublicKey };

/** The plain integer recomputation sum weight(p) * (E_p - E_{p-1}) over [from, to); registers are read in ascending order. */
export function plainLinear(weight: (p: number) => number | bigint, register: (p: number) => bigint, from: number, to: number): bigint {
  let y = 0n, prev = register(from - 1);
  for (let p = from; p < to; p++) { const e = register(p); y += BigInt(weight(p)) * (e - prev); prev = e; }
  return y;
}
