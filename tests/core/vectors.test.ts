// Known-answer vectors (tests/vectors/core-v1.json), checked two ways: the core
// recomputes them, and an independent reading of docs/protocol.md (Node's
// crypto for SHA-256 and HKDF, noble only for curve arithmetic) re-derives them.
import { strict as assert } from 'node:assert';
import { createHash, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { p256 } from '@noble/curves/nist.js';
import { computeVectors } from '../../tools/vectors/compute.js';
import { fromHex, verifyStatementFile, toHex } from '../../firmware/core/index.js';

const vectors = JSON.parse(readFileSync(new URL('../vectors/core-v1.json', import.meta.url), 'utf8'));
const P = p256.Point;
const n = P.Fn.ORDER;
const tagged = (tag: string, data: Uint8Array) => new Uint8Array(createHash('sha256').update(Uint8Array.of(tag.length)).update(tag).update(data).digest());

describe('known-answer vectors', () => {
  it('the core reproduces every committed vector byte for byte', () => {
    assert.deepEqual(computeVectors(), vectors);
  });

  it('H is the RFC 9380 P256_XMD:SHA-256_SSWU_RO_ hash of the documented message under the documented DST', async () => {
    const { p256_hasher } = await import('@noble/curves/nist.js');
    const h = p256_hasher.hashToCurve(new TextEncoder().encode('pedersen generator H'), { DST: 'WATTPROOF-V1-CS01-with-P256_XMD:SHA-256_SSWU_RO_' });
    assert.equal(toHex(h.toBytes(false)), vectors.generatorH);
  });

  it('openings follow the spec: HKDF-SHA-256, 48 bytes, mod (n-1) + 1', () => {
    const info = (p: number) => Buffer.concat([Buffer.from('wattproof/v1/register-opening'), Buffer.from(vectors.meterId, 'hex'), Buffer.from([p >>> 24, (p >>> 16) & 255, (p >>> 8) & 255, p & 255])]);
    for (const o of vectors.openings) {
      const okm = Buffer.from(hkdfSync('sha256', Buffer.from(vectors.meterCustomerKey, 'hex'), Buffer.from('wattproof/v1/register-opening'), info(o.period), 48));
      const rho = (BigInt('0x' + okm.toString('hex')) % (n - 1n)) + 1n;
      assert.equal(rho.toString(16).padStart(64, '0'), o.opening);
    }
  });

  it('the cloned-HMAC opening derivation equals HKDF-Expand for random keys, meters and periods', async () => {
    const fc = (await import('fast-check')).default;
    const { expand, extract } = await import('@noble/hashes/hkdf.js');
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const { OpeningDeriver } = await import('../../firmware/core/index.js');
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 0xffffffff }), (k, id, p) => {
      const tag = new TextEncoder().encode('wattproof/v1/register-opening');
      const okm = expand(sha256, extract(sha256, k, tag), Uint8Array.from([...tag, ...id, p >>> 24, (p >>> 16) & 255, (p >>> 8) & 255, p & 255]), 48);
      assert.equal(new OpeningDeriver(k, id).opening(p), (BigInt('0x' + Buffer.from(okm).toString('hex')) % (n - 1n)) + 1n);
    }), { numRuns: 200 });
  });

  it('commitments are E*G + rho*H in SEC1 uncompressed form', () => {
    const H = P.fromHex(vectors.generatorH);
    vectors.commitments.forEach((c: { period: number; register: string; commitment: string }, i: number) => {
      const rho = BigInt('0x' + vectors.openings[i].opening);
      const K = P.BASE.multiply(BigInt(c.register)).add(H.multiply(rho));
      assert.equal(toHex(K.toBytes(false)), c.commitment);
    });
  });

  it('certificates: hash = SHA-256(len || tag || body), signature verifies, chain links by offset', () => {
    let prevHash = '00'.repeat(32);
    for (const c of vectors.certificates) {
      const bytes = fromHex(c.bytes);
      const body = bytes.subarray(0, bytes.length - 65);
      assert.equal(body.length, 116 + 65 * c.count);
      assert.equal(toHex(tagged('wattproof/v1/certificate', body)), c.hash);
      assert.equal(toHex(body.subarray(19, 51)), prevHash);
      // signature: recovery id (1 byte) || r || s; the compact part verifies as plain ECDSA
      const sig = bytes.subarray(bytes.length - 65);
      assert.ok(sig[0]! <= 3);
      assert.ok(p256.verify(sig.subarray(1), fromHex(c.hash), fromHex(vectors.meterPublicKey), { prehash: false }));
      prevHash = c.hash;
    }
  });

  it('the statement verifies, and its result and equation hold when recomputed from the spec alone', () => {
    const verdict = verifyStatementFile(fromHex(vectors.statement.bundle), { meterPublicKey: fromHex(vectors.meterPublicKey), tariffPublicKey: fromHex(vectors.supplierPublicKey) });
    assert.equal(verdict.valid, true, verdict.valid ? '' : verdict.detail);
    const body = vectors.tariffDocument.body;
    assert.equal(toHex(tagged('wattproof/v1/document/tariff', new TextEncoder().encode(body))), vectors.tariffDocument.hash);
    // Independent band look-up: the Europe/London clock from Intl, the slots from the JSON.
    const tariff = JSON.parse(body);
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const price = (p: number) => {
      const [hh, mm] = fmt.format(new Date(p * 1800 * 1000)).split(':').map(Number) as [number, number];
      const slot = hh * 2 + (mm >= 30 ? 1 : 0);
      const s = tariff.schedules[0].slots.find((x: { from: string; to: string }) => {
        const t = (v: string) => Number(v.slice(0, 2)) * 2 + (v.slice(3) === '30' ? 1 : 0);
        return t(x.from) <= slot && slot < t(x.to);
      });
      return BigInt(tariff.bands[s.band]);
    };
    // Registers and commitments straight from the certificate bytes (offsets of §5).
    const registers = new Map<number, bigint>();
    const commitments = new Map<number, Uint8Array>();
    for (const c of vectors.certificates) {
      const b = fromHex(c.bytes);
      const first = (b[13]! << 24 >>> 0) + (b[14]! << 16) + (b[15]! << 8) + b[16]!;
      commitments.set(first - 1, b.subarray(51, 116));
      for (let i = 0; i < c.count; i++) commitments.set(first + i, b.subarray(116 + 65 * i, 181 + 65 * i));
    }
    // Registers re-derived from the vector inputs (initial 5,000,000 Wh plus readings (i*7919) mod 1201).
    const firstPeriod = vectors.certificates[0].firstPeriod;
    let e = 5_000_000n;
    registers.set(firstPeriod - 1, e);
    for (let i = 0; i < vectors.statement.count + 4; i++) { e += BigInt((i * 7919) % 1201); registers.set(firstPeriod + i, e); }
    const from = vectors.statement.fromPeriod, count = vectors.statement.count;
    let y = 0n;
    let lhs = P.ZERO;
    for (let p = from; p < from + count; p++) {
      const w = price(p);
      y += w * (registers.get(p)! - registers.get(p - 1)!);
      lhs = lhs.add(P.fromBytes(commitments.get(p)!).subtract(P.fromBytes(commitments.get(p - 1)!)).multiply(w));
    }
    assert.equal(y.toString(), vectors.statement.result);
    const H = P.fromHex(vectors.generatorH);
    assert.ok(lhs.equals(P.BASE.multiply(y).add(H.multiply(BigInt('0x' + vectors.statement.R)))));
    // standing charge: two local days; amount: pence, half away from zero
    assert.equal(vectors.statement.standingCharge, String(2 * tariff.standingChargeMillipencePerDay));
    const total = y + 2n * BigInt(tariff.standingChargeMillipencePerDay) * 1000n;
    assert.equal(vectors.statement.amount, String((total + 500_000n) / 1_000_000n));
    assert.equal(count, 98); // 2026-10-25 has 50 periods, 2026-10-26 has 48
  });
});
