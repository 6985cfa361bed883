// Time-of-use tariffs. Prices are integer millipence per kWh (mp/kWh); a
// reading in Wh times a price gives micropence (µp) exactly. Bands are chosen
// by the Europe/London local clock: date (seasons, holidays), day of week and
// half-hour of day. docs/protocol.md §7 defines the JSON form.
import { fail } from './errors.js';
import { arr, exact, int, obj, onlyKeys, str } from './validate.js';
import { LocalPeriodWalker, daysFromCivil, formatDate, localSlotOfPeriod, parseDate, weekdayOfDay, civilFromDays } from './london-time.js';

export const TARIFF_FORMAT = 'wattproof-tariff/1';
export const MAX_UNIT_PRICE = 10_000_000; // mp/kWh = £100/kWh
export const MAX_STANDING_CHARGE = 100_000_000; // mp/day = £1,000/day
export const MAX_VALIDITY_DAYS = 3660;
export const DAY_TYPES = Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'hol'] as const);
export type DayType = (typeof DAY_TYPES)[number];
const HOLIDAY = 7;
const BAND_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MMDD_RE = /^(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

export interface Tariff {
  tariffId: string;
  version: number;
  supplier: string;
  validFromDay: number;
  validToDay: number;
  standingChargePerDay: number;
  bands: ReadonlyMap<string, number>;
  holidays: ReadonlySet<number>;
  scheduleNames: readonly string[];
  /** [dayOfLeapYear * 8 + dayType] -> schedule index. */
  scheduleOf: Int16Array;
  /** [schedule * 48 + slot] -> unit price in mp/kWh. */
  slotPrice: Int32Array;
  /** [schedule * 48 + slot] -> band index into bandNames. */
  slotBand: Uint8Array;
  bandNames: readonly string[];
}

/** Day of a leap year (0..365) for a month-day, so 02-29 has its own place. */
function mmddIndex(m: number, d: number): number { return daysFromCivil(2000, m, d) - daysFromCivil(2000, 1, 1); }

function parseMmdd(v: unknown, field: string): number {
  const m = typeof v === 'string' ? MMDD_RE.exec(v) : null;
  if (!m) return fail('bad-date', `expected MM-DD, got ${JSON.stringify(v)}`, field);
  const mo = +m[1]!, d = +m[2]!;
  if (mo < 1 || mo > 12 || d < 1 || d > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!) fail('bad-date', `no such month-day ${v}`, field);
  return mmddIndex(mo, d);
}

function parseTime(v: unknown, field: string, allow24: boolean): number {
  const m = typeof v === 'string' ? TIME_RE.exec(v) : null;
  if (!m) return fail('bad-time', `expected HH:MM, got ${JSON.stringify(v)}`, field);
  const h = +m[1]!, mi = +m[2]!;
  if (mi !== 0 && mi !== 30) fail('bad-time', `times fall on half-hours (:00 or :30), got ${v}`, field);
  const slot = h * 2 + mi / 30;
  if (slot > 48 || (slot === 48 && !allow24)) fail('bad-time', `time ${v} out of range`, field);
  return slot;
}

function mmddName(i: number): string { return formatDate(daysFromCivil(2000, 1, 1) + i).slice(5); }

export function parseTariff(json: Record<string, unknown>): Tariff {
  const t = obj(json, '');
  onlyKeys(t, ['format', 'tariffId', 'version', 'supplier', 'validFrom', 'validTo', 'standingChargeMillipencePerDay', 'bands', 'holidays', 'schedules'], '');
  exact(t.format, TARIFF_FORMAT, 'format');
  const tariffId = str(t.tariffId, 'tariffId', /^[\x21-\x7e]{1,64}$/);
  const version = int(t.version, 'version', 1, 0x7fffffff, 'version');
  const supplier = str(t.supplier, 'supplier');
  if (supplier.length < 1 || supplier.length > 128) fail('bad-field', 'supplier must be 1..128 characters', 'supplier');
  const validFromDay = parseDate(t.validFrom, 'validFrom');
  const validToDay = parseDate(t.validTo, 'validTo');
  if (validToDay < validFromDay) fail('bad-date', `validTo ${t.validTo} is before validFrom ${t.validFrom}`, 'validTo');
  if (validToDay - validFromDay + 1 > MAX_VALIDITY_DAYS) fail('bad-date', `validity exceeds ${MAX_VALIDITY_DAYS} days`, 'validTo');
  const standingChargePerDay = int(t.standingChargeMillipencePerDay, 'standingChargeMillipencePerDay', 0, MAX_STANDING_CHARGE, 'standing charge');

  const bandsObj = obj(t.bands, 'bands');
  const bandNames = Object.keys(bandsObj);
  if (bandNames.length < 1 || bandNames.length > 64) fail('bad-field', 'a tariff has 1..64 bands', 'bands');
  const bands = new Map<string, number>();
  for (const name of bandNames) {
    if (!BAND_RE.test(name)) fail('bad-band', `band name ${JSON.stringify(name)} must match ${BAND_RE}`, `bands.${name}`);
    bands.set(name, int(bandsObj[name], `bands.${name}`, 0, MAX_UNIT_PRICE, 'price'));
  }

  const holidays = new Set<number>();
  const holidayList = t.holidays === undefined ? [] : arr(t.holidays, 'holidays', 0, 2000);
  holidayList.forEach((h, i) => {
    const day = parseDate(h, `holidays[${i}]`);
    if (day < validFromDay || day > validToDay) fail('bad-date', `holiday ${h} lies outside the validity period`, `holidays[${i}]`);
    if (holidays.has(day)) fail('bad-date', `holiday ${h} listed twice`, `holidays[${i}]`);
    holidays.add(day);
  });
  const holidayMmdd = new Set<number>();
  for (const day of holidays) { const c = civilFromDays(day); holidayMmdd.add(mmddIndex(c.m, c.d)); }

  const schedules = arr(t.schedules, 'schedules', 1, 256);
  const scheduleNames: string[] = [];
  const slotPrice = new Int32Array(schedules.length * 48);
  const slotBand = new Uint8Array(schedules.length * 48);
  const scheduleOf = new Int16Array(366 * 8).fill(-1);
  schedules.forEach((sv, si) => {
    const f = `schedules[${si}]`;
    const s = obj(sv, f);
    onlyKeys(s, ['name', 'seasons', 'days', 'slots'], f);
    const name = str(s.name, `${f}.name`, /^.{1,64}$/);
    scheduleNames.push(name);
    const dayTypes = arr(s.days, `${f}.days`, 1, 8).map((d, i) => {
      const k = DAY_TYPES.indexOf(d as DayType);
      if (k < 0) fail('bad-day', `unknown day ${JSON.stringify(d)} (use ${DAY_TYPES.join(', ')})`, `${f}.days[${i}]`);
      return k;
    });
    if (new Set(dayTypes).size !== dayTypes.length) fail('bad-day', 'a day is listed twice', `${f}.days`);
    const dates = new Uint8Array(366);
    arr(s.seasons, `${f}.seasons`, 1, 64).forEach((rv, ri) => {
      const rf = `${f}.seasons[${ri}]`;
      const r = obj(rv, rf);
      onlyKeys(r, ['from', 'to'], rf);
      const from = parseMmdd(r.from, `${rf}.from`), to = parseMmdd(r.to, `${rf}.to`);
      for (let i = from; ; i = (i + 1) % 366) { dates[i] = 1; if (i === to) break; } // wraps over new year
    });
    let next = 0;
    arr(s.slots, `${f}.slots`, 1, 48).forEach((xv, xi) => {
      const xf = `${f}.slots[${xi}]`;
      const x = obj(xv, xf);
      onlyKeys(x, ['from', 'to', 'band'], xf);
      const from = parseTime(x.from, `${xf}.from`, false), to = parseTime(x.to, `${xf}.to`, true);
      if (from < next) fail('coverage-overlap', `slot starts at ${x.from}, overlapping the previous slot`, `${xf}.from`);
      if (from > next) fail('coverage-gap', `nothing covers ${slotName(next)}..${x.from}`, `${xf}.from`);
      if (to <= from) fail('bad-time', `slot ends at ${x.to}, not after its start ${x.from}`, `${xf}.to`);
      const band = str(x.band, `${xf}.band`);
      const price = bands.get(band);
      if (price === undefined) fail('unknown-band', `band ${JSON.stringify(band)} is not in bands`, `${xf}.band`);
      const bandIndex = bandNames.indexOf(band);
      for (let k = from; k < to; k++) { slotPrice[si * 48 + k] = price; slotBand[si * 48 + k] = bandIndex; }
      next = to;
    });
    if (next !== 48) fail('coverage-gap', `nothing covers ${slotName(next)}..24:00`, `${f}.slots`);
    for (let d = 0; d < 366; d++) {
      if (!dates[d]) continue;
      for (const k of dayTypes) {
        const prev = scheduleOf[d * 8 + k]!;
        if (prev >= 0) fail('coverage-overlap', `${mmddName(d)} ${DAY_TYPES[k]} is covered by schedules[${prev}] (${scheduleNames[prev]}) and schedules[${si}] (${name})`, f);
        scheduleOf[d * 8 + k] = si;
      }
    }
  });
  for (let d = 0; d < 366; d++) {
    for (let k = 0; k < 8; k++) {
      if (k === HOLIDAY && !holidayMmdd.has(d)) continue;
      if (scheduleOf[d * 8 + k]! < 0) fail('coverage-gap', `no schedule covers ${mmddName(d)} ${DAY_TYPES[k]}`, 'schedules');
    }
  }
  return Object.freeze({ tariffId, version, supplier, validFromDay, validToDay, standingChargePerDay, bands, holidays, scheduleNames, scheduleOf, slotPrice, slotBand, bandNames });
}

function slotName(slot: number): string { return `${String(slot >> 1).padStart(2, '0')}:${slot & 1 ? '30' : '00'}`; }

function scheduleIndex(t: Tariff, day: number): number {
  if (day < t.validFromDay || day > t.validToDay)
    fail('tariff-not-valid', `tariff ${t.tariffId} v${t.version} is valid ${formatDate(t.validFromDay)}..${formatDate(t.validToDay)}, not on ${formatDate(day)}`);
  const c = civilFromDays(day);
  const k = t.holidays.has(day) ? HOLIDAY : weekdayOfDay(day);
  return t.scheduleOf[mmddIndex(c.m, c.d) * 8 + k]!;
}

/** Unit price (mp/kWh) for a UTC settlement period. */
export function unitPriceOfPeriod(t: Tariff, period: number): number {
  const { day, slot } = localSlotOfPeriod(period);
  return t.slotPrice[scheduleIndex(t, day) * 48 + slot]!;
}

export function bandOfPeriod(t: Tariff, period: number): string {
  const { day, slot } = localSlotOfPeriod(period);
  return t.bandNames[t.slotBand[scheduleIndex(t, day) * 48 + slot]!]!;
}

/**
 * Calls run(start, end, price) for each maximal run of periods [start, end) of
 * equal unit price in [from, from + count): the verifier visits only price changes.
 */
export function forEachPriceRun(t: Tariff, from: number, count: number, run: (start: number, end: number, price: number) => void): void {
  const walker = new LocalPeriodWalker(from);
  let day = walker.day, base = scheduleIndex(t, day) * 48;
  let runStart = from, runPrice = t.slotPrice[base + walker.slot]!;
  for (let i = 1; i < count; i++) {
    walker.next();
    if (walker.day !== day) { day = walker.day; base = scheduleIndex(t, day) * 48; }
    const price = t.slotPrice[base + walker.slot]!;
    if (price !== runPrice) { run(runStart, walker.period, runPrice); runStart = walker.period; runPrice = price; }
  }
  run(runStart, from + count, runPrice);
}
