// A deterministic workload that runs unchanged under XS (xsnap) and Node; both
// print the same lines, which tests/xs/xs.test.ts compares byte for byte.
// Firmware code only: no Node API, no platform seam.
import {
  Certifier, DocumentKind, OpeningDeriver, StatementKind, prove, signDocument, toHex, verifyStatementFile,
  firstPeriodOfLocalDay, daysFromCivil, type Certificate,
} from '../../firmware/core/index.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from '../../firmware/core/bytes.js';
import { MemoryFlash } from '../support/memory-flash.js';
import { MeterStore } from '../../firmware/meter/store.js';
import { computeVectors } from '../../tools/vectors/compute.js';
import { DEFAULT_TARIFF, valueOfEnergyJson } from '../../host-sim/defaults.js';

declare const print: (s: string) => void;
declare const resetMeter: ((limit: number, index: number) => number) | undefined;
declare const WATTPROOF_XS_BENCH: boolean | undefined;
declare const gc: (() => void) | undefined;

const bench = typeof WATTPROOF_XS_BENCH !== 'undefined' && WATTPROOF_XS_BENCH;
const hasMeter = typeof resetMeter === 'function';
const measures: string[] = [];
/** Runs f; in bench mode records XS computation units (xsnap's meter) and wall time. */
function step<T>(name: string, f: () => T): T {
  if (bench && typeof gc === 'function') gc(); // heap peaks then reflect one step at a time
  const m0 = hasMeter ? resetMeter!(0, 0) : 0;
  const t0 = Date.now();
  const v = f();
  const ms = Date.now() - t0;
  if (bench) measures.push(`measure ${name} ${hasMeter ? resetMeter!(0, 0) : -1} ${ms}`);
  else if (hasMeter) resetMeter!(0, m0 + resetMeter!(0, 0));
  return v;
}

const key = (label: string) => { const h = sha256(utf8Encode(`wattproof xs scenario ${label}`)); h[0] = h[0]! & 0x7f; return h; };

// 1. The committed known-answer vectors, recomputed.
print(`vectors ${JSON.stringify(step('vectors', computeVectors))}`);

// 2. A meter day: certify, store, close, bill, settle, verify.
const keys = { meterId: Uint8Array.of(0, 0x1b, 0xc5, 0x0c, 0x70, 0, 0x0a, 0x51), meterSecretKey: key('meter'), meterCustomerKey: key('customer') };
const supplier = key('supplier'), settlement = key('settlement');
const from = firstPeriodOfLocalDay(daysFromCivil(2026, 1, 12)); // a Monday in winter: local day = UTC day
const to = from + 48;
const store = new MeterStore(new MemoryFlash(4096, 16));
const certifier = Certifier.genesis(keys, from - 1, 2_000_000n);
store.appendGenesis({ firstPeriod: from - 1, register: 2_000_000n });
const certificates: Certificate[] = [];
let e = 2_000_000n;
step('certify-day', () => {
  for (let p = from - 1; p < to; p++) {
    e += BigInt((p * 7919) % 1400);
    certifier.certify(p, e);
    store.appendPeriod({ period: p, register: e });
    if ((p + 1) % 48 === 0) {
      const c = certifier.close();
      store.appendCertificate({ seq: c.seq, firstPeriod: c.firstPeriod, count: c.count, hash: c.hash, signature: c.signature });
      certificates.push(c);
    }
  }
});
for (const c of certificates) print(`certificate ${c.seq} ${toHex(c.bytes)}`);
const tariff = signDocument(DocumentKind.tariff, JSON.stringify(DEFAULT_TARIFF), supplier);
const voe = signDocument(DocumentKind.valueOfEnergy, JSON.stringify(valueOfEnergyJson(from, 48, 3)), settlement);
const openings = new OpeningDeriver(keys.meterCustomerKey, keys.meterId);
const recovered = store.recover();
print(`recovered ${recovered.lastCertificate?.seq} ${recovered.pending.length} ${recovered.genesis?.firstPeriod}`);
const bill = step('prove-bill-day', () => prove({ kind: StatementKind.bill, meterId: keys.meterId, fromPeriod: from, count: 48, register: store.registerReader(recovered.genesis), openings, certificates, document: tariff }));
const settle = step('prove-settlement-day', () => prove({ kind: StatementKind.settlement, meterId: keys.meterId, fromPeriod: from, count: 48, register: store.registerReader(recovered.genesis), openings, certificates, document: voe }));
print(`bill ${bill.statement.amount} ${toHex(bill.bundle)}`);
print(`settlement ${settle.statement.amount} ${toHex(settle.bundle)}`);
const trust = { meterPublicKey: p256.getPublicKey(keys.meterSecretKey, false), tariffPublicKey: p256.getPublicKey(supplier, true), valueOfEnergyPublicKey: p256.getPublicKey(settlement, true) };
for (const [name, file] of [['bill', bill.bundle], ['settlement', settle.bundle]] as const) {
  const v = step(`verify-${name}`, () => verifyStatementFile(file, trust));
  print(`verify ${name} ${v.valid ? `valid ${v.pointsUsed}` : `invalid ${v.reason}`}`);
}
const tampered = bill.bundle.slice();
tampered[4 + 60]! ^= 1;
const tv = verifyStatementFile(tampered, trust);
print(`verify tampered ${tv.valid ? 'valid' : tv.reason}`);
for (const m of measures) print(m);
print('done');
