// Fuzzing every parser of external data: random bytes, mutated valid inputs and
// mutated JSON. A parser may only answer with a value or a WattproofError; the
// verifier may only answer with a verdict, never throw.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  OpeningDeriver, StatementKind, prove, verifyStatementFile, decodeBundle, decodeCertificate, decodeDocument, documentJson,
  parseTariff, parseValueOfEnergy, utf8Decode, WattproofError,
} from '../../firmware/core/index.js';
import { certifiedWorld, localMidnight, meterKeys, sampleTariff, signedTariff, trust } from '../support/fixtures.js';

function onlyNamedErrors(f: () => unknown): void {
  try { f(); } catch (e) {
    if (!(e instanceof WattproofError)) throw new Error(`unnamed error: ${(e as Error)?.stack ?? e}`);
    assert.match(e.code, /^[a-z0-9-]+$/);
  }
}

const from = localMidnight(2026, 6, 1), to = localMidnight(2026, 6, 4);
const world = certifiedWorld(from - 2, to - from + 4, 3);
const openings = new OpeningDeriver(meterKeys.meterCustomerKey, meterKeys.meterId);
const { bundle } = prove({ kind: StatementKind.bill, meterId: meterKeys.meterId, fromPeriod: from, count: to - from, register: (p) => world.registers.get(p)!, openings, certificates: world.certificates, document: signedTariff() });

const mutation = fc.record({
  at: fc.nat(), kind: fc.constantFrom('flip', 'set', 'cut', 'insert', 'delete'), value: fc.integer({ min: 0, max: 255 }), bit: fc.integer({ min: 0, max: 7 }),
});
function mutate(b: Uint8Array, m: { at: number; kind: string; value: number; bit: number }): Uint8Array {
  const at = b.length ? m.at % b.length : 0;
  const c = b.slice();
  switch (m.kind) {
    case 'flip': if (c.length) c[at]! ^= 1 << m.bit; return c;
    case 'set': if (c.length) c[at] = m.value; return c;
    case 'cut': return c.subarray(0, at);
    case 'insert': { const d = new Uint8Array(c.length + 1); d.set(c.subarray(0, at)); d[at] = m.value; d.set(c.subarray(at), at + 1); return d; }
    default: { const d = new Uint8Array(Math.max(0, c.length - 1)); d.set(c.subarray(0, at)); d.set(c.subarray(at + 1), at); return d; }
  }
}

describe('fuzzing the parsers', () => {
  it('random bytes: bundle, certificate and document decoders name their errors', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
      onlyNamedErrors(() => decodeBundle(b));
      onlyNamedErrors(() => decodeCertificate(b));
      onlyNamedErrors(() => decodeDocument(b));
      onlyNamedErrors(() => utf8Decode(b));
    }), { numRuns: 3000 });
  });

  it('mutated statement files: the verifier never throws and never accepts a changed file', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
      let b = bundle;
      for (const m of ms) b = mutate(b, m);
      const v = verifyStatementFile(b, trust);
      if (v.valid) {
        accepted++;
        // the only acceptable "mutations" are those that left the bytes unchanged
        assert.deepEqual(b, bundle);
      } else {
        assert.ok(v.reason.length > 0 && v.detail.length > 0);
      }
    }), { numRuns: 400 });
    assert.ok(accepted < 400);
  });

  it('mutated tariff JSON: parseTariff names its errors', () => {
    const text = JSON.stringify(sampleTariff);
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      let b: Uint8Array = new TextEncoder().encode(text);
      for (const m of ms) b = mutate(b, m);
      onlyNamedErrors(() => {
        const doc = { ...signedTariff(), body: b };
        parseTariff(documentJson(doc));
      });
    }), { numRuns: 1500 });
  });

  it('structurally random tariffs and value-of-energy documents', () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    fc.assert(fc.property(anyJson, fc.constantFrom(...Object.keys(sampleTariff)), (v, key) => {
      onlyNamedErrors(() => parseTariff({ ...sampleTariff, [key]: v } as Record<string, unknown>));
      onlyNamedErrors(() => parseValueOfEnergy({ format: 'wattproof-value-of-energy/1', publisher: 'x', version: 1, firstPeriod: 5, prices: v } as Record<string, unknown>));
      onlyNamedErrors(() => parseTariff(v as Record<string, unknown>));
    }), { numRuns: 2000 });
  });
});
