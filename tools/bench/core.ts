// npm run bench: figures for certifying, proving and verifying, each beside a
// baseline measured in the same run (machines are shared and noisy; compare
// ratios across runs, not milliseconds). Not a test: prints, never fails.
import { p256 } from '@noble/curves/nist.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import {
  Certifier, DocumentCache, OpeningDeriver, StatementKind, decodeBundle, parseTariff, prove, unitPriceOfPeriod, verifyStatementFile,
  verifyCertificateSignature, verifyStatementFiles, H, G,
} from '../../firmware/core/index.js';
import { certifiedWorld, keyFromSeed, localMidnight, meterKeys, signedTariff, signedValueOfEnergy, trust, sampleTariff } from '../../tests/support/fixtures.js';

const quick = process.argv.includes('--quick');
const rows: { name: string; ms: number; per?: string; baseline?: string; ratio?: number }[] = [];

function measure(fn: () => unknown, minRuns: number, minMs = quick ? 100 : 600): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    if (times.length >= 2000) break;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}
function row(name: string, ms: number, baseline?: { name: string; ms: number }, per?: string) {
  rows.push({ name, ms, per, baseline: baseline?.name, ratio: baseline ? ms / baseline.ms : undefined });
}

// --- noble's raw operations (the floor under everything else) ---
const sk = meterKeys.meterSecretKey;
const pk = p256.getPublicKey(sk, false);
const digest = new Uint8Array(32).fill(7);
const sig = p256.sign(digest, sk, { prehash: false });
const pointBytes = G.multiply(12345n).toBytes(false);
const compressed = G.multiply(12345n).toBytes(true);
const A = G.multiply(3n), B = H().multiply(5n);
const raw = {
  add: { name: 'noble point add', ms: measure(() => A.add(B), 2000) },
  decode: { name: 'noble decode uncompressed point', ms: measure(() => p256.Point.fromBytes(pointBytes), 2000) },
  decompress: { name: 'noble decode compressed point', ms: measure(() => p256.Point.fromBytes(compressed), 200) },
  sign: { name: 'noble ECDSA sign', ms: measure(() => p256.sign(digest, sk, { prehash: false }), 50) },
  verify: { name: 'noble ECDSA verify', ms: measure(() => p256.verify(sig, digest, pk, { prehash: false }), 50) },
  gmul: { name: 'noble G multiply (256-bit, const-time)', ms: measure(() => G.multiply(0x1234567890abcdef1234567890abcdef1234567890abcdefn), 50) },
};
for (const r of Object.values(raw)) row(r.name, r.ms);

// --- certifying ---
{
  const c = Certifier.genesis(meterKeys, localMidnight(2026, 1, 1), 0n);
  let e = 0n;
  const certifyOne = () => { c.certify(c.nextPeriod, (e += 321n)); if (c.pendingCount === 48) c.close(); };
  const total = measure(certifyOne, 200);
  row('certify a reading (total, 1/48 signature amortised)', total, raw.gmul, 'reading');
  const times: number[] = [];
  for (let i = 0; i < (quick ? 50 : 300); i++) {
    c.prepare(); // idle-time part: rho*H
    const t = performance.now();
    c.certify(c.nextPeriod, (e += 321n));
    times.push(performance.now() - t);
    if (c.pendingCount === 48) c.close();
  }
  times.sort((a, b) => a - b);
  row('  of which at the period boundary (rho*H prepared)', times[times.length >> 1]!, raw.gmul, 'reading');
  const closeDay = measure(() => { for (let i = 0; i < 48; i++) { c.prepare(); c.certify(c.nextPeriod, (e += 1n)); } c.close(); }, 3);
  row('certify a whole UTC day (48 readings + certificate)', closeDay, raw.sign, 'day');
}

// --- a month and a year of bills ---
const tariffDoc = signedTariff();
const tariff = parseTariff(sampleTariff);
const openings = new OpeningDeriver(meterKeys.meterCustomerKey, meterKeys.meterId);
function scenario(label: string, from: number, to: number) {
  const world = certifiedWorld(from - 48, to - from + 96, 42);
  const reg = (p: number) => world.registers.get(p)!;
  const readings: bigint[] = [];
  for (let p = from; p < to; p++) readings.push(reg(p) - reg(p - 1));
  const prices = Array.from({ length: to - from }, (_, i) => BigInt(unitPriceOfPeriod(tariff, from + i)));
  const plain = { name: 'plain integer bill', ms: measure(() => { let y = 0n; for (let i = 0; i < readings.length; i++) y += prices[i]! * readings[i]!; return y; }, 100) };
  row(`${label}: plain integer bill (${to - from} periods)`, plain.ms);
  const billArgs = { kind: StatementKind.bill, meterId: meterKeys.meterId, fromPeriod: from, count: to - from, register: reg, openings, certificates: world.certificates, document: tariffDoc } as const;
  const { bundle } = prove(billArgs);
  row(`${label}: prove bill (customer device or meter)`, measure(() => prove(billArgs), 3), plain);
  const cache = new DocumentCache();
  const verdict = verifyStatementFile(bundle, trust, cache);
  if (!verdict.valid) throw new Error(`bench bill did not verify: ${verdict.detail}`);
  row(`${label}: verify bill, tariff cached (${verdict.pointsUsed} registers, ${verdict.certificates} certs)`, measure(() => verifyStatementFile(bundle, trust, cache), 20), raw.verify);
  row(`${label}: verify bill, cold (tariff signature + parse)`, measure(() => verifyStatementFile(bundle, trust), 10), raw.verify);
  return { world, from, to, bundle, reg };
}

