import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  LocalPeriodWalker, daysFromCivil, civilFromDays, firstPeriodOfLocalDay, localSlotOfPeriod, londonOffset, periodsInLocalDay, parseDate, formatDate,
} from '../../firmware/core/index.js';

const intlParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function intlLocal(seconds: number) {
  const parts = Object.fromEntries(intlParts.formatToParts(new Date(seconds * 1000)).map((p) => [p.type, p.value]));
  return { day: daysFromCivil(+parts.year!, +parts.month!, +parts.day!), slot: +parts.hour! * 2 + (+parts.minute! >= 30 ? 1 : 0) };
}
const START_1996 = daysFromCivil(1996, 1, 1) * 48;
const END_2099 = daysFromCivil(2099, 12, 31) * 48;

describe('Europe/London civil time', () => {
  it('agrees with the ICU time-zone database for random periods 1996..2099', () => {
    fc.assert(fc.property(fc.integer({ min: START_1996, max: END_2099 }), (p) => {
      assert.deepEqual(localSlotOfPeriod(p), intlLocal(p * 1800));
    }), { numRuns: 5000 });
  });

  it('agrees with ICU on every period around every clock change 1996..2060', () => {
    for (let y = 1996; y <= 2060; y++) {
      for (const m of [3, 10]) {
        const start = daysFromCivil(y, m, 20) * 48;
        for (let p = start; p < start + 14 * 48; p++) assert.deepEqual(localSlotOfPeriod(p), intlLocal(p * 1800), `period ${p}`);
      }
    }
  });

  it('has 46-period spring days and 50-period autumn days, 48 otherwise', () => {
    assert.equal(periodsInLocalDay(daysFromCivil(2026, 3, 29)), 46);
    assert.equal(periodsInLocalDay(daysFromCivil(2026, 10, 25)), 50);
    assert.equal(periodsInLocalDay(daysFromCivil(2026, 3, 28)), 48);
    assert.equal(periodsInLocalDay(daysFromCivil(2027, 3, 28)), 46);
    assert.equal(periodsInLocalDay(daysFromCivil(2027, 10, 31)), 50);
    let total = 0;
    for (let d = daysFromCivil(2026, 1, 1); d < daysFromCivil(2027, 1, 1); d++) total += periodsInLocalDay(d);
    assert.equal(total, 365 * 48);
  });

  it('local midnight is 23:00 UTC in summer and 00:00 UTC in winter', () => {
    assert.equal(firstPeriodOfLocalDay(daysFromCivil(2026, 7, 1)) * 1800, Date.UTC(2026, 5, 30, 23) / 1000);
    assert.equal(firstPeriodOfLocalDay(daysFromCivil(2026, 12, 1)) * 1800, Date.UTC(2026, 11, 1) / 1000);
    assert.equal(londonOffset(Date.UTC(2026, 2, 29, 0, 59) / 1000), 0);
    assert.equal(londonOffset(Date.UTC(2026, 2, 29, 1, 0) / 1000), 3600);
    assert.equal(londonOffset(Date.UTC(2026, 9, 25, 0, 59) / 1000), 3600);
    assert.equal(londonOffset(Date.UTC(2026, 9, 25, 1, 0) / 1000), 0);
  });

  it('the sequential walker matches the direct computation across years', () => {
    fc.assert(fc.property(fc.integer({ min: START_1996, max: END_2099 - 40000 }), (p0) => {
      const w = new LocalPeriodWalker(p0);
      for (let p = p0; p < p0 + 20000; p += 1) {
        if (p > p0) w.next();
        const s = localSlotOfPeriod(p);
        if (w.day !== s.day || w.slot !== s.slot || w.period !== p) assert.fail(`walker diverged at ${p}`);
      }
    }), { numRuns: 20 });
  });

  it('civil date conversions round-trip and dates are validated', () => {
    fc.assert(fc.property(fc.integer({ min: -100000, max: 100000 }), (d) => {
      const c = civilFromDays(d);
      assert.equal(daysFromCivil(c.y, c.m, c.d), d);
    }));
    assert.equal(formatDate(parseDate('2028-02-29', 'x')), '2028-02-29');
    assert.throws(() => parseDate('2027-02-29', 'validFrom'), /bad-date: validFrom: no such date/);
    assert.throws(() => parseDate('1995-12-31', 'validFrom'), /bad-date: validFrom: year must be/);
    assert.throws(() => parseDate('2026-1-1', 'holidays[0]'), /bad-date: holidays\[0\]/);
  });
});
