import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  OpeningDeriver, StatementKind, prove, verifyStatementFile, encodeBundle, decodeBundle, decodeCertificate, signCertificate,
  parseTariff, unitPriceOfPeriod, micropenceToPence, DocumentCache, type Certificate, type CertifiedRun, type Statement, type Verdict,
  firstPeriodOfLocalDay, daysFromCivil,
} from '../../firmware/core/index.js';
import {
  certifiedWorld, localMidnight, plainLinear, meterKeys, sampleTariff, signedTariff, signedValueOfEnergy, trust, valueOfEnergyJson, keyFromSeed, type World,
} from '../support/fixtures.js';

const openings = new OpeningDeriver(meterKeys.meterCustomerKey, meterKeys.meterId);
const from = localMidnight(2026, 10, 1), to = localMidnight(2026, 11, 1); // October 2026: 50-period day on the 25th
const world = certifiedWorld(from - 30, to - from + 60, 11);
const tariffDoc = signedTariff();

function bill(w: World = world, f = from, t = to, doc = tariffDoc, register = (p: number) => w.registers.get(p)!) {
  return prove({ kind: StatementKind.bill, meterId: meterKeys.meterId, fromPeriod: f, count: t - f, register, openings, certificates: w.certificates, document: doc });
}
function expectInvalid(v: Verdict, reason: string) {
  assert.equal(v.valid, false, 'accepted a tampered statement');
  if (!v.valid) assert.equal(v.reason, reason, v.detail);
}
function rebundle(bundle: Uint8Array, edit: (s: Statement, certs: (CertifiedRun | Certificate)[]) => void, doc: typeof tariffDoc | null = tariffDoc) {
  const b = decodeBundle(bundle);
  const s = { ...b.statement };
  const certs: (CertifiedRun | Certificate)[] = [...b.certificates];
  edit(s, certs);
  const head = certs[certs.length - 1]!;
  return encodeBundle(s, certs, doc ?? undefined, 'signature' in head ? head.signature : b.headSignature);
}

