// Known-answer vectors for the protocol core (docs/protocol.md §11). Pure:
// runs on Node and under XS (tests/xs). `npm run vectors` writes them to
// tests/vectors/core-v1.json; the tests recompute and compare byte for byte.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  Certifier, DocumentKind, OpeningDeriver, StatementKind, H, encodePoint, registerCommitment, signDocument,
  prove, toHex, type Certificate, utf8Encode, firstPeriodOfLocalDay, daysFromCivil, STATEMENT_BYTES,
} from '../../firmware/core/index.js';

export function vectorInputs() {
  const meterId = Uint8Array.from([0x00, 0x1b, 0xc5, 0x0c, 0x70, 0x00, 0xa1, 0x5e]);
  const meterCustomerKey = sha256(utf8Encode('wattproof vector meter-customer key'));
  const meterSecretKey = sha256(utf8Encode('wattproof vector meter signing key'));
  const supplierSecretKey = sha256(utf8Encode('wattproof vector supplier signing key'));
  // Local day 2026-10-25 (the autumn clock change, 50 periods) and the day after.
  const fromPeriod = firstPeriodOfLocalDay(daysFromCivil(2026, 10, 25));
  const count = firstPeriodOfLocalDay(daysFromCivil(2026, 10, 27)) - fromPeriod;
  const firstPeriod = fromPeriod - 2;
  const readings = Array.from({ length: count + 4 }, (_, i) => (i * 7919) % 1201);
  const tariff = {
    format: 'wattproof-tariff/1', tariffId: 'VECTOR-TOU', version: 1, supplier: 'Vector Supply Ltd',
    validFrom: '2026-10-01', validTo: '2026-10-31', standingChargeMillipencePerDay: 53270,
    bands: { night: 12000, day: 25000, peak: 38000 },
    schedules: [{ name: 'all days', seasons: [{ from: '01-01', to: '12-31' }], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      slots: [{ from: '00:00', to: '01:30', band: 'night' }, { from: '01:30', to: '16:00', band: 'day' }, { from: '16:00', to: '19:00', band: 'peak' }, { from: '19:00', to: '24:00', band: 'day' }] }],
  };
  return { meterId, meterCustomerKey, meterSecretKey, supplierSecretKey, fromPeriod, count, firstPeriod, readings, tariff, initialRegister: 5_000_000n };
}

export function computeVectors() {
  const v = vectorInputs();
  const openings = new OpeningDeriver(v.meterCustomerKey, v.meterId);
  const certifier = Certifier.genesis({ meterId: v.meterId, meterSecretKey: v.meterSecretKey, meterCustomerKey: v.meterCustomerKey }, v.firstPeriod, v.initialRegister);
  const registers = new Map<number, bigint>([[v.firstPeriod - 1, v.initialRegister]]);
  let e = v.initialRegister;
  const certificates: Certificate[] = [];
  v.readings.forEach((c, i) => {
    const p = v.firstPeriod + i;
    e += BigInt(c);
    registers.set(p, e);
    certifier.certify(p, e);
    if (i === 29 || i === v.readings.length - 1) certificates.push(certifier.close());
  });
  const doc = signDocument(DocumentKind.tariff, JSON.stringify(v.tariff), v.supplierSecretKey);
  const { statement, bundle } = prove({
    kind: StatementKind.bill, meterId: v.meterId, fromPeriod: v.fromPeriod, count: v.count,
    register: (p) => registers.get(p)!, openings, certificates, document: doc,
  });
  const samplePeriods = [v.firstPeriod - 1, v.firstPeriod, v.fromPeriod + 10];
  return {
    description: 'wattproof protocol v1 known-answer vectors; inputs are derived as in tools/vectors/compute.ts',
    generatorH: toHex(encodePoint(H())),
    meterId: toHex(v.meterId),
    meterCustomerKey: toHex(v.meterCustomerKey),
    meterSecretKey: toHex(v.meterSecretKey),
    meterPublicKey: toHex(p256.getPublicKey(v.meterSecretKey, false)),
    supplierPublicKey: toHex(p256.getPublicKey(v.supplierSecretKey, false)),
    openings: samplePeriods.map((p) => ({ period: p, opening: openings.opening(p).toString(16).padStart(64, '0') })),
    commitments: samplePeriods.map((p) => ({ period: p, register: registers.get(p)!.toString(), commitment: toHex(encodePoint(registerCommitment(registers.get(p)!, openings.opening(p)))) })),
    certificates: certificates.map((c) => ({ seq: c.seq, firstPeriod: c.firstPeriod, count: c.count, hash: toHex(c.hash), signature: toHex(c.signature), bytes: toHex(c.bytes) })),
    tariffDocument: { body: JSON.stringify(v.tariff), hash: toHex(doc.hash), bytes: toHex(doc.bytes) },
    statement: {
      kind: 'bill', fromPeriod: statement.fromPeriod, count: statement.count, result: statement.result.toString(),
      standingCharge: statement.standingCharge.toString(), amount: statement.amount.toString(),
      R: statement.R.toString(16).padStart(64, '0'),
      bytes: toHex(bundle.subarray(4, 4 + STATEMENT_BYTES)),
      bundle: toHex(bundle),
    },
  };
}
