// The npm run bench:arm workload (runs on the emulated Cortex-M4, and on Node
// for the outputs). Prints "measure <name> <instructions> <repeats>" lines;
// instructions() is the guest's exact instruction count (tools/arm/platform).
import {
  Certifier, DocumentKind, StatementKind, proveStatement, setPrecomputeWindow, signDocument, verifyDocumentSignature, parseTariff, documentJson,
  firstPeriodOfLocalDay, daysFromCivil,
} from '../../firmware/core/index.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from '../../firmware/core/bytes.js';
import { MeterStore } from '../../firmware/meter/store.js';
import { MemoryFlash } from '../../tests/support/memory-flash.js';
import { DEFAULT_TARIFF, valueOfEnergyJson } from '../../host-sim/defaults.js';

declare const print: (s: string) => void;
declare const instructions: (() => number) | undefined;
declare const heapStats: (() => Record<string, number>) | undefined;
declare const gc: (() => void) | undefined;
declare const __t0: number | undefined;
declare const __bootCreateInstructions: number | undefined;
declare const __bootParseInstructions: number | undefined;

const count = typeof instructions === 'function' ? instructions : () => 0;
const measure = (name: string, value: number, repeats = 1) => print(`measure ${name} ${Math.round(value)} ${repeats}`);
function time<T>(name: string, f: () => T, repeats = 1): T {
  const a = count();
  const v = f();
  measure(name, (count() - a) / repeats, repeats);
  return v;
}

measure('boot-create', typeof __bootCreateInstructions === 'number' ? __bootCreateInstructions : 0);
measure('boot-parse', typeof __bootParseInstructions === 'number' ? __bootParseInstructions : 0);
measure('boot-init', typeof __t0 === 'number' ? count() - __t0 : 0);
function heap(tag: string): void {
  if (typeof gc === 'function') gc();
  if (typeof heapStats !== 'function') return;
  const h = heapStats();
  for (const k of Object.keys(h)) print(`heap ${tag} ${k} ${h[k]}`);
}
heap('boot'); // code parsed into the heap (a preloaded device keeps it in flash)
time('precompute-tables-w4', () => setPrecomputeWindow(4));

const key = (label: string) => { const h = sha256(utf8Encode(`wattproof arm bench ${label}`)); h[0] = h[0]! & 0x7f; return h; };
const keys = { meterId: Uint8Array.of(0, 0x1b, 0xc5, 0x0c, 0x70, 0, 0x0b, 0x01), meterSecretKey: key('meter'), meterCustomerKey: key('customer') };
const from = firstPeriodOfLocalDay(daysFromCivil(2026, 1, 1));
const to = firstPeriodOfLocalDay(daysFromCivil(2026, 2, 1));
const store = new MeterStore(new MemoryFlash(4096, 24));
store.appendGenesis({ firstPeriod: from - 1, register: 10_000n });
const certifier = Certifier.genesis(keys, from - 1, 10_000n);
let e = 10_000n;
const N = 8;
// certify: total (idle-time rho*H + boundary work + store append), then the boundary path alone
time('certify-reading-total', () => {
  for (let i = 0; i < N; i++) { const p = certifier.nextPeriod; e += BigInt((p * 7919) % 1300); certifier.prepare(); certifier.certify(p, e); store.appendPeriod({ period: p, register: e }); }
}, N);
let boundary = 0;
for (let i = 0; i < N; i++) {
  const p = certifier.nextPeriod;
  e += BigInt((p * 7919) % 1300);
  certifier.prepare();
  const a = count();
  certifier.certify(p, e);
  store.appendPeriod({ period: p, register: e });
  boundary += count() - a;
}
measure('certify-reading-boundary', boundary / N, N);
const cert = time('close-certificate', () => {
  const c = certifier.close();
  store.appendCertificate({ seq: c.seq, firstPeriod: c.firstPeriod, count: c.count, hash: c.hash, signature: c.signature });
  return c;
});
print(`certificate ${cert.seq} ${cert.count}`);

// A month of registers in the flash log (written directly: certifying 1,488 readings here would take an hour of emulation).
const registers = new Map<number, bigint>();
let r = 10_000n;
for (let p = from - 1; p < to; p++) { r += BigInt((p * 7919) % 1300); registers.set(p, r); }
const summaries = [{ seq: 0, firstPeriod: from - 1, count: to - from + 1, hash: cert.hash }];
const supplier = key('supplier'), settlement = key('settlement');
const tariff = signDocument(DocumentKind.tariff, JSON.stringify(DEFAULT_TARIFF), supplier);
const voe = signDocument(DocumentKind.valueOfEnergy, JSON.stringify(valueOfEnergyJson(from, to - from, 5)), settlement);
const supplierKey = p256.getPublicKey(supplier, true);
time('verify-signed-tariff', () => { if (!verifyDocumentSignature(tariff, supplierKey)) throw new Error('tariff signature'); parseTariff(documentJson(tariff)); });
const bill = time('monthly-bill-1488', () => proveStatement({ kind: StatementKind.bill, meterId: keys.meterId, fromPeriod: from, count: to - from, register: (p) => registers.get(p)!, openings: certifier.openings, certificates: summaries, document: tariff }));
const settle = time('monthly-settlement-1488', () => proveStatement({ kind: StatementKind.settlement, meterId: keys.meterId, fromPeriod: from, count: to - from, register: (p) => registers.get(p)!, openings: certifier.openings, certificates: summaries, document: voe }));
print(`bill ${bill.amount} settlement ${settle.amount}`);
time('opening-derivation', () => { for (let p = 0; p < 16; p++) certifier.openings.opening(from + p); }, 16);
registers.clear();
heap('end');
print('done');