describe('statements', () => {
  const { statement, bundle } = bill();

  it('a monthly bill verifies and equals a plain integer recomputation', () => {
    const v = verifyStatementFile(bundle, trust);
    assert.ok(v.valid, v.valid ? '' : v.detail);
    const t = parseTariff(sampleTariff);
    const y = plainLinear((p) => unitPriceOfPeriod(t, p), (p) => world.registers.get(p)!, from, to);
    assert.equal(statement.result, y);
    assert.equal(statement.standingCharge, 31n * 60970n);
    assert.equal(statement.amount, micropenceToPence(y + 31n * 60970n * 1000n));
    assert.equal(statement.count, 31 * 48 + 2); // October has the 50-period day
    assert.ok(v.pointsUsed < 200, `telescoping touched ${v.pointsUsed} registers`);
  });

  it('settlements and totals verify', () => {
    const voe = signedValueOfEnergy(from, to - from);
    const s = prove({ kind: StatementKind.settlement, meterId: meterKeys.meterId, fromPeriod: from, count: to - from, register: (p) => world.registers.get(p)!, openings, certificates: world.certificates, document: voe });
    assert.ok(verifyStatementFile(s.bundle, trust).valid);
    const prices = (valueOfEnergyJson(from, to - from) as { prices: number[] }).prices;
    const y = plainLinear((p) => prices[p - from]!, (p) => world.registers.get(p)!, from, to);
    assert.equal(s.statement.result, y);
    const total = prove({ kind: StatementKind.total, meterId: meterKeys.meterId, fromPeriod: from + 5, count: 17, register: (p) => world.registers.get(p)!, openings, certificates: world.certificates });
    assert.ok(verifyStatementFile(total.bundle, trust).valid);
    assert.equal(total.statement.result, world.registers.get(from + 21)! - world.registers.get(from + 4)!);
  });

  it('bills over the spring clock change (46-period day) verify', () => {
    const f = localMidnight(2026, 3, 28), t = localMidnight(2026, 3, 31);
    const w = certifiedWorld(f - 1, t - f + 2, 5);
    const b = bill(w, f, t);
    assert.equal(t - f, 48 + 46 + 48);
    assert.ok(verifyStatementFile(b.bundle, trust).valid);
  });

  it('a document cache gives the same verdicts', () => {
    const cache = new DocumentCache(2);
    assert.ok(verifyStatementFile(bundle, trust, cache).valid);
    assert.ok(verifyStatementFile(bundle, trust, cache).valid);
    expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.amount += 1n; }), trust, cache), 'amount');
  });

  describe('rejects every tampering', () => {
    it('a reading (the prover lies about one register)', () => {
      const lie = bill(world, from, to, tariffDoc, (p) => world.registers.get(p)! + (p >= from + 100 ? 1n : 0n));
      expectInvalid(verifyStatementFile(lie.bundle, trust), 'equation');
    });
    it('an opening (wrong meter-customer key)', () => {
      const wrong = new OpeningDeriver(keyFromSeed('not the customer'), meterKeys.meterId);
      const b = prove({ kind: StatementKind.bill, meterId: meterKeys.meterId, fromPeriod: from, count: to - from, register: (p) => world.registers.get(p)!, openings: wrong, certificates: world.certificates, document: tariffDoc });
      expectInvalid(verifyStatementFile(b.bundle, trust), 'equation');
      expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.R = s.R + 1n; }), trust), 'equation');
    });
    it('the amount ±1, with and without a consistent rounding', () => {
      for (const d of [1n, -1n]) {
        expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.amount += d; }), trust), 'amount');
        expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.result += d; }), trust), 'equation'); // 1 µp: same pence
        expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.result += d * 1_000_000n; s.amount += d; }), trust), 'equation');
        expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.standingCharge += d; }), trust), 'standing-charge');
      }
    });
    it('a commitment, in the signed head or earlier in the chain', () => {
      for (const index of [0, 15, 31]) {
        const b = rebundle(bundle, (_s, certs) => {
          const bytes = certs[index]!.body.slice();
          bytes[116 + 65 * 3 + 40]! ^= 1;
          certs[index] = decodeCertificate(Uint8Array.from([...bytes, ...new Uint8Array(65)]));
        });
        const v = verifyStatementFile(b, trust);
        assert.equal(v.valid, false);
        if (!v.valid) assert.ok(['chain-broken', 'certificate-binding', 'malformed'].includes(v.reason), v.reason + v.detail);
      }
    });
    it('a swapped tariff (another signed tariff, same or updated statement)', () => {
      const other = signedTariff({ ...sampleTariff, version: 2, bands: { night: 13500, day: 27030, peak: 49110 } });
      expectInvalid(verifyStatementFile(rebundle(bundle, () => {}, other), trust), 'document-hash');
      expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.inputHash = other.hash; }, other), trust), 'equation');
      const forged = signedTariff(sampleTariff, keyFromSeed('not the supplier'));
      expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.inputHash = forged.hash; }, forged), trust), 'document-signature');
    });
    it('a shifted period range', () => {
      const total = prove({ kind: StatementKind.total, meterId: meterKeys.meterId, fromPeriod: from + 5, count: 40, register: (p) => world.registers.get(p)!, openings, certificates: world.certificates });
      for (const d of [1, -1]) expectInvalid(verifyStatementFile(rebundle(total.bundle, (s) => { s.fromPeriod += d; }, null), trust), 'equation');
      expectInvalid(verifyStatementFile(rebundle(total.bundle, (s) => { s.count += 1; }, null), trust), 'equation');
      expectInvalid(verifyStatementFile(rebundle(bundle, (s) => { s.fromPeriod += 1; s.count -= 1; }), trust), 'bill-not-whole-days');
    });
    it('reordered, replayed and dropped certificates', () => {
      expectInvalid(verifyStatementFile(rebundle(bundle, (_s, c) => { [c[3], c[4]] = [c[4]!, c[3]!]; }), trust), 'chain-broken');
      expectInvalid(verifyStatementFile(rebundle(bundle, (_s, c) => { c.splice(5, 0, c[5]!); }), trust), 'chain-broken');
      expectInvalid(verifyStatementFile(rebundle(bundle, (_s, c) => { c.splice(5, 1); }), trust), 'chain-broken');
      expectInvalid(verifyStatementFile(rebundle(bundle, (_s, c) => { c.pop(); }), trust), 'certificate-binding');
      expectInvalid(verifyStatementFile(rebundle(bundle, (s, c) => {
        c.pop();
        c[c.length - 1] = world.certificates.find((x) => x.seq === c.at(-1)!.seq)!; // its own signature
        s.lastCertSeq = c.at(-1)!.seq; s.headCertHash = c.at(-1)!.hash;
      }), trust), 'range-not-covered');
      expectInvalid(verifyStatementFile(rebundle(bundle, (_s, c) => { c.pop(); }), trust), 'certificate-binding');
      expectInvalid(verifyStatementFile(rebundle(bundle, (s, c) => { c.shift(); s.firstCertSeq = c[0]!.seq; }), trust), 'range-not-covered');
    });
    it("another meter's certificate, and a forged head signature", () => {
      const otherMeter = { ...meterKeys, meterId: Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9]) };
      const foreign = signCertificate({ ...world.certificates[10]!, meterId: otherMeter.meterId }, keyFromSeed('meter'));
      expectInvalid(verifyStatementFile(rebundle(bundle, (_s, c) => { c[5] = foreign; }), trust), 'wrong-meter');
      const head = world.certificates.find((c) => c.seq === decodeBundle(bundle).statement.lastCertSeq)!;
      const resigned = signCertificate(head, keyFromSeed('a thief'));
      expectInvalid(verifyStatementFile(rebundle(bundle, (s, c) => { c[c.length - 1] = resigned; s.headCertHash = resigned.hash; }), trust), 'certificate-signature');
      expectInvalid(verifyStatementFile(bundle, { ...trust, meterId: otherMeter.meterId }), 'wrong-meter');
    });
    it('a break with the previously accepted certificate', () => {
      const b = decodeBundle(bundle);
      assert.ok(verifyStatementFile(bundle, { ...trust, previousCertHash: b.certificates[0]!.prevHash }).valid);
      // the certificate holding K_{from-1} may already have been accepted with the previous bill
      assert.ok(verifyStatementFile(bundle, { ...trust, previousCertHash: b.certificates[0]!.hash }).valid);
      expectInvalid(verifyStatementFile(bundle, { ...trust, previousCertHash: world.certificates[5]!.hash }), 'chain-continuity');
    });
    it('truncation and trailing bytes', () => {
      for (const cut of [0, 3, 50, 200, bundle.length - 1]) expectInvalid(verifyStatementFile(bundle.subarray(0, cut), trust), 'malformed');
      const longer = new Uint8Array(bundle.length + 1); longer.set(bundle);
      expectInvalid(verifyStatementFile(longer, trust), 'malformed');
    });
  });

  it('property: for random tariffs and readings the verified bill equals the integer recomputation', () => {
    const bandPrice = fc.integer({ min: 0, max: 80000 });
    const cut = fc.uniqueArray(fc.integer({ min: 1, max: 47 }), { maxLength: 5 }).map((a) => a.sort((x, y) => x - y));
    const arbTariff = fc.record({ prices: fc.array(bandPrice, { minLength: 1, maxLength: 4 }), weekday: cut, weekend: cut, standing: fc.integer({ min: 0, max: 100000 }) });
    const slot = (k: number) => `${String(k >> 1).padStart(2, '0')}:${k & 1 ? '30' : '00'}`;
    fc.assert(fc.property(arbTariff, fc.integer({ min: 1, max: 2 ** 20 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 4 }), (tt, seed, startDay, days) => {
      const bands: Record<string, number> = {};
      tt.prices.forEach((p, i) => { bands[`b${i}`] = p; });
      const slots = (cuts: number[]) => [0, ...cuts].map((c, i, all) => ({ from: slot(c), to: slot(all[i + 1] ?? 48), band: `b${i % tt.prices.length}` }));
      const tariff = { ...sampleTariff, bands, holidays: [], standingChargeMillipencePerDay: tt.standing, schedules: [
        { name: 'wd', seasons: [{ from: '01-01', to: '12-31' }], days: ['mon', 'tue', 'wed', 'thu', 'fri'], slots: slots(tt.weekday) },
        { name: 'we', seasons: [{ from: '01-01', to: '12-31' }], days: ['sat', 'sun'], slots: slots(tt.weekend) }] };
      const d0 = daysFromCivil(2026, 1, 1) + startDay;
      const f = firstPeriodOfLocalDay(d0), t = firstPeriodOfLocalDay(d0 + days);
      const w = certifiedWorld(f, t - f, seed);
      const doc = signedTariff(tariff);
      const { statement, bundle: b } = bill(w, f, t, doc);
      const v = verifyStatementFile(b, trust);
      assert.ok(v.valid, v.valid ? '' : v.detail);
      const parsed = parseTariff(tariff);
      const y = plainLinear((p) => unitPriceOfPeriod(parsed, p), (p) => w.registers.get(p)!, f, t);
      assert.equal(statement.result, y);
      assert.equal(statement.amount, micropenceToPence(y + BigInt(days * tt.standing) * 1000n));
    }), { numRuns: 25 });
  });
});
