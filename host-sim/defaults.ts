// Built-in inputs for `npm start`: a three-band time-of-use tariff with GB bank
// holidays, and a value-of-energy series shaped like GB system prices.
import { daysFromCivil, firstPeriodOfLocalDay, localSlotOfPeriod } from '../firmware/core/london-time.js';

export const DEFAULT_TARIFF = Object.freeze({
  format: 'wattproof-tariff/1',
  tariffId: 'ACME-TOU-3',
  version: 1,
  supplier: 'Acme Energy Ltd',
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
  standingChargeMillipencePerDay: 60970,
  bands: { night: 13500, day: 27030, peak: 39110 },
  holidays: ['2026-12-25', '2026-12-26', '2027-01-01'],
  schedules: [
    { name: 'weekday', seasons: [{ from: '01-01', to: '12-31' }], days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      slots: [{ from: '00:00', to: '07:00', band: 'night' }, { from: '07:00', to: '16:00', band: 'day' },
        { from: '16:00', to: '19:00', band: 'peak' }, { from: '19:00', to: '24:00', band: 'day' }] },
    { name: 'weekend-and-holiday', seasons: [{ from: '01-01', to: '12-31' }], days: ['sat', 'sun', 'hol'],
      slots: [{ from: '00:00', to: '08:00', band: 'night' }, { from: '08:00', to: '24:00', band: 'day' }] },
  ],
});

/** Deterministic settlement prices (mp/kWh) for [firstPeriod, firstPeriod + count): cheap nights, dear evenings, rare negatives. */
export function valueOfEnergyJson(firstPeriod: number, count: number, seed: number, version = 1): Record<string, unknown> {
  let x = (seed * 2654435761) >>> 0 || 1;
  const rnd = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
  const prices: number[] = [];
  for (let p = firstPeriod; p < firstPeriod + count; p++) {
    const { slot } = localSlotOfPeriod(p);
    const hour = slot / 2;
    let price = 6000 + 2500 * Math.exp(-((hour - 18) ** 2) / 4) + 1200 * Math.exp(-((hour - 8) ** 2) / 3) - (hour < 5 ? 1800 : 0);
    price += (rnd() - 0.5) * 1600;
    if (rnd() < 0.01) price = -500 - rnd() * 2000;
    prices.push(Math.round(price));
  }
  return { format: 'wattproof-value-of-energy/1', publisher: 'Settlement Body (simulated)', version, firstPeriod, prices };
}

export function localMidnightPeriod(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return firstPeriodOfLocalDay(daysFromCivil(y, m, d));
}