const month = scenario('month', localMidnight(2026, 1, 1), localMidnight(2026, 2, 1) + 0);
{
  // The naive design the issue quotes: decompress every per-period commitment, check every signature, one MSM.
  const { world, from, to } = month;
  const certs = world.certificates.filter((c) => c.firstPeriod + c.count > from - 1 && c.firstPeriod <= to);
  const compressedReadings: Uint8Array[] = [];
  for (let p = from; p < to; p++) {
    const cert = certs.find((c) => p >= c.firstPeriod && p < c.firstPeriod + c.count)!;
    const prevBytes = p === cert.firstPeriod ? cert.startRegister : cert.registers[p - cert.firstPeriod - 1]!;
    compressedReadings.push(p256.Point.fromBytes(cert.registers[p - cert.firstPeriod]!).subtract(p256.Point.fromBytes(prevBytes)).toBytes(true));
  }
  const weights = Array.from({ length: to - from }, (_, i) => BigInt(unitPriceOfPeriod(tariff, from + i)));
  const naive = measure(() => {
    for (const c of certs) verifyCertificateSignature(c, c.signature, trust.meterPublicKey);
    const pts = compressedReadings.map((b) => p256.Point.fromBytes(b));
    return pippenger(p256.Point, pts, weights);
  }, 3);
  row(`month: naive verify (${compressedReadings.length} compressed points, ${certs.length} signatures, MSM)`, naive, raw.verify);
  const m = rows.find((r) => r.name.startsWith('month: verify bill, tariff cached'))!;
  row('month: naive / wattproof verify', naive / m.ms);
  rows[rows.length - 1]!.per = 'ratio';
  // Settlement (per-period prices: every register enters) and a total.
  const voe = signedValueOfEnergy(from, to - from);
  const settle = prove({ kind: StatementKind.settlement, meterId: meterKeys.meterId, fromPeriod: from, count: to - from, register: month.reg, openings, certificates: world.certificates, document: voe });
  const cache = new DocumentCache();
  const sv = verifyStatementFile(settle.bundle, trust, cache);
  if (!sv.valid) throw new Error(sv.detail);
  row(`month: verify settlement, prices cached (${sv.pointsUsed} registers)`, measure(() => verifyStatementFile(settle.bundle, trust, cache), 5), raw.verify);
  const total = prove({ kind: StatementKind.total, meterId: meterKeys.meterId, fromPeriod: from, count: to - from, register: month.reg, openings, certificates: world.certificates });
  row('month: verify certified total (fraud check)', measure(() => verifyStatementFile(total.bundle, trust), 10), raw.verify);
  row('month: decode statement file (hash chain only)', measure(() => decodeBundle(month.bundle), 20), raw.verify);
}
{
  // Batch: a supplier verifying many meters' monthly bills at once.
  const meters = quick ? 2 : 6, copies = quick ? 8 : 40;
  const from = localMidnight(2026, 1, 1), to = localMidnight(2026, 2, 1);
  const files: Uint8Array[] = [], trusts: (typeof trust)[] = [];
  for (let k = 0; k < meters; k++) {
    const keys = { meterId: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, k), meterSecretKey: keyFromSeed(`bench meter ${k}`), meterCustomerKey: keyFromSeed(`bench customer ${k}`) };
    const c = Certifier.genesis(keys, from - 1, 0n);
    const reg = new Map<number, bigint>([[from - 2, 0n]]);
    const certs = [];
    let e = 0n;
    for (let p = from - 1; p < to + 1; p++) { e += BigInt((p * 7 + k * 13) % 1300); reg.set(p, e); c.certify(p, e); if ((p + 1) % 48 === 0) certs.push(c.close()); }
    if (c.pendingCount) certs.push(c.close());
    const { bundle } = prove({ kind: StatementKind.bill, meterId: keys.meterId, fromPeriod: from, count: to - from, register: (p) => reg.get(p)!, openings: new OpeningDeriver(keys.meterCustomerKey, keys.meterId), certificates: certs, document: tariffDoc });
    for (let i = 0; i < copies; i++) { files.push(bundle); trusts.push({ ...trust, meterId: keys.meterId, meterPublicKey: p256.getPublicKey(keys.meterSecretKey, false) }); }
  }
  const cache = new DocumentCache();
  const check = verifyStatementFiles(files, (i) => trusts[i]!, cache);
  if (!check.every((v) => v.valid)) throw new Error('bench batch did not verify');
  const single = rows.find((r) => r.name.startsWith('month: verify bill, tariff cached'))!;
  const batchMs = measure(() => verifyStatementFiles(files, (i) => trusts[i]!, cache), 3) / files.length;
  row(`month: verify bill in a batch of ${files.length} (per bill)`, batchMs, { name: 'single verify', ms: single.ms });
}
if (!quick) scenario('year', localMidnight(2026, 1, 1), localMidnight(2027, 1, 1));

const w = Math.max(...rows.map((r) => r.name.length));
console.log(`wattproof core bench — node ${process.version}, ${quick ? 'quick' : 'full'} run; medians`);
console.log(`${'operation'.padEnd(w)}  ${'median'.padStart(11)}  vs baseline`);
for (const r of rows) {
  const value = r.per === 'ratio' ? `${r.ms.toFixed(1)}x`.padStart(11) : `${r.ms.toFixed(3)} ms`.padStart(11);
  console.log(`${r.name.padEnd(w)}  ${value}  ${r.ratio !== undefined ? `${r.ratio.toFixed(2)}x ${r.baseline}` : ''}`);
}
