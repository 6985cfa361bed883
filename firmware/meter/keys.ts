// Provisioned identity in key-value storage. Names ≤ 31 characters and values
// ≤ 63 bytes (the pico/nrf52 preference limits); public keys are compressed.
import type { KeyValueStore } from '../platform/api.js';
import { fail } from '../core/errors.js';
import { METER_ID_BYTES } from '../core/ids.js';

export const KEY_NAMES = Object.freeze({
  meterId: 'meter-id',
  signingKey: 'meter-signing-key',
  customerKey: 'meter-customer-key',
  supplierKey: 'supplier-tariff-key',
  settlementKey: 'settlement-key',
});

export interface MeterIdentity {
  meterId: Uint8Array;
  meterSecretKey: Uint8Array;
  meterCustomerKey: Uint8Array;
  supplierPublicKey: Uint8Array;
  settlementPublicKey: Uint8Array | undefined;
}

function need(kv: KeyValueStore, name: string, length: number[]): Uint8Array {
  const v = kv.get(name);
  if (v === undefined) fail('not-provisioned', `key-value entry ${name} is missing`, name);
  if (!length.includes(v.length)) fail('bad-provisioning', `${name} has ${v.length} bytes`, name);
  return v;
}

export function loadIdentity(kv: KeyValueStore): MeterIdentity {
  const settlement = kv.get(KEY_NAMES.settlementKey);
  return {
    meterId: need(kv, KEY_NAMES.meterId, [METER_ID_BYTES]),
    meterSecretKey: need(kv, KEY_NAMES.signingKey, [32]),
    meterCustomerKey: need(kv, KEY_NAMES.customerKey, [32]),
    supplierPublicKey: need(kv, KEY_NAMES.supplierKey, [33]),
    settlementPublicKey: settlement && settlement.length === 33 ? settlement : undefined,
  };
}

export function storeIdentity(kv: KeyValueStore, id: MeterIdentity): void {
  for (const [name, v] of [[KEY_NAMES.meterId, id.meterId], [KEY_NAMES.signingKey, id.meterSecretKey], [KEY_NAMES.customerKey, id.meterCustomerKey], [KEY_NAMES.supplierKey, id.supplierPublicKey]] as const) {
    if (v.length > 63) fail('bad-provisioning', `${name} exceeds 63 bytes`, name);
    kv.set(name, v);
  }
  if (id.settlementPublicKey) kv.set(KEY_NAMES.settlementKey, id.settlementPublicKey);
}
