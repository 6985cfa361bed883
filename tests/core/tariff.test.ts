import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  parseTariff, unitPriceOfPeriod, bandOfPeriod, forEachPriceRun, parseValueOfEnergy, daysFromCivil, firstPeriodOfLocalDay, WattproofError,
} from '../../firmware/core/index.js';
import { sampleTariff, localMidnight } from '../support/fixtures.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
function rejects(mutate: (t: any) => void, code: string, field: RegExp | string) {
  const t = clone(sampleTariff) as any;
  mutate(t);
  try {
    parseTariff(t);
  } catch (e) {
    assert.ok(e instanceof WattproofError, `expected WattproofError, got ${e}`);
    assert.equal(e.code, code, e.message);
    if (typeof field === 'string') assert.equal(e.field, field, e.message); else assert.match(e.field ?? '', field, e.message);
    return;
  }
  assert.fail(`accepted a tariff that should fail with ${code}`);
}

describe('tariffs', () => {
  const t = parseTariff(sampleTariff);

  it('prices periods by band in local time, weekends and holidays included', () => {
    const mon = localMidnight(2026, 6, 1); // Monday, BST
    assert.equal(bandOfPeriod(t, mon), 'night');
    assert.equal(bandOfPeriod(t, mon + 14), 'day'); // 07:00 local
    assert.equal(bandOfPeriod(t, mon + 13), 'night'); // 06:30
    assert.equal(bandOfPeriod(t, mon + 32), 'peak'); // 16:00
    assert.equal(bandOfPeriod(t, mon + 38), 'day'); // 19:00
    const sat = localMidnight(2026, 6, 6);
    assert.equal(bandOfPeriod(t, sat + 15), 'night'); // 07:30 on a Saturday
    assert.equal(bandOfPeriod(t, sat + 16), 'day');
    const christmas = localMidnight(2026, 12, 25); // a Friday, listed as a holiday
    assert.equal(bandOfPeriod(t, christmas + 33), 'day');
    assert.equal(unitPriceOfPeriod(t, christmas + 33), 27030);
    assert.equal(bandOfPeriod(t, localMidnight(2026, 12, 24) + 33), 'peak');
  });

  it('follows the local clock on both clock-change days', () => {
    const spring = localMidnight(2026, 3, 29); // Sunday: 46 periods
    assert.equal(firstPeriodOfLocalDay(daysFromCivil(2026, 3, 30)) - spring, 46);
    assert.equal(bandOfPeriod(t, spring + 13), 'night'); // 07:30 BST (after the skipped hour)
    assert.equal(bandOfPeriod(t, spring + 14), 'day'); // 08:00 BST
    const autumnMon = localMidnight(2027, 10, 31); // Sunday: 50 periods
    assert.equal(bandOfPeriod(t, autumnMon + 17), 'night'); // 07:30 GMT
    assert.equal(bandOfPeriod(t, autumnMon + 18), 'day');
  });

  it('price runs agree with per-period look-ups for random ranges', () => {
    const lo = localMidnight(2026, 1, 1), hi = localMidnight(2027, 10, 1);
    fc.assert(fc.property(fc.integer({ min: lo, max: hi }), fc.integer({ min: 1, max: 3000 }), (from, count) => {
      const expected: number[] = [];
      for (let p = from; p < from + count; p++) expected.push(unitPriceOfPeriod(t, p));
      const got: number[] = [];
      let next = from;
      forEachPriceRun(t, from, count, (a, b, price) => {
        assert.equal(a, next); assert.ok(b > a);
        for (let p = a; p < b; p++) got.push(price);
        next = b;
      });
      assert.deepEqual(got, expected);
    }), { numRuns: 60 });
  });

  it('refuses periods outside its validity', () => {
    assert.throws(() => unitPriceOfPeriod(t, localMidnight(2028, 1, 1)), /tariff-not-valid/);
  });

  it('names the offending field for malformed tariffs', () => {
    rejects((x) => { x.format = 'tariff/2'; }, 'bad-format', 'format');
    rejects((x) => { x.bands.day = -1; }, 'negative', 'bands.day');
    rejects((x) => { x.bands.day = 270.3; }, 'non-integer', 'bands.day');
    rejects((x) => { x.bands.day = '27030'; }, 'bad-field', 'bands.day');
    rejects((x) => { x.standingChargeMillipencePerDay = 1.5; }, 'non-integer', 'standingChargeMillipencePerDay');
    rejects((x) => { x.schedules[0].slots[1].band = 'evening'; }, 'unknown-band', 'schedules[0].slots[1].band');
    rejects((x) => { x.schedules[0].slots[1].from = '06:30'; }, 'coverage-overlap', 'schedules[0].slots[1].from');
    rejects((x) => { x.schedules[0].slots[1].from = '07:30'; }, 'coverage-gap', 'schedules[0].slots[1].from');
    rejects((x) => { x.schedules[0].slots[3].to = '23:30'; }, 'coverage-gap', 'schedules[0].slots');
    rejects((x) => { x.schedules[0].slots[0].to = '07:15'; }, 'bad-time', 'schedules[0].slots[0].to');
    rejects((x) => { x.schedules[1].days = ['sat', 'hol']; }, 'coverage-gap', 'schedules');
    rejects((x) => { x.schedules[1].days = ['sat', 'sun', 'hol', 'fri']; }, 'coverage-overlap', 'schedules[1]');
    rejects((x) => { x.schedules[0].days.push('funday'); }, 'bad-day', 'schedules[0].days[5]');
    rejects((x) => { x.schedules[0].seasons = [{ from: '01-01', to: '06-30' }]; }, 'coverage-gap', 'schedules');
    rejects((x) => { x.schedules[0].seasons = [{ from: '02-30', to: '06-30' }]; }, 'bad-date', 'schedules[0].seasons[0].from');
    rejects((x) => { x.validTo = '2025-12-31'; }, 'bad-date', 'validTo');
    rejects((x) => { x.validFrom = '2026-13-01'; }, 'bad-date', 'validFrom');
    rejects((x) => { x.holidays = ['2025-12-25']; }, 'bad-date', 'holidays[0]');
    rejects((x) => { x.holidays = ['2026-12-25', '2026-12-25']; }, 'bad-date', 'holidays[1]');
    rejects((x) => { x.version = 0; }, 'out-of-range', 'version');
    rejects((x) => { x.surcharge = 5; }, 'unknown-field', 'surcharge');
    rejects((x) => { delete x.bands; }, 'bad-field', 'bands');
  });

  it('supports seasons that wrap over the new year', () => {
    const s = clone(sampleTariff) as any;
    s.schedules = [
      { name: 'winter', seasons: [{ from: '10-01', to: '03-31' }], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'hol'], slots: [{ from: '00:00', to: '24:00', band: 'peak' }] },
      { name: 'summer', seasons: [{ from: '04-01', to: '09-30' }], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'hol'], slots: [{ from: '00:00', to: '24:00', band: 'night' }] },
    ];
    const w = parseTariff(s);
    assert.equal(bandOfPeriod(w, localMidnight(2027, 1, 15) + 20), 'peak');
    assert.equal(bandOfPeriod(w, localMidnight(2026, 7, 15) + 20), 'night');
    assert.equal(bandOfPeriod(w, localMidnight(2026, 2, 28) + 20), 'peak');
  });
});

describe('value-of-energy documents', () => {
  it('accepts negative prices and names bad entries', () => {
    const v = parseValueOfEnergy({ format: 'wattproof-value-of-energy/1', publisher: 'SB', version: 1, firstPeriod: 100, prices: [5, -3, 0] });
    assert.deepEqual([...v.prices], [5, -3, 0]);
    assert.throws(() => parseValueOfEnergy({ format: 'wattproof-value-of-energy/1', publisher: 'SB', version: 1, firstPeriod: 100, prices: [5, 2.5] }), /non-integer: prices\[1\]/);
    assert.throws(() => parseValueOfEnergy({ format: 'wattproof-value-of-energy/1', publisher: 'SB', version: 1, firstPeriod: 100, prices: [] }), /bad-field: prices/);
  });
});
