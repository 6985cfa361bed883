import fc from 'fast-check';
import { strict as assert } from 'node:assert';
import { p256 } from '@noble/curves/nist.js';
import {
  Certifier, OpeningDeriver, StatementKind, prove, verifyStatementFiles, verifyStatementFile, decodeBundle, encodeBundle, signCertificate, DocumentCache,
} from '../../firmware/core/index.js';
import { keyFromSeed, localMidnight, signedTariff, supplierPublicKey } from '../support/fixtures.js';

const from = localMidnight(2026, 5, 1), to = localMidnight(2026, 5, 4);
const tariff = signedTariff();

function meterBill(k: number) {
  const keys = { meterId: Uint8Array.of(0, 0x1b, 0xc5, 0, 0, 0, 0, k), meterSecretKey: keyFromSeed(`batch meter ${k}`), meterCustomerKey: keyFromSeed(`batch customer ${k}`) };
  const c = Certifier.genesis(keys, from - 3, BigInt(k) * 1000n);
  const reg = new Map<number, bigint>([[from - 4, BigInt(k) * 1000n]]);
  let e = BigInt(k) * 1000n;
  const certs = [];
  for (let p = from - 3; p < to + 2; p++) { e += BigInt((p * 31 + k) % 900); reg.set(p, e); c.certify(p, e); if ((p + 1) % 48 === 0) certs.push(c.close()); }
  if (c.pendingCount) certs.push(c.close());
  const { bundle } = prove({ kind: StatementKind.bill, meterId: keys.meterId, fromPeriod: from, count: to - from, register: (p) => reg.get(p)!, openings: new OpeningDeriver(keys.meterCustomerKey, keys.meterId), certificates: certs, document: tariff });
  return { bundle, trust: { meterPublicKey: p256.getPublicKey(keys.meterSecretKey, false), meterId: keys.meterId, tariffPublicKey: supplierPublicKey }, keys };
}

describe('batch verification', () => {
  const bills = Array.from({ length: 6 }, (_, k) => meterBill(k + 1));

  it('accepts a batch of valid statements from different meters', () => {
    const v = verifyStatementFiles(bills.map((b) => b.bundle), (i) => bills[i]!.trust, new DocumentCache());
    assert.deepEqual(v.map((x) => x.valid), [true, true, true, true, true, true]);
  });

  it('pins each failure on its own statement', () => {
    const files = bills.map((b) => b.bundle);
    // 2: head re-signed by another key; 4: the recovery id flipped; 5: result altered
    const b2 = decodeBundle(files[2]!);
    const head = b2.certificates.at(-1)!;
    const forged = signCertificate(head, keyFromSeed('thief'));
    files[2] = encodeBundle(b2.statement, b2.certificates, b2.document, forged.signature);
    const b4 = decodeBundle(files[4]!);
    const flipped = b4.headSignature.slice(); flipped[0]! ^= 1;
    files[4] = encodeBundle(b4.statement, b4.certificates, b4.document, flipped);
    const b5 = decodeBundle(files[5]!);
    files[5] = encodeBundle({ ...b5.statement, R: b5.statement.R ^ 1n }, b5.certificates, b5.document, b5.headSignature);
    const v = verifyStatementFiles(files, (i) => bills[i]!.trust);
    assert.deepEqual(v.map((x) => (x.valid ? 'ok' : x.reason)), ['ok', 'ok', 'certificate-signature', 'ok', 'certificate-signature', 'equation']);
    // the same verdicts one by one
    assert.deepEqual(files.map((f, i) => { const x = verifyStatementFile(f, bills[i]!.trust); return x.valid ? 'ok' : x.reason; }), v.map((x) => (x.valid ? 'ok' : x.reason)));
  });

  it('a statement checked against the wrong meter key fails in the batch', () => {
    const v = verifyStatementFiles(bills.map((b) => b.bundle), (i) => ({ ...bills[i]!.trust, meterPublicKey: bills[(i + (i === 3 ? 1 : 0))]!.trust.meterPublicKey }));
    assert.deepEqual(v.map((x) => x.valid), [true, true, true, false, true, true]);
  });
});


import { mulGSmall, G as Gen, mul, registerCommitment, encodePoint, toHex } from '../../firmware/core/index.js';
import { meterKeys } from '../support/fixtures.js';
describe('group helpers', () => {
  it('mulGSmall(c) equals noble c*G for the whole 20-bit range', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 20 - 1 }), (c) => { assert.ok(mulGSmall(c).equals(mul(Gen, BigInt(c)))); }), { numRuns: 300 });
    for (const c of [0, 1, 15, 16, 2 ** 20 - 1]) assert.ok(mulGSmall(c).equals(mul(Gen, BigInt(c))));
    assert.throws(() => mulGSmall(2 ** 20), /out-of-range/);
  });
  it('the certifier commitments equal E*G + rho*H, including readings too large for the table', () => {
    const c = Certifier.genesis(meterKeys, 1000, 7n);
    const d = new OpeningDeriver(meterKeys.meterCustomerKey, meterKeys.meterId);
    for (const [p, e] of [[1000, 7n], [1001, 500n], [1002, 500n + 2n ** 20n], [1003, 2n ** 40n]] as const) {
      assert.equal(toHex(c.certify(p, e)), toHex(encodePoint(registerCommitment(e, d.opening(p)))));
    }
  });
});
